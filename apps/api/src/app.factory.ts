import type { AppConfig } from '@asr-twin/config';
import { ChangeEpochReader } from '@asr-twin/jobs';
import { PinoNestLogger } from '@asr-twin/logging';
import { API_KEY_PREFIX, ApiKeyService } from '@asr-twin/persistence';
import { RequestMethod } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger as Pino } from 'pino';
import { ApiModule } from './api.module.js';
import { ACCESS, type Access, API_KEY_SCHEME } from './auth/access.decorators.js';
import { installApiKeyAuthentication } from './auth/api-key.hook.js';
import { createRateLimit } from './auth/rate-limit.hook.js';
import { VerifiedKeys } from './auth/verified-keys.js';
import { VerifiedKeyCache } from './cache/read-cache.module.js';
import { registerCors, registerSecurityHeaders } from './common/http-security.plugins.js';
import { acceptedMediaTypes, installMediaTypeRule } from './common/media-types.hook.js';
import { completeDocument } from './common/openapi-document.js';
import { installProblemErrorHandler } from './common/problem.filter.js';
import { installStorableTextCheck } from './common/storable-text.hook.js';
import { clientErrorHandler, frameworkErrorHandler } from './common/transport-errors.js';
import { BUILT_DASHBOARD_DIR, registerDashboard } from './dashboard/dashboard.plugin.js';
import { GRAPHQL_PATH } from './graphql/graphql-options.js';
import { installGraphqlTransportRules } from './graphql/graphql-transport.hook.js';
import { installWebSocketLimits } from './graphql/websocket-limits.js';
import { CSV_CONTENT_TYPES, IMPORT_ROUTE } from './inventory/inventory.schemas.js';
import { HttpMetrics } from './metrics/http-metrics.service.js';
import { SCENARIO_YAML_TYPES, SCENARIOS_ROUTE } from './scenarios/scenario-body.js';
import { installCachedRouterRead } from './routers/cached-router-read.hook.js';
import { RouterController } from './routers/router.controller.js';
import { RouterService } from './routers/router.service.js';
import { BULK_OBSERVATIONS_PATH } from './routers/observations/bulk-observation.controller.js';
import { registerBulkObservationBody } from './routers/observations/bulk-observation.plugin.js';

export const API_PREFIX = 'api/v1';

/**
 * Builds the api application (not yet listening): Fastify with JSON logs and the body limit, `/api/v1`
 * routes, `/health`, `/metrics`, the OpenAPI document at `/docs` and the built dashboard at `/`. Errors
 * Fastify raises before a route runs (malformed JSON, oversized bodies, rate limits) reach the same problem
 * filter through Nest's Fastify error handler.
 *
 * Per request, in order: security headers and CORS, API key authentication, the rate limit (per key), the
 * refusal of text PostgreSQL cannot store (`storable-text.ts`), then the route, whose guard checks the role; the
 * duration is observed at the end. A warm `GET /routers/:id` is answered from its cached bytes just before the
 * route (`cached-router-read.hook.ts`).
 */
