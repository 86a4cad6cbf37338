import { Controller, Get, Inject, Res, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Public, RequireRole } from '../auth/access.decorators.js';
import { OperationsMetrics } from './operations-metrics.service.js';

/**
 * The `/metrics` controller, public or behind a viewer key as configured (`METRICS_PUBLIC`). Built by a
 * function because the access rule is a decorator and the configuration is known only at start.
 */
export function metricsController(publicAccess: boolean): Type {
  @ApiTags('operations')
  @Controller('metrics')
  class MetricsController {
    constructor(
      @Inject(Registry) private readonly registry: Registry,
      private readonly operations: OperationsMetrics,
    ) {}

    @Get()
    @(publicAccess ? Public() : RequireRole('viewer'))
    @ApiResponse({
      status: 200,
      description: 'the metrics in the Prometheus text format (version 0.0.4)',
      content: { 'text/plain': { schema: { type: 'string', description: 'Prometheus exposition format' } } },
    })
    @ApiOperation({
      summary: 'Prometheus metrics: HTTP request durations by route pattern, queue depths, runs by status, simulated events, process and Node.js runtime',
    })
    async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
      void reply.type(this.registry.contentType);
      await this.operations.refresh();
      return this.registry.metrics();
    }
  }
  return MetricsController;
}
