import 'reflect-metadata';
import { loadConfig, withDotEnv } from '@asr-twin/config';
import { checkRedis } from '@asr-twin/jobs';
import { createLogger, limitShutdownTime, PinoNestLogger } from '@asr-twin/logging';
import { checkDatabase } from '@asr-twin/persistence';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig(withDotEnv());
  await checkDatabase(config.database.url);
  await checkRedis(config.redis.url);
  const log = createLogger(config.logLevel, 'asr-twin-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(log),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  limitShutdownTime(log, config.shutdownTimeoutMs);
  log.info('worker ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`asr-twin worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
