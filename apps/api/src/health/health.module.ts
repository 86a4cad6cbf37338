import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DrainState } from './drain-state.js';
import { HealthController } from './health.controller.js';
import { HEALTH_QUEUE_PREFIX, RedisHealthIndicator } from './redis.health.js';

/** `/health`, `/health/live` and `/health/ready`; exports the {@link DrainState} that `main.ts` sets on SIGTERM. */
@Module({})
export class HealthModule {
  static forRoot(queuePrefix: string): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [RedisHealthIndicator, DrainState, { provide: HEALTH_QUEUE_PREFIX, useValue: queuePrefix }],
      exports: [DrainState],
    };
  }
}
