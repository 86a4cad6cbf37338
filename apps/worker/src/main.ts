import 'reflect-metadata';
import { type AppConfig, loadConfig, withDotEnv } from '@asr-twin/config';
import { checkRedis, probeQueues, REDIS_CLIENT, type RedisClient } from '@asr-twin/jobs';
import { createLogger, limitShutdownTime, PinoNestLogger } from '@asr-twin/logging';
import { checkDatabase } from '@asr-twin/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger as Pino } from 'pino';
import { DataSource } from 'typeorm';
import { WorkerHttpServer } from './http/worker-http.server.js';
import { WorkerMetrics } from './http/worker-metrics.js';
import { WorkerModule } from './worker.module.js';

/** Starts the probe and metrics server when `WORKER_HTTP_PORT` is set. */
async function serveHttp(app: INestApplicationContext, config: AppConfig, log: Pino): Promise<WorkerHttpServer | null> {
  if (config.workerHttp === null) return null;
  const redis = app.get<RedisClient>(REDIS_CLIENT);
  const database = app.get(DataSource);
  const server = new WorkerHttpServer(
    {
      database: () => database.query('SELECT 1'),
      redis: () => redis.ping(),
      // Every queue's hash slot takes writes (not a read-only replica, not full, owned by the node we talk to).
      queues: () => probeQueues(redis, config.redis.queuePrefix),
    },
    app.get(WorkerMetrics),
  );
  try {
    const port = await server.listen(config.workerHttp.host, config.workerHttp.port);
    log.info({ host: config.workerHttp.host, port }, 'worker health and metrics listening');
    return server;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot serve health and metrics on ${config.workerHttp.host}:${config.workerHttp.port} (${reason}): set WORKER_HTTP_PORT to a free port, 0, or off`,
      {
        cause: error,
      },
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig(withDotEnv());
  await checkDatabase(config.database.url);
  await checkRedis(config.redis);
  const log = createLogger(config.logLevel, 'asr-twin-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(log),
    abortOnError: false,
  });
  limitShutdownTime(log, config.shutdownTimeoutMs);
  const http = await serveHttp(app, config, log);
  stopOnSignals(app, http, log);
  log.info('worker ready');
}

/**
 * On SIGTERM or SIGINT: readiness goes 503, every BullMQ worker closes (no new job is taken; the jobs in hand
 * finish), connections close and the process exits 0. A job still running at SHUTDOWN_TIMEOUT_S (the process
 * then exits 1) keeps its lock until it expires (JOB_LOCK_MS), then another worker takes the shard over.
 */
function stopOnSignals(app: INestApplicationContext, http: WorkerHttpServer | null, log: Pino): void {
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    http?.markShuttingDown();
    try {
      await app.close();
      await http?.close();
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    log.info('worker stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`asr-twin worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
