import type { AppConfig } from '@asr-twin/config';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every answer (helmet), with a Content-Security-Policy the Swagger UI at `/docs` works
 * under: its scripts and styles are files of this origin, plus inline `<style>` blocks; images include
 * `data:` URIs. No `upgrade-insecure-requests`: the API is often reached over plain HTTP on a private network,
 * where that directive would break the documentation page.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
  });
}

/**
 * CORS for the origins in `CORS_ORIGINS` only; with none configured, no CORS header is ever sent and browsers
 * on other origins are refused. Credentials are bearer keys, never cookies, so `credentials` stays off.
 */
export async function registerCors(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (config.cors.origins.length === 0) return;
  await app.register(cors, {
    origin: [...config.cors.origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'],
    maxAge: 600,
  });
}
