import { type DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics.service.js';
import { metricsController } from './metrics.controller.js';
import { OperationsMetrics } from './operations-metrics.service.js';

/**
 * The Prometheus registry of the api process, served at `/metrics`, with the default process and Node.js
 * metrics, the HTTP request histogram and the operations metrics (queues, runs, simulated events).
 *
 * Extension point: any provider injects `Registry` (from `prom-client`) and registers its own metrics with
 * `registers: [registry]`, e.g. a `Gauge` whose `collect()` reads queue depths or runs by status at scrape
 * time. One registry per application (not prom-client's global one), so several apps in one process (tests)
 * never clash.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: { readonly public: boolean }): DynamicModule {
    const registry = {
      provide: Registry,
      useFactory: () => {
        const r = new Registry();
        collectDefaultMetrics({ register: r });
        return r;
      },
    };
    return {
      module: MetricsModule,
      controllers: [metricsController(options.public)],
      providers: [registry, HttpMetrics, OperationsMetrics],
      exports: [Registry, HttpMetrics],
    };
  }
}
