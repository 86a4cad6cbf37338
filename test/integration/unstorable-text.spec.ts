import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { gql, type GraphqlResponse } from '../support/graphql.js';

/**
 * Text PostgreSQL cannot store (U+0000) and text that is not Unicode (unpaired surrogates) is refused with a 400
 * naming the field on every input: the test walks every REST operation of the served OpenAPI document (each path
 * parameter, each query parameter, the body) and every argument of the GraphQL schema (as a variable and as a
 * literal), and expects `VALIDATION_FAILED` with the issue code `unstorable-text` each time, never a 5xx.
 */

const NUL = 'a\u0000b';

interface OpenApiParameter {
  readonly name: string;
  readonly in: string;
}
interface OpenApiOperation {
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, unknown>> };
}
type OpenApiDocument = { readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>> };

interface Probe {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly field: string;
}

/** One probe per path parameter, per query parameter and per body of every operation. */
function probes(doc: OpenApiDocument): { probes: Probe[]; operations: number } {
  const out: Probe[] = [];
  let operations = 0;
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
      const fill = (bad?: string) => template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === bad ? encodeURIComponent(NUL) : 'x'));
      const M = method.toUpperCase();
      const before = out.length;
      for (const name of pathParams) out.push({ label: `${M} ${template} path ${name}`, method: M, path: fill(name), field: name });
      for (const q of params.filter((p) => p.in === 'query')) {
        out.push({ label: `${M} ${template} query ${q.name}`, method: M, path: `${fill()}?${q.name}=${encodeURIComponent(NUL)}`, field: q.name });
      }
      for (const type of Object.keys(op.requestBody?.content ?? {})) {
        const json = type.includes('json') && !type.includes('ndjson');
        out.push({
          label: `${M} ${template} body (${type})`,
          method: M,
          path: fill(),
          contentType: type,
          body: json ? JSON.stringify({ name: NUL }) : `first line\n${NUL}`,
          field: json ? 'name' : 'body',
        });
      }
      if (out.length > before) operations++;
    }
  }
  return { probes: out, operations };
}

interface TypeRef {
  readonly kind: string;
  readonly name: string | null;
  readonly ofType: TypeRef | null;
}
interface IntroField {
  readonly name: string;
  readonly args: readonly { name: string; type: TypeRef }[];
  readonly type: TypeRef;
}
interface IntroType {
  readonly kind: string;
  readonly name: string;
  readonly fields: readonly IntroField[] | null;
  readonly inputFields: readonly { name: string; type: TypeRef }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types { kind name
  fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } inputFields { name type { ${TYPE_REF} } } } } }`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const typeString = (t: TypeRef): string =>
  t.kind === 'NON_NULL' ? `${typeString(t.ofType as TypeRef)}!` : t.kind === 'LIST' ? `[${typeString(t.ofType as TypeRef)}]` : (t.name as string);

/** A value of type `t` holding NUL in its first text-bearing place, as JSON and as a GraphQL literal, with its path. */
function sample(t: TypeRef, types: Map<string, IntroType>, seen = new Set<string>()): { value: unknown; literal: string; path: string } | null {
  if (t.kind === 'NON_NULL') return sample(t.ofType as TypeRef, types, seen);
  if (t.kind === 'LIST') {
    const inner = sample(t.ofType as TypeRef, types, seen);
    return inner && { value: [inner.value], literal: `[${inner.literal}]`, path: `.0${inner.path}` };
  }
  if (t.kind === 'SCALAR') return t.name === 'String' || t.name === 'ID' ? { value: NUL, literal: '"a\\u0000b"', path: '' } : null;
  if (t.kind !== 'INPUT_OBJECT' || seen.has(t.name as string)) return null;
  const input = types.get(t.name as string);
  for (const f of input?.inputFields ?? []) {
    const inner = sample(f.type, types, new Set([...seen, t.name as string]));
    if (inner) return { value: { [f.name]: inner.value }, literal: `{ ${f.name}: ${inner.literal} }`, path: `.${f.name}${inner.path}` };
  }
  return null;
}

let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('text PostgreSQL cannot store is refused on every REST input', () => {
  it('answers 400 VALIDATION_FAILED naming the field, for every parameter and body of every operation in the OpenAPI document', async () => {
    const doc = (await request<OpenApiDocument>(api.url, 'GET', '/docs/openapi.json')).body;
    const { probes: all, operations } = probes(doc);
    expect(operations).toBeGreaterThanOrEqual(30);
    const wrong: string[] = [];
    for (const p of all) {
      const headers = { ...bearer(api.adminKey), ...(p.contentType ? { 'content-type': p.contentType } : {}) };
      const res = await request<{ code?: string; errors?: { field: string; code?: string }[] }>(api.url, p.method, p.path, p.body, headers);
      const issue = res.body.errors?.[0];
      const ok =
        res.status === 400 &&
        res.contentType.startsWith('application/problem+json') &&
        res.body.code === 'VALIDATION_FAILED' &&
        issue?.code === 'unstorable-text' &&
        issue.field === p.field;
      if (!ok) wrong.push(`${p.label}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the line and column of NUL in a text body, and refuses unpaired surrogates and bad keys', async () => {
    const yaml = await request<{ errors: { field: string; line?: number; column?: number; message: string }[] }>(
      api.url,
      'POST',
      '/api/v1/scenarios/validate',
      'apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: ab\u0000c\n',
      { ...bearer(api.adminKey), 'content-type': 'application/yaml' },
    );
    expect(yaml.status).toBe(400);
    expect(yaml.body.errors[0]).toMatchObject({ field: 'body', line: 4, column: 11 });
    expect(yaml.body.errors[0]?.message).toBe('the body contains U+0000 (NUL) at line 4, column 11, which PostgreSQL cannot store');

    const surrogate = await request<{ errors: { field: string; message: string }[] }>(
      api.url,
      'POST',
      '/api/v1/fleets',
      { name: 'east', labels: { site: 'x\ud800' } },
      bearer(api.adminKey),
    );
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors[0]).toMatchObject({ field: 'labels.site' });
    expect(surrogate.body.errors[0]?.message).toBe('body field labels.site contains an unpaired surrogate U+D800 at character 2, which is not valid Unicode');

    const key = await request<{ errors: { field: string }[] }>(
      api.url,
      'POST',
      '/api/v1/fleets',
      { name: 'east', labels: { [NUL]: 'x' } },
      bearer(api.adminKey),
    );
    expect(key.status).toBe(400);
    expect(key.body.errors[0]?.field).toBe('labels["a\\u0000b"]');

    // Nothing was written.
    const fleets = await request<{ items: unknown[] }>(api.url, 'GET', '/api/v1/fleets', undefined, bearer(api.adminKey));
    expect(fleets.body.items).toEqual([]);
  });
});

