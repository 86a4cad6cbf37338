import { applyDecorators, Controller, Get } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  HealthIndicatorService,
  type HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/access.decorators.js';
import { DrainState } from './drain-state.js';
import { RedisHealthIndicator } from './redis.health.js';
import { schemaRef } from '../common/openapi-schema.js';
import { HEALTH_REPORT, LIVENESS } from './health.views.js';

/** Documents a probe that checks dependencies: the health report, with 200 when all are up and 503 otherwise. */
function HealthAnswers(): MethodDecorator {
  const content = { 'application/json': { schema: schemaRef(HEALTH_REPORT) } };
  return applyDecorators(
    ApiResponse({ status: 200, description: 'every dependency is up', content }),
    ApiResponse({ status: 503, description: 'a dependency is down (or the process drains): which one, in error', content }),
  );
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly drain: DrainState,
    private readonly indicator: HealthIndicatorService,
  ) {}

  @Get()
  @Public()
  @RouteConfig({ rateLimit: false })
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'PostgreSQL and Redis reachable (200), or which one is not (503); kept for compatibility' })
  @HealthAnswers()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.isHealthy('redis')]);
  }

  @Get('live')
  @Public()
  @RouteConfig({ rateLimit: false })
  @ApiOperation({ summary: 'Liveness: the process answers (200); checks no dependency, so an outage never restarts it' })
  @ApiResponse({ status: 200, description: 'alive', content: { 'application/json': { schema: schemaRef(LIVENESS) } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @RouteConfig({ rateLimit: false })
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: PostgreSQL reachable and the queues writable (200), or which is not (503); 503 while draining after SIGTERM',
  })
  @HealthAnswers()
  async ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.serving('shutdown'),
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.redis.queuesWritable('queues'),
    ]);
  }

  private serving(key: string): HealthIndicatorResult {
    const check = this.indicator.check(key);
    return this.drain.draining ? check.down({ message: 'draining after SIGTERM: send new requests elsewhere' }) : check.up();
  }
}
