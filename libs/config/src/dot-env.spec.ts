import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { withDotEnv } from './dot-env.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'asr-twin-env-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('withDotEnv', () => {
  it('puts the .env settings of the working directory beneath the environment: the environment wins, the file beats the defaults', () => {
    const cwd = dir({ '.env': '# local settings\nPORT=4000\nexport LOG_LEVEL="debug"\nRUN_SHARD_SIZE=250\n' });
    const config = loadConfig(withDotEnv({ PORT: '5000', RUN_SHARD_SIZE: '' }, cwd));
    expect(config.http.port).toBe(5000);
    expect(config.logLevel).toBe('debug');
    // An empty variable counts as unset, as loadConfig reads it: the file's value applies.
    expect(config.runs.shardSize).toBe(250);
  });

  it('is the environment alone without a .env file', () => {
    const env = { PORT: '5000' };
    expect(withDotEnv(env, dir({}))).toBe(env);
  });

  it('reads the file ENV_FILE names, and refuses one that does not exist, naming it', () => {
    const cwd = dir({ 'staging.env': 'PORT=4100\n' });
    expect(withDotEnv({ ENV_FILE: 'staging.env' }, cwd)['PORT']).toBe('4100');
    expect(() => withDotEnv({ ENV_FILE: 'missing.env' }, cwd)).toThrow(ConfigError);
    expect(() => withDotEnv({ ENV_FILE: 'missing.env' }, cwd)).toThrow(/missing\.env \(ENV_FILE\): ENOENT/);
  });
});
