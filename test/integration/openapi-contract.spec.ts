import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Media {
  schema?: { $ref?: string; type?: string };
  example?: unknown;
}
interface Operation {
  operationId: string;
  security?: unknown[];
  'x-required-role'?: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, Record<string, unknown>> };
}

let db: TestDatabase;
let api: RunningApi;
let doc: OpenApiDocument;
let dir: string;

/** Every operation of the document with its path and method. */
function operations(): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method] as Operation }] : [])),
  );
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

/** Resolves a local JSON pointer (`#/components/schemas/Fleet`) in the document; undefined when it does not. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), doc);
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  dir = await mkdtemp(join(tmpdir(), 'asr-twin-openapi-'));
  const res = await request<OpenApiDocument>(api.url, 'GET', '/docs/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  await writeFile(join(dir, 'openapi.json'), res.text);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the OpenAPI document', () => {
  it('is served at /docs/openapi.json and at /docs-json, the same document, without a key', async () => {
    const nest = await request<OpenApiDocument>(api.url, 'GET', '/docs-json');
    expect(nest.status).toBe(200);
    expect(nest.contentType).toMatch(/^application\/json/);
    expect(nest.body).toEqual(doc);
    expect(doc.openapi).toMatch(/^3\./);
    // Only the exact path is the document; below it, the api's 404 (not the dashboard).
    expect((await request<{ code: string }>(api.url, 'GET', '/docs-json/x')).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('documents a success answer with a schema for every operation', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    const undocumented = ops.filter(({ op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      // 204 has no body; every other success names the media type of its body and a schema for it.
      const unnamed = ([status, r]: [string, Operation['responses'][string]]) =>
        status !== '204' && (r.content === undefined || Object.values(r.content).some((m) => m.schema === undefined));
      return success.length === 0 || success.some(unnamed);
    });
    expect(undocumented.map(({ path, method }) => `${method.toUpperCase()} ${path}`)).toEqual([]);
  });

  it('names its JSON bodies in components.schemas, and every $ref resolves', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(expect.arrayContaining(['Problem', 'Fleet', 'FleetPage', 'RouterTree', 'RouterPage', 'Run', 'Audit', 'ApiKey']));
    for (const { path, method, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        const json = r.content?.['application/json'] ?? r.content?.['application/problem+json'];
        if (json) expect(json.schema?.$ref, `${method} ${path} ${status}`).toMatch(/^#\/components\/schemas\//);
      }
    }
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(100);
    expect([...new Set(refs)].filter((ref) => resolve(ref) === undefined)).toEqual([]);
  });

  it('answers every error with the Problem schema, and every guarded operation documents 401, 429 and 503', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400 || path.startsWith('/health')) continue;
        expect(Object.keys(r.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(r.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
        expect((r.content?.['application/problem+json']?.example as { status: number }).status).toBe(Number(status));
      }
      if (op['x-required-role'] === 'none') {
        expect(op.security, `${method} ${path}`).toEqual([]);
        continue;
      }
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
      if (path.startsWith('/api/v1/')) expect(Object.keys(op.responses), `${method} ${path}`).toContain('503');
      if (op.requestBody) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
  });

  it('documents the text and XML answers with their media types', () => {
    expect(Object.keys(doc.paths['/api/v1/routers/{id}/show/version']?.get?.responses['200']?.content ?? {})).toEqual(['text/plain; charset=utf-8']);
    expect(Object.keys(doc.paths['/api/v1/runs/{id}/junit']?.get?.responses['200']?.content ?? {})).toEqual(['application/xml']);
    expect(Object.keys(doc.paths['/api/v1/audits/{id}/junit']?.get?.responses['200']?.content ?? {})).toEqual(['application/xml']);
    expect(Object.keys(doc.paths['/metrics']?.get?.responses['200']?.content ?? {})).toEqual(['text/plain']);
  });

  it('describes API keys as an opaque bearer token, not a JWT', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes[0]).not.toHaveProperty('bearerFormat');
    expect(schemes[0]?.['description']).toMatch(/API key/);
  });

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const lint = await run(
      process.execPath,
      [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', join(dir, 'openapi.json'), '--config', join(root, 'redocly.yaml'), '--format', 'json'],
      { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe('a client generated with openapi-typescript', () => {
  it('types real answers of the api, and refuses a wrong use', async () => {
    const admin = bearer(api.adminKey);
    const fleet = await request(api.url, 'POST', '/api/v1/fleets', { name: 'contract', labels: { site: 'ams' } }, admin);
    expect(fleet.status).toBe(201);
    const added = await request(api.url, 'POST', '/api/v1/fleets/contract/routers', [{ hostname: 'contract-1', model: 'ASR1006' }], admin);
    expect(added.status).toBe(201);
    const tree = await request(api.url, 'GET', '/api/v1/routers/contract-1', undefined, admin);
    expect(tree.status).toBe(200);
    const list = await request(api.url, 'GET', '/api/v1/routers?fleet=contract', undefined, admin);
    const changes = await request(api.url, 'GET', '/api/v1/routers/contract-1/changes', undefined, admin);
    const missing = await request(api.url, 'GET', '/api/v1/routers/nowhere-1', undefined, admin);
    expect(missing.status).toBe(404);
    const check = await request(api.url, 'POST', '/api/v1/scenarios/validate', { source: 'apiVersion: asr-twin/v1\nkind: Scenario\n' }, admin);
    expect(check.status).toBe(200);
    const timings = await request(api.url, 'GET', '/api/v1/timings?model=ASR1006', undefined, admin);

    await run(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '--output', join(dir, 'api.d.ts')], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    // Each real answer is written as a literal of its documented type: a missing, extra or mistyped field fails.
    await writeFile(
      join(dir, 'client.ts'),
      `import type { components, paths } from './api.js';

type Json<P extends keyof paths, M extends keyof paths[P], S extends number, T extends string = 'application/json'> =
  paths[P][M] extends { responses: { [K in S]: { content: { [C in T]: infer B } } } } ? B : never;

export type RouterTree = Json<'/api/v1/routers/{id}', 'get', 200>;
export const tree: RouterTree = ${tree.text};
export const fleet: Json<'/api/v1/fleets', 'post', 201> = ${fleet.text};
export const added: components['schemas']['AddRoutersResult'] = ${added.text};
export const list: Json<'/api/v1/routers', 'get', 200> = ${list.text};
export const changes: Json<'/api/v1/routers/{id}/changes', 'get', 200> = ${changes.text};
export const notFound: Json<'/api/v1/routers/{id}', 'get', 404, 'application/problem+json'> = ${missing.text};
export const check: Json<'/api/v1/scenarios/validate', 'post', 200> = ${check.text};
export const timings: Json<'/api/v1/timings', 'get', 200> = ${timings.text};
export const show: Json<'/api/v1/routers/{id}/show/version', 'get', 200, 'text/plain; charset=utf-8'> = 'Cisco IOS XE Software';

/** A typed call: the path parameter and the answer's type come from the document. */
export async function getRouter(base: string, id: paths['/api/v1/routers/{id}']['get']['parameters']['path']['id']): Promise<RouterTree> {
  const res = await fetch(\`\${base}/api/v1/routers/\${encodeURIComponent(id)}\`);
  return (await res.json()) as RouterTree;
}

export const active: 'active' | 'standby' | 'down' = tree.routeProcessors[0]!.host.hypervisor.guests[0]!.role;
export const code: number = notFound.status;
// @ts-expect-error a router's hostname is a string
export const wrong: RouterTree['hostname'] = 42;
// @ts-expect-error a router tree has no "name"; its name is "hostname"
export const name = tree.name;
// @ts-expect-error the 404 answer of GET /routers/{id} is a problem, not a router
export const confused: RouterTree = notFound;
`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: [],
          skipLibCheck: false,
        },
        files: ['client.ts'],
      }),
    );
    const tsc = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
      () => '',
      (error: Error & { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(tsc).toBe('');
  });
});
