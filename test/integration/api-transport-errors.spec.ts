import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { gql } from '../support/graphql.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * Errors outside the routes' own rules: GraphQL transport misuse, URLs and headers the HTTP layer refuses, body
 * types a route does not take, CORS preflights, and PostgreSQL lost in the middle of a request. Each answer is a
 * clear 4xx or a 503, never a 500, and problem+json on REST routes.
 */

let db: TestDatabase;
let proxy: TcpProxy;
let api: RunningApi;
const ORIGIN = 'https://ops.example.com';

beforeAll(async () => {
  db = await migratedTestDatabase();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  api = await startApi(viaProxy.toString(), { CORS_ORIGINS: ORIGIN });
});

afterAll(async () => {
  proxy?.cutOn(null);
  await api?.close();
  await proxy?.close();
  await db?.drop();
});

/** Sends raw bytes and returns the whole answer (the server closes the connection after it). */
function raw(text: string): Promise<string> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('GraphQL transport misuse is a 400 with a code, not an internal error', () => {
  const post = (body: unknown) =>
    request<{ errors: { message: string; extensions: { code: string } }[] }>(api.url, 'POST', '/graphql', body, bearer(api.adminKey));

  it('refuses a subscription over HTTP', async () => {
    const res = await post({ query: 'subscription { runProgress { runId } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.extensions.code).toBe('GRAPHQL_BAD_REQUEST');
    expect(res.body.errors[0]?.message).toMatch(/graphql-ws WebSocket/);
  });

  it.each([
    [{ query: 42 }, '"query" must be a string holding the GraphQL document; got a number'],
    [{ query: '{ me { name } }', variables: [1] }, '"variables" must be an object; got an array'],
    [{ query: '{ me { name } }', operationName: 7 }, '"operationName" must be a string; got a number'],
    [[{ query: '{ me { name } }' }], 'the body must be a JSON object with "query"'],
  ])('refuses malformed parameters %j', async (body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ message, extensions: { code: 'GRAPHQL_BAD_REQUEST' } });
  });

  it('refuses a mutation over GET and still answers a query over GET', async () => {
    const mutation = await request<{ errors: { extensions: { code: string } }[] }>(
      api.url,
      'GET',
      `/graphql?query=${encodeURIComponent('mutation { deleteFleet(id: "x") }')}`,
      undefined,
      bearer(api.adminKey),
    );
    expect(mutation.status).toBe(400);
    expect(mutation.body.errors[0]?.extensions.code).toBe('GRAPHQL_BAD_REQUEST');
    const query = await request<{ data: { me: { name: string } } }>(
      api.url,
      'GET',
      `/graphql?query=${encodeURIComponent('{ me { name } }')}`,
      undefined,
      bearer(api.adminKey),
    );
    expect(query.status).toBe(200);
    expect(query.body.data.me.name).toBe('bootstrap-admin');
  });
});

describe('errors of the HTTP layer are problem+json and do not echo the input', () => {
  it('answers a URL with broken percent-encoding with 400 MALFORMED_REQUEST', async () => {
    const res = await request<{ code: string; detail: string }>(api.url, 'GET', '/api/v1/fleets/%E0%A4%A', undefined, bearer(api.adminKey));
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('MALFORMED_REQUEST');
    expect(res.text).not.toContain('%E0%A4%A');
  });

  it('answers oversized headers with 431 HEADERS_TOO_LARGE, without the header in the answer', async () => {
    const big = 'z'.repeat(20_000);
    const answer = await raw(`GET /api/v1/fleets HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    expect(answer).not.toContain('zzzz');
  });

  it('answers bytes that are not HTTP with 400 MALFORMED_REQUEST', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('cuts the echoed path of a long unknown URL and leaves the query string out', async () => {
    const long = `/api/v1/nothing/${'a'.repeat(5000)}?secret=${'s'.repeat(100)}`;
    const res = await request<{ instance: string; detail: string }>(api.url, 'GET', long, undefined, bearer(api.adminKey));
    expect(res.status).toBe(404);
    expect(res.body.instance.length).toBeLessThanOrEqual(257);
    expect(res.text.length).toBeLessThan(1000);
    expect(res.text).not.toContain('secret');
  });
});

describe('body types: each operation takes what its OpenAPI document says, others get 415', () => {
  it('refuses a form post and plain text on a JSON route, naming what the route takes', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await request<{ code: string; detail: string }>(api.url, 'POST', '/api/v1/fleets', 'name=east', {
        ...bearer(api.adminKey),
        'content-type': type,
      });
      expect(res.status, type).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.detail).toBe(`this operation takes a body of type application/json; got ${type.split(';')[0]}`);
    }
    const fleets = await request<{ items: unknown[] }>(api.url, 'GET', '/api/v1/fleets', undefined, bearer(api.adminKey));
    expect(fleets.body.items).toEqual([]);
  });

  it('takes every type an operation documents (YAML scenarios, CSV imports), and the document lists them', async () => {
    const yaml = 'apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: ok\nspec:\n  routers:\n    - hostname: r1\n      model: ASR1006\n';
    for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain']) {
      const res = await request<{ valid: boolean }>(api.url, 'POST', '/api/v1/scenarios/validate', yaml, { ...bearer(api.adminKey), 'content-type': type });
      expect(res.status, type).toBe(200);
      expect(res.body.valid).toBe(true);
    }
    const csv = await request(api.url, 'POST', '/api/v1/scenarios/validate', 'a,b\n', { ...bearer(api.adminKey), 'content-type': 'text/csv' });
    expect(csv.status).toBe(415);
    const doc = (
      await request<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>(api.url, 'GET', '/docs/openapi.json')
    ).body;
    expect(Object.keys(doc.paths['/api/v1/scenarios/validate']?.['post']?.requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/x-yaml',
      'application/yaml',
      'text/plain',
      'text/yaml',
    ]);
  });
});

describe('CORS', () => {
  it('allows every method the API has, PUT included', async () => {
    const res = await fetch(`${api.url}/api/v1/scenarios/x`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'PUT' } });
    expect(res.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
  });
});

describe('PostgreSQL lost in the middle of a request', () => {
  it('answers REST with 503 SERVICE_UNAVAILABLE and Retry-After, GraphQL with SERVICE_UNAVAILABLE, then recovers', async () => {
    await request(api.url, 'POST', '/api/v1/fleets', { name: 'east' }, bearer(api.adminKey));
    // The key check passes; the fleets query's connection is closed as it is sent, as in a PostgreSQL restart.
    proxy.cutOn('FROM "fleets"');
    const rest = await request<{ code: string; detail: string }>(api.url, 'GET', '/api/v1/fleets', undefined, bearer(api.adminKey));
    expect(rest.status).toBe(503);
    expect(rest.headers.get('retry-after')).toBe('5');
    expect(rest.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(rest.body.detail).toMatch(/PostgreSQL or Redis/);
    const graphql = await gql(api.url, '{ fleets { items { name } } }', {}, api.adminKey);
    expect(graphql.errors.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    proxy.cutOn(null);
    const again = await request<{ items: { name: string }[] }>(api.url, 'GET', '/api/v1/fleets', undefined, bearer(api.adminKey));
    expect(again.status).toBe(200);
    expect(again.body.items.map((f) => f.name)).toEqual(['east']);
  });
});
