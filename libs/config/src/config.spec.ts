import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config.js';

describe('loadConfig', () => {
  it('defaults to the local services', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/asr_twin');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimit: 4 * 1024 * 1024 });
    expect(c.seedSampleFleet).toBe(true);
  });

  it('reads and coerces the environment, treating empty values as unset', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x', SEED_SAMPLE_FLEET: 'false', LOG_LEVEL: '' });
    expect(c.http.port).toBe(8080);
    expect(c.database.url).toBe('postgresql://u:p@db:5432/x');
    expect(c.seedSampleFleet).toBe(false);
    expect(c.logLevel).toBe('info');
  });

  it('names every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/REDIS_URL/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://user:secret@db/x')).toBe('postgres://user:***@db/x');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
