import type { AppConfig } from '@asr-twin/config';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger as Pino } from 'pino';
import { PinoNestLogger } from '@asr-twin/logging';
import { ApiModule } from './api.module.js';

export const API_PREFIX = 'api/v1';

/**
 * Builds the api application (not yet listening): Fastify with JSON logs and the body limit, `/api/v1`
 * routes, `/health` and the OpenAPI document at `/docs`. Errors Fastify raises before a route runs (malformed
 * JSON, oversized bodies) reach the same problem filter through Nest's Fastify error handler.
 */
export async function createApiApp(config: AppConfig, log: Pino): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: log,
    bodyLimit: config.http.bodyLimit,
    requestIdHeader: 'x-request-id',
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(log),
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('asr-twin')
      .setDescription('Digital twin of Cisco ASR 1000 router fleets: fleets, routers and their redundancy state.')
      .setVersion('v1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
