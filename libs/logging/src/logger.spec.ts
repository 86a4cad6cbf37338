import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PinoNestLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new PinoNestLogger(pino({ level: 'trace' }, stream)) };
}

describe('PinoNestLogger', () => {
  it('writes Nest messages as JSON with their context', () => {
    const { lines, logger } = capture();
    logger.log('listening', 'NestApplication');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'listening', context: 'NestApplication' });
  });

  it('keeps the stack and context of errors apart', () => {
    const { lines, logger } = capture();
    logger.error('boom', 'Error: boom\n    at x', 'RoutesResolver');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', stack: 'Error: boom\n    at x', context: 'RoutesResolver' });
    logger.error(new Error('bad'), 'http');
    expect(lines[1]).toMatchObject({ level: 50, msg: 'bad', context: 'http' });
    expect((lines[1]?.['err'] as { type: string }).type).toBe('Error');
  });
});
