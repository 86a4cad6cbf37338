import type { AppConfig } from '@asr-twin/config';
import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Security headers on every answer (helmet), with a Content-Security-Policy the Swagger UI at `/docs` works
 * under: its scripts and styles are files of this origin, plus inline `<style>` blocks; images include
 * `data:` URIs. No `upgrade-insecure-requests`: the API is often reached over plain HTTP on a private network,
 * where that directive would break the documentation page.
 */
const HELMET_OPTIONS: HelmetOptions = {
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
};

/**
 * The headers helmet sets with {@link HELMET_OPTIONS}, computed once: none of them depends on the request (no
 * nonces, no per-request directives), so running helmet's middleware on every request (what the Fastify
 * plugin does, parsing the policy each time) would only recompute the same strings.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- helmet reports Errors; String() only names anything else
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/** Sets the security headers on every answer, before any route or error handler runs. */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
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
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'],
    maxAge: 600,
  });
}
