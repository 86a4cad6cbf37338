import { createHash } from 'node:crypto';
import type { CreatedApiKey } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAdminKey, request } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { subscribe, wsClient } from '../support/graphql.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * The built api process (`apps/api/dist/main.js`, as `npm start` runs it) logging at trace level: neither the
 * configured admin key nor a created key may appear in its output, whatever the requests that carry them.
 */
describe('keys in the logs', () => {
  let db: TestDatabase;
  let api: Spawned;
  let base: string;
  const adminKey = randomAdminKey();

  beforeAll(async () => {
    db = await migratedTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawnNode(['apps/api/dist/main.js'], {
      DATABASE_URL: db.url,
      PORT: String(port),
      LOG_LEVEL: 'trace',
      ADMIN_API_KEY: adminKey,
      QUEUE_PREFIX: testQueuePrefix('logs'),
    });
    await waitForOk(`${base}/health`, api, 30_000);
  });
  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await db?.drop();
  });

  it('never contain a key, its secret or its hash, at trace level', async () => {
    const created = (await request<CreatedApiKey>(base, 'POST', '/api/v1/keys', { name: 'logged', role: 'admin' }, bearer(adminKey))).body;
    const key = created.key;
    const uses: [string, string, unknown][] = [
      ['GET', '/api/v1/routers?limit=1', undefined],
      ['GET', '/api/v1/routers/no-such-router', undefined],
      ['POST', '/api/v1/fleets', '{"name": "broken",'],
      ['POST', '/api/v1/fleets', { name: 'Not A Slug' }],
      ['GET', '/api/v1/nowhere', undefined],
      ['GET', `/api/v1/keys/${created.id}`, undefined],
    ];
    const answers: string[] = [];
    for (const [method, path, body] of uses) answers.push((await request(base, method, path, body, bearer(key))).text);
    // GraphQL: over HTTP (a query, a refused document, a failing mutation), and over graphql-ws with the key in
    // the connection_init payload, whose content Mercurius also copies into the upgrade request's headers.
    const graphql: [string, Record<string, unknown>][] = [
      ['{ me { name role } routers(limit: 1) { total } }', {}],
      ['{ me { nope } }', {}],
      ['mutation ($n: String!) { createFleet(name: $n) { id } }', { n: 'Not A Slug' }],
      [`{ ${'me { name } '.repeat(3000)} }`, {}],
    ];
    for (const [query, variables] of graphql) answers.push((await request(base, 'POST', '/graphql', { query, variables }, bearer(key))).text);
    const client = wsClient(base, key);
    const sub = subscribe(client, 'subscription { runProgress { runId } }', 'runProgress');
    const refused = subscribe(client, 'subscription { runProgress { nope } }', 'runProgress');
    await refused.ended;
    sub.stop();
    await client.dispose();
    answers.push(JSON.stringify(refused.errors));
    expect(answers.join('\n')).toContain('"me":{"name":"logged","role":"admin"}');
    expect((await request(base, 'DELETE', `/api/v1/keys/${created.id}`, undefined, bearer(adminKey))).status).toBe(204);
    expect((await request(base, 'GET', '/api/v1/routers', undefined, bearer(key))).status).toBe(401);
    expect((await request(base, 'GET', '/api/v1/routers', undefined, { authorization: `Token ${key}` })).status).toBe(401);

    api.child.kill('SIGTERM');
    await api.exited;
    const output = api.output();
    // The capture worked: every request above was logged, with its URL.
    expect(output.match(/"msg":"incoming request"/g)?.length ?? 0).toBeGreaterThanOrEqual(uses.length + graphql.length + 5);
    expect(output).toContain('/graphql');
    expect(output).toContain('/api/v1/routers/no-such-router');
    expect(output).toContain('ADMIN_API_KEY accepted as the admin key');
    for (const secret of [key, key.slice(17), adminKey]) {
      expect(output).not.toContain(secret);
      expect(answers.join('\n')).not.toContain(secret);
      const hash = createHash('sha256').update(secret).digest();
      expect(output).not.toContain(hash.toString('hex'));
      expect(output).not.toContain(hash.toString('base64'));
    }
  });

  it('redact the Authorization header wherever a request is logged with its headers', async () => {
    const script = `
      const { createLogger } = await import('./libs/logging/dist/index.js');
      createLogger('debug', 'redaction').info({ req: { method: 'GET', headers: { authorization: 'Bearer atw_secret_value' } } }, 'request');`;
    const probe = spawnNode(['--input-type=module', '-e', script], {});
    await probe.exited;
    const line = JSON.parse(probe.output().trim()) as { req: { headers: { authorization: string } } };
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(probe.output()).not.toContain('atw_secret_value');
  });
});
