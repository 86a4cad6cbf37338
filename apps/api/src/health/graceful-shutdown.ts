import type { INestApplication } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { DrainState } from './drain-state.js';

export interface DrainTimes {
  /** How long `/health/ready` answers 503 before the listener closes, ms (`SHUTDOWN_DRAIN_DELAY_S`). */
  readonly delayMs: number;
  /** The whole shutdown, drain delay included; past it the process exits 1 (`SHUTDOWN_TIMEOUT_S`). */
  readonly timeoutMs: number;
}

/**
 * On SIGTERM or SIGINT: readiness goes 503 at once while every request is still served; after the drain delay
 * the listener closes (new connections are refused), requests in flight finish, then the database and Redis
 * connections close and the process exits 0. A shutdown that outlasts `timeoutMs` exits 1.
 */
export function drainOnSignals(app: INestApplication, log: Pino, times: DrainTimes): void {
  const drain = app.get(DrainState);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    drain.start();
    log.info({ signal, drainDelayMs: times.delayMs, timeoutMs: times.timeoutMs }, 'draining: /health/ready answers 503');
    setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, times.timeoutMs).unref();
    await new Promise((resolve) => setTimeout(resolve, times.delayMs));
    log.info('closing the listener; finishing requests in flight');
    try {
      await app.close();
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    log.info('api stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}
