import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { EdgeError } from './problem.js';

/** Media type of a `Content-Type` value, lower case, without parameters. */
function mediaType(header: string): string {
  return (header.split(';', 1)[0] as string).trim().toLowerCase();
}

/** `/api/v1/fleets/:id` (Fastify) → `/api/v1/fleets/{id}` (OpenAPI). */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/**
 * The body types each documented operation takes, read from the served OpenAPI document (its `requestBody`
 * content types), so that the document and the rule cannot disagree. An operation without a documented body takes
 * JSON only (an empty `{}` some clients send).
 */
export function acceptedMediaTypes(document: OpenAPIObject): Map<string, readonly string[]> {
  const accepted = new Map<string, readonly string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op === undefined) continue;
      const body = op.requestBody as { content?: Record<string, unknown> } | undefined;
      accepted.set(
        `${method.toUpperCase()} ${path}`,
        Object.keys(body?.content ?? { 'application/json': {} }).map((t) => t.toLowerCase()),
      );
    }
  }
  return accepted;
}

/**
 * Refuses a request body whose type the operation does not take (a form post on a JSON route, CSV on the scenario
 * routes) with `415 UNSUPPORTED_MEDIA_TYPE` naming the types it takes, before the body is read. Routes outside the
 * OpenAPI document (GraphQL, the dashboard) keep their own rules.
 */
export function installMediaTypeRule(fastify: FastifyInstance, accepted: ReadonlyMap<string, readonly string[]>): void {
  // `METHOD /openapi/{path}` of each route, worked out once per route rather than once per request.
  const operations = new Map<string, string>();
  const operationOf = (method: string, url: string): string => {
    const known = operations.get(method + url);
    if (known !== undefined) return known;
    const operation = `${method} ${openApiPath(url)}`;
    operations.set(method + url, operation);
    return operation;
  };
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const url = request.routeOptions.url;
    const takes = url === undefined ? undefined : accepted.get(operationOf(request.method, url));
    if (type === undefined || !hasBody || takes === undefined || takes.includes(mediaType(type))) return done(null, payload);
    done(new EdgeError('UNSUPPORTED_MEDIA_TYPE', 415, `this operation takes a body of type ${takes.join(', ')}; got ${mediaType(type).slice(0, 100)}`));
  });
}
