import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';

/**
 * One pino logger per process writing JSON lines to stdout. Credentials never reach the log: the
 * authorization header and anything named like a key or password are redacted. So are the arguments of a failed
 * Redis command (ioredis' `err.command.args`): a BullMQ script's keys and payload, kilobytes per line.
 */
export function createLogger(level: string, name: string): Pino {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.password', '*.apiKey', '*.key', 'err.command.args'],
      censor: '[redacted]',
    },
  });
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's logger interface over pino, so framework messages are JSON lines too. Nest calls
 * `error(message, stack?, context?)` and `log(message, context?)`: the last string parameter is the context.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const strings = params.filter((p): p is string => typeof p === 'string');
    const fields: Record<string, unknown> = {};
    if (strings.length > 0) fields['context'] = strings[strings.length - 1];
    if (strings.length > 1) fields['stack'] = strings[0];
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

/**
 * On SIGTERM or SIGINT, logs the shutdown and makes sure the process ends within `timeoutMs` even if closing
 * hangs. The application's own shutdown hooks (Nest's `enableShutdownHooks`) do the orderly part.
 */
export function limitShutdownTime(log: Pino, timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      setTimeout(() => {
        log.error('shutdown timed out; exiting');
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