describe('text PostgreSQL cannot store is refused on every GraphQL argument', () => {
  it('refuses it as a variable and as a literal, for every text-bearing argument of every field reachable from Query and Mutation', async () => {
    const schema = (
      await gql<{ __schema: { queryType: { name: string }; mutationType: { name: string }; types: IntroType[] } }>(api.url, INTROSPECTION, {}, api.adminKey)
    ).data?.__schema;
    if (!schema) throw new Error('introspection failed');
    const types = new Map(schema.types.map((t) => [t.name, t]));
    // How to reach each object type: the first chain of fields from a root (breadth first).
    const reach = new Map<string, { op: 'query' | 'mutation'; chain: string[] }>([
      [schema.queryType.name, { op: 'query', chain: [] }],
      [schema.mutationType.name, { op: 'mutation', chain: [] }],
    ]);
    const queue = [schema.queryType.name, schema.mutationType.name];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      const from = reach.get(name) as { op: 'query' | 'mutation'; chain: string[] };
      for (const f of types.get(name)?.fields ?? []) {
        const target = named(f.type);
        if ((target.kind === 'OBJECT' || target.kind === 'INTERFACE') && !reach.has(target.name as string) && !(target.name as string).startsWith('__')) {
          reach.set(target.name as string, { op: from.op, chain: [...from.chain, f.name] });
          queue.push(target.name as string);
        }
      }
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const [typeName, { op, chain }] of reach) {
      for (const f of types.get(typeName)?.fields ?? []) {
        const leaf = ['OBJECT', 'INTERFACE', 'UNION'].includes(named(f.type).kind) ? ' { __typename }' : '';
        const wrap = (inner: string) => chain.reduceRight((acc, step) => `${step} { ${acc} }`, inner);
        for (const arg of f.args) {
          const s = sample(arg.type, types);
          if (!s) continue;
          checked++;
          const asVariable = `${op} ($v: ${typeString(arg.type)}) { ${wrap(`${f.name}(${arg.name}: $v)${leaf}`)} }`;
          const asLiteral = `${op} { ${wrap(`${f.name}(${arg.name}: ${s.literal})${leaf}`)} }`;
          const expectRefused = (res: GraphqlResponse, field: string, how: string) => {
            const refusal = res.errors.find((e) => e.extensions?.code === 'VALIDATION_FAILED');
            const issue = refusal?.extensions?.errors?.[0] as { field: string; code?: string } | undefined;
            if (res.data || issue?.code !== 'unstorable-text' || issue.field !== field) {
              wrong.push(`${typeName}.${f.name}(${arg.name}) ${how}: ${JSON.stringify(res.errors).slice(0, 200)}`);
            }
          };
          expectRefused(await gql(api.url, asVariable, { v: s.value }, api.adminKey), `$v${s.path}`, 'variable');
          expectRefused(await gql(api.url, asLiteral, {}, api.adminKey), `${f.name}.${arg.name}${s.path}`, 'literal');
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(wrong).toEqual([]);
  });
});
