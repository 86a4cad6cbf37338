import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BREAK, type DocumentNode, getOperationAST, parse, visit } from 'graphql';
import type { RequestAuth } from '../auth/api-key.hook.js';
import { DEPENDENCY_RETRY_AFTER_S } from '../common/dependency-unavailable.js';

/**
 * Transport rules of GraphQL over HTTP that Mercurius does not enforce with a clear answer (it would run into an
 * internal error instead): the parameters have their types (`query` a string, `variables` an object,
 * `operationName` a string), a mutation is never sent with GET (GET must be safe), and a subscription needs the
 * graphql-ws WebSocket protocol. Each is refused with HTTP 400 and `extensions.code` `GRAPHQL_BAD_REQUEST`
 * before anything executes. Introspection without a valid key is refused with 401 `UNAUTHENTICATED`. Documents that do not parse or exceed a limit are left to the usual validation.
 */
export const GRAPHQL_BAD_REQUEST = 'GRAPHQL_BAD_REQUEST';

function refuse(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code: GRAPHQL_BAD_REQUEST } }] });
}

/** Whether the document asks for the schema (`__schema`, `__type`); `__typename` is ordinary data. */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * Introspection answers only a valid key: the introspection query is among the costliest documents there are,
 * and anonymous clients sending it in a loop slowed every other user down. 401 `UNAUTHENTICATED` (or 503 when
 * the key cannot be checked), before anything is validated or executed.
 */
function refuseAnonymousIntrospection(reply: FastifyReply, auth: RequestAuth | null): FastifyReply | undefined {
  if (auth?.kind === 'key') return undefined;
  if (auth?.kind === 'failed') {
    const message = 'the API key could not be checked: the database is unreachable; retry shortly';
    return reply
      .code(503)
      .header('retry-after', DEPENDENCY_RETRY_AFTER_S)
      .type('application/json; charset=utf-8')
      .send({ data: null, errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  }
  const rejected = auth?.kind === 'rejected';
  const message = rejected ? `introspection needs a valid API key: ${auth.reason}` : 'introspection needs an API key: send "Authorization: Bearer <key>"';
  return reply
    .code(401)
    .header('www-authenticate', rejected ? 'Bearer realm="asr-twin", error="invalid_token"' : 'Bearer realm="asr-twin"')
    .type('application/json; charset=utf-8')
    .send({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/** The request's GraphQL parameters, as strings/objects, or why they are malformed. */
function parameters(request: FastifyRequest): { query?: string; operationName?: string; error?: string } {
  const source = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | string | null | undefined;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    return request.method === 'GET' ? { error: 'a GET request needs the query parameter "query"' } : { error: 'the body must be a JSON object with "query"' };
  }
  const { query, variables, operationName } = source;
  if (typeof query !== 'string') return { error: `"query" must be a string holding the GraphQL document; got ${describe(query)}` };
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { error: `"operationName" must be a string; got ${describe(operationName)}` };
  }
  const varsOk =
    variables === undefined ||
    variables === null ||
    (typeof variables === 'object' && !Array.isArray(variables)) ||
    (request.method === 'GET' && typeof variables === 'string');
  if (!varsOk) return { error: `"variables" must be an object; got ${describe(variables)}` };
  return { query, ...(typeof operationName === 'string' ? { operationName } : {}) };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Installs the rules for `path` (GET and POST), with documents of up to `maxQueryLength` characters parsed to find the operation. */
export function installGraphqlTransportRules(fastify: FastifyInstance, path: string, maxQueryLength: number): void {
  // A callback hook, not an async one: every other route passes it at once, without a promise and a tick.
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.routeOptions.url !== path || refusal(request, reply, maxQueryLength) === undefined) done();
  });
}

/** The refusal sent for a GraphQL request that breaks a transport rule; undefined when it breaks none. */
function refusal(request: FastifyRequest, reply: FastifyReply, maxQueryLength: number): FastifyReply | undefined {
  if (request.method !== 'GET' && request.method !== 'POST') return;
  // The WebSocket handshake (graphql-ws) is a GET on the same path.
  if (request.headers.upgrade?.toLowerCase() === 'websocket') return;
  const { query, operationName, error } = parameters(request);
  if (error !== undefined) return refuse(reply, error);
  if (query === undefined || query.length > maxQueryLength) return;
  let operation: string | undefined;
  let document: DocumentNode;
  try {
    document = parse(query);
    operation = getOperationAST(document, operationName)?.operation;
  } catch {
    return; // Reported by Mercurius as GRAPHQL_PARSE_FAILED.
  }
  if (introspects(document)) {
    const refused = refuseAnonymousIntrospection(reply, request.auth);
    if (refused) return refused;
  }
  if (operation === 'subscription') {
    return refuse(reply, 'subscriptions are served over the graphql-ws WebSocket protocol at /graphql, not over HTTP requests');
  }
  if (operation === 'mutation' && request.method === 'GET') return refuse(reply, 'a mutation must be sent with POST; GET requests may only read');
  return undefined;
}
