import type { FastifyInstance } from 'fastify';
import { NDJSON } from './bulk-observation-body.js';

/**
 * Lets `POST <prefix>/observations` take its large bodies: NDJSON as text, and a body limit of its own
 * (`OBSERVATIONS_BODY_LIMIT`) in place of `HTTP_BODY_LIMIT`. Must run before the routes are registered.
 */
export function registerBulkObservationBody(fastify: FastifyInstance, path: string, bodyLimit: number): void {
  fastify.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === path && methods.includes('POST')) route.bodyLimit = bodyLimit;
  });
}
