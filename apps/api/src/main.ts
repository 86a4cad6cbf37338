import 'reflect-metadata';
import { ConfigError, loadConfig, withDotEnv } from '@asr-twin/config';
import { checkRedis, type RedisTarget } from '@asr-twin/jobs';
import { checkDatabase, hasPendingMigrations } from '@asr-twin/persistence';
import { createApiApp } from './app.factory.js';
import { createLogger } from '@asr-twin/logging';
import { drainOnSignals } from './health/graceful-shutdown.js';

/** Fails with one line a user can act on instead of a stack trace. */
async function preflight(databaseUrl: string, redis: RedisTarget): Promise<void> {
  await checkDatabase(databaseUrl);
  if (await hasPendingMigrations(databaseUrl)) {
    throw new Error('the database schema is behind this version: run `npm run migration:run`');
  }
  await checkRedis(redis);
}

async function main(): Promise<void> {
  const config = loadConfig(withDotEnv());
  await preflight(config.database.url, config.redis);
  const log = createLogger(config.logLevel, 'asr-twin-api');
  const app = await createApiApp(config, log);
  drainOnSignals(app, log, { delayMs: config.shutdownDrainDelayMs, timeoutMs: config.shutdownTimeoutMs });
  await app.listen({ host: config.http.host, port: config.http.port });
  log.info({ url: await app.getUrl() }, 'api listening');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`asr-twin api: ${message}\n`);
  process.exit(1);
});
