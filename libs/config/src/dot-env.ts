import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment with the settings of a `.env` file beneath it: a variable set in the environment wins over the
 * same one in the file, and the file wins over the built-in defaults. The file is `ENV_FILE` when set (it must
 * then exist), else `.env` in the working directory when there is one. Lines are `NAME=value` as dotenv reads
 * them (`#` comments, quotes, `export` prefixes); the file is never written.
 */
export function withDotEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const chosen = env['ENV_FILE'];
  const file = resolve(cwd, chosen && chosen.length > 0 ? chosen : '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !chosen) return env;
    throw new ConfigError(`cannot read the settings file ${file} (ENV_FILE): ${code ?? (error as Error).message}`);
  }
  const fromFile = parseEnv(text) as Record<string, string>;
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return { ...fromFile, ...set };
}