export async function createApiApp(config: AppConfig, log: Pino): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: log,
    bodyLimit: config.http.bodyLimit,
    requestIdHeader: 'x-request-id',
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // A client that sends its request too slowly is answered 408 (clientErrorHandler) and closed; Node checks
    // the deadlines every `connectionsCheckingInterval`, so the check runs often enough for short headers limits.
    requestTimeout: config.http.requestTimeoutMs,
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(log),
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  // Signals are handled by `drainOnSignals` (main.ts): readiness goes 503 before the listener closes.
  installProblemErrorHandler(adapter);
  const fastify = app.getHttpAdapter().getInstance();
  // Scenario files may be posted as they are, as YAML text.
  fastify.addContentTypeParser([...SCENARIO_YAML_TYPES], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerBulkObservationBody(fastify, `/${API_PREFIX}/${BULK_OBSERVATIONS_PATH}`, config.observations.bodyLimit);
  // Inventory imports may be posted as CSV files, and may be larger than other bodies (IMPORT_BODY_LIMIT).
  fastify.addContentTypeParser([...CSV_CONTENT_TYPES], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  fastify.addHook('onRoute', (route) => {
    if (route.url === `/${API_PREFIX}/${IMPORT_ROUTE}`) route.bodyLimit = config.http.importBodyLimit;
    // Scenario sources are parsed: their requests are kept small (SCENARIO_MAX_REQUEST_BYTES).
    if (route.url.startsWith(`/${API_PREFIX}/${SCENARIOS_ROUTE}`) && route.method !== 'GET') route.bodyLimit = config.scenarios.maxRequestBytes;
  });
  registerSecurityHeaders(app);
  await registerCors(app, config);
  // The key hook is an instance hook; the rate limit adds route hooks, which run after it.
  const rateLimit = createRateLimit(app, config);
  installApiKeyAuthentication(fastify, app.get(ApiKeyService), app.get(VerifiedKeys), {
    epochs: app.get(ChangeEpochReader),
    cache: app.get(VerifiedKeyCache),
    countEarly: (request, keyId) => rateLimit.countEarly(request, keyId),
  });
  installWebSocketLimits(fastify, GRAPHQL_PATH, app.get(ApiKeyService), config.websocket);
  installStorableTextCheck(fastify, GRAPHQL_PATH);
  rateLimit.install(fastify);
  installRouterTreeWarmReads(app);
  app.get(HttpMetrics).install(fastify);
  installGraphqlTransportRules(fastify, GRAPHQL_PATH, config.graphql.maxQueryLength);
  installMediaTypeRule(fastify, acceptedMediaTypes(setUpOpenApi(app)));
  if (config.dashboard.dir !== null) await registerDashboard(app, config.dashboard.dir ?? BUILT_DASHBOARD_DIR, log);
  return app;
}

/** Warm `GET /routers/:id` answered from the cached bytes, under the role its controller method asks for. */
function installRouterTreeWarmReads(app: NestFastifyApplication): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- read for its metadata, never called
  const role = app.get(Reflector).get<Access | undefined>(ACCESS, RouterController.prototype.get);
  if (role === undefined || role === 'public') throw new Error('GET /routers/:id must require a role for its warm reads to check');
  installCachedRouterRead(app.getHttpAdapter().getInstance(), { url: `/${API_PREFIX}/routers/:id`, role }, app.get(RouterService));
}

/** Where the OpenAPI document is served: the UI, the JSON document, and the JSON at Nest's conventional path. */
export const OPENAPI_PATHS = { ui: '/docs', json: '/docs/openapi.json', nestJson: '/docs-json' } as const;

/**
 * Builds the OpenAPI document, serves it at `/docs` (UI), `/docs/openapi.json` and `/docs-json`, and returns it.
 * Its `components.schemas` are the named zod schemas the answers are checked against (`API_SCHEMAS`).
 */
function setUpOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('asr-twin')
      .setDescription(
        'Digital twin of Cisco ASR 1000 router fleets: fleets, routers and their redundancy state. Every route but ' +
          'the health probes needs an API key (`Authorization: Bearer atw_…`); its role (viewer < operator < admin) is named ' +
          'by `x-required-role`. Errors are `application/problem+json` documents (`Problem`) with a stable `code`.',
      )
      .setVersion('v1')
      .addServer('/', 'the server that serves this document')
      // addSecurity, not addBearerAuth, which adds `bearerFormat: JWT`: API keys are opaque secrets.
      .addSecurity(API_KEY_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: `An API key (\`${API_KEY_PREFIX}…\`), an opaque secret made with \`twin keys create\` or \`POST /api/v1/keys\`, or ADMIN_API_KEY`,
      })
      .build(),
  );
  completeDocument(document, `/${API_PREFIX}/`);
  SwaggerModule.setup(OPENAPI_PATHS.ui.slice(1), app, document, { jsonDocumentUrl: OPENAPI_PATHS.json.slice(1) });
  app
    .getHttpAdapter()
    .getInstance()
    .get(OPENAPI_PATHS.nestJson, { config: { anonymous: true } }, (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
  return document;
}
