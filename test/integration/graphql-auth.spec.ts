import { auditProgressChannel, catalogChannel, forecastProgressChannel, createRedis, routerStateChannel, runProgressChannel } from '@asr-twin/jobs';
import { API_ROLES, type ApiRole } from '@asr-twin/persistence';
import type { Client } from 'graphql-ws';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { codes, gql, type GraphqlResponse, subscribe, wsClient } from '../support/graphql.js';
import { testQueuePrefix } from '../support/redis-keys.js';

type Operation = 'Query' | 'Mutation' | 'Subscription';

/**
 * Every root field of the schema and the role it needs. The first test compares this table with the schema
 * the running app serves (introspection), so a new field fails it until it is listed here; the others check
 * each listed field for 401, 403 and the allowed role, over HTTP or, for subscriptions, over graphql-ws.
 */
const FIELDS: Readonly<Record<string, ApiRole>> = {
  'Query.me': 'viewer',
  'Query.fleets': 'viewer',
  'Query.fleet': 'viewer',
  'Query.routers': 'viewer',
  'Query.router': 'viewer',
  'Query.scenarios': 'viewer',
  'Query.scenario': 'viewer',
  'Query.validateScenario': 'viewer',
  'Query.runs': 'viewer',
  'Query.run': 'viewer',
  'Query.audits': 'viewer',
  'Query.audit': 'viewer',
  'Query.forecasts': 'viewer',
  'Query.forecast': 'viewer',
  'Mutation.createFleet': 'admin',
  'Mutation.updateFleet': 'admin',
  'Mutation.deleteFleet': 'admin',
  'Mutation.generateRouters': 'admin',
  'Mutation.updateRouter': 'admin',
  'Mutation.deleteRouter': 'admin',
  'Mutation.createScenario': 'operator',
  'Mutation.updateScenario': 'operator',
  'Mutation.deleteScenario': 'operator',
  'Mutation.startRun': 'operator',
  'Mutation.cancelRun': 'operator',
  'Mutation.deleteRun': 'operator',
  'Mutation.startAudit': 'operator',
  'Mutation.cancelAudit': 'operator',
  'Mutation.createForecast': 'operator',
  'Mutation.cancelForecast': 'operator',
  'Mutation.forceSwitchover': 'operator',
  'Mutation.observe': 'operator',
  'Mutation.importInventory': 'admin',
  'Subscription.runProgress': 'viewer',
  'Subscription.auditProgress': 'viewer',
  'Subscription.forecastProgress': 'viewer',
  'Subscription.routerStateChanged': 'viewer',
  'Subscription.fleetChanged': 'viewer',
  'Subscription.scenarioChanged': 'viewer',
};

const NO_SUCH_ID = '6f1c1b9e-0000-4000-8000-000000000000';

/** For each subscription field: the Redis channel it relays, and a valid message on it. */
const EVENTS: Readonly<Record<string, { channel: (prefix: string) => string; message: Record<string, unknown> }>> = {
  runProgress: { channel: runProgressChannel, message: { runId: NO_SUCH_ID, status: 'running', routersDone: 1, routerCount: 2, verdict: null } },
  auditProgress: { channel: auditProgressChannel, message: { auditId: NO_SUCH_ID, status: 'running', routersDone: 1, routerCount: 2, exposedRouters: 1 } },
  forecastProgress: { channel: forecastProgressChannel, message: { forecastId: NO_SUCH_ID, status: 'running', routersDone: 1, routerCount: 2 } },
  routerStateChanged: {
    channel: routerStateChannel,
    message: {
      routerId: NO_SUCH_ID,
      hostname: 'r1',
      fleetId: NO_SUCH_ID,
      health: 'degraded',
      stateVersion: 2,
      at: new Date().toISOString(),
      change: 'updated',
    },
  },
  fleetChanged: { channel: catalogChannel, message: { entity: 'fleet', change: 'created', fleetId: NO_SUCH_ID, name: 'f1', at: new Date().toISOString() } },
  scenarioChanged: {
    channel: catalogChannel,
    message: { entity: 'scenario', change: 'updated', scenarioId: NO_SUCH_ID, name: 's1', revision: 2, at: new Date().toISOString() },
  },
};
const WELL_FORMED_UNKNOWN_KEY = `atw_aaaaaaaaaaaa_${'A'.repeat(43)}`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntroField {
  name: string;
  description: string | null;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface IntroType {
  kind: string;
  name: string;
  fields: IntroField[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema { types { kind name
  fields { name description type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } }
  inputFields { name type { ${TYPE_REF} } } enumValues { name } } } }`;

let db: TestDatabase;
let api: RunningApi;
let prefix: string;
let publisher: Redis;
let types: Map<string, IntroType>;
const keys: Partial<Record<ApiRole | 'revoked', string>> = {};

beforeAll(async () => {
  db = await migratedTestDatabase();
  prefix = testQueuePrefix('gqlauth');
  api = await startApi(db.url, { QUEUE_PREFIX: prefix });
  for (const role of API_ROLES) keys[role] = (await createKey(api, `gql-${role}`, role)).key;
  const revoked = await createKey(api, 'gql-revoked', 'admin');
  await request(api.url, 'DELETE', `/api/v1/keys/${revoked.id}`, undefined, bearer(api.adminKey));
  keys.revoked = revoked.key;
  // Introspection needs a key (any role): anonymous clients sending it in a loop slowed everyone down (#14).
  const schema = await gql<{ __schema: { types: IntroType[] } }>(api.url, INTROSPECTION, {}, keys.viewer);
  expect(schema.errors).toEqual([]);
  types = new Map(schema.data!.__schema.types.map((t) => [t.name, t]));
  publisher = createRedis(loadRedisUrl(), 'test-gql-auth');
  await publisher.connect();
});
afterAll(async () => {
  publisher?.disconnect();
  await api?.close();
  await db?.drop();
});

function loadRedisUrl(): string {
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

const unwrap = (t: TypeRef): TypeRef => (t.ofType ? unwrap(t.ofType) : t);
const print = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${print(t.ofType!)}!` : t.kind === 'LIST' ? `[${print(t.ofType!)}]` : t.name!);

/** A valid value of an input type: required fields only, ids that exist nowhere. */
function sample(t: TypeRef): unknown {
  if (t.kind === 'NON_NULL') return sample(t.ofType!);
  if (t.kind === 'LIST') return [sample(t.ofType!)];
  const named = types.get(t.name!)!;
  if (named.kind === 'ENUM') return named.enumValues![0]!.name;
  if (named.kind === 'INPUT_OBJECT') {
    return Object.fromEntries(named.inputFields!.filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, sample(f.type)]));
  }
  return ({ ID: NO_SUCH_ID, String: 'x', Int: 1, Float: 1, Boolean: true } as Record<string, unknown>)[t.name!] ?? 'x';
}

/** The smallest valid operation on one root field, with its required arguments as variables. */
function operationOn(operation: Operation, field: IntroField): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => a.type.kind === 'NON_NULL');
  const declared = required.map((a) => `$${a.name}: ${print(a.type)}`).join(', ');
  const passed = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = types.get(unwrap(field.type).name!)!.kind === 'OBJECT' ? ' { __typename }' : '';
  const query = `${operation.toLowerCase()}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])) };
}

const rootFields = (operation: Operation): IntroField[] => types.get(operation)?.fields ?? [];

describe('the field table', () => {
  it('lists exactly the root fields of the served schema, each described with its role', () => {
    const served = (['Query', 'Mutation', 'Subscription'] as const).flatMap((op) => rootFields(op).map((f) => `${op}.${f.name}`));
    expect(served.sort()).toEqual(Object.keys(FIELDS).sort());
    for (const op of ['Query', 'Mutation', 'Subscription'] as const) {
      for (const field of rootFields(op)) expect(field.description).toContain(`Role: ${FIELDS[`${op}.${field.name}`]}.`);
    }
  });
});

const cases = Object.entries(FIELDS).map(([name, role]) => [name, ...(name.split('.') as [Operation, string]), role] as const);
const httpCases = cases.filter(([, op]) => op !== 'Subscription');
const wsCases = cases.filter(([, op]) => op === 'Subscription');

function fieldOf(op: Operation, name: string): IntroField {
  return rootFields(op).find((f) => f.name === name)!;
}

function expectRefused(res: GraphqlResponse, field: string, code: string): void {
  expect(res.status).toBe(200);
  expect(res.errors.find((e) => e.path?.[0] === field)?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
}

describe.each(httpCases)('%s', (_name, op, field, role) => {
  it('answers UNAUTHENTICATED without a key, with an unknown key and with a revoked key', async () => {
    const { query, variables } = operationOn(op, fieldOf(op, field));
    for (const key of [undefined, WELL_FORMED_UNKNOWN_KEY, keys.revoked!]) expectRefused(await gql(api.url, query, variables, key), field, 'UNAUTHENTICATED');
  });

  it(`answers FORBIDDEN naming the ${role} role to weaker keys, and lets ${role} keys through`, async () => {
    const { query, variables } = operationOn(op, fieldOf(op, field));
    for (const held of API_ROLES.slice(0, API_ROLES.indexOf(role))) {
      const res = await gql(api.url, query, variables, keys[held]);
      expectRefused(res, field, 'FORBIDDEN');
      expect(res.errors[0]?.message).toContain(`needs the ${role} role`);
    }
    const allowed = await gql(api.url, query, variables, keys[role]);
    expect(codes(allowed)).not.toContain('UNAUTHENTICATED');
    expect(codes(allowed)).not.toContain('FORBIDDEN');
    // Whatever else happened (a missing id, invalid input), it has a code of its own and nothing crashed.
    for (const code of codes(allowed)) expect(code).toMatch(/^(NOT_FOUND|VALIDATION_FAILED|CONFLICT)$/);
  });
});

describe.each(wsCases)('%s over graphql-ws', (_name, op, field, role) => {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
  });
  const client = (key?: string) => {
    const c = wsClient(api.url, key);
    clients.push(c);
    return c;
  };

  it('refuses the subscription with UNAUTHENTICATED without a key, with an unknown key and with a revoked key', async () => {
    const { query, variables } = operationOn(op, fieldOf(op, field));
    for (const key of [undefined, WELL_FORMED_UNKNOWN_KEY, keys.revoked!]) {
      const sub = subscribe(client(key), query, field, variables);
      await sub.ended;
      expect(sub.errors.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it(`refuses weaker keys with FORBIDDEN and delivers events to ${role} keys`, async () => {
    const { query, variables } = operationOn(op, fieldOf(op, field));
    for (const held of API_ROLES.slice(0, API_ROLES.indexOf(role))) {
      const sub = subscribe(client(keys[held]), query, field, variables);
      await sub.ended;
      expect(sub.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    // The allowed key: a published event arrives (published until it does: the subscription starts asynchronously).
    const sub = subscribe(client(keys[role]), query.replace('{ __typename }', '{ __typename }'), field, {});
    expect(EVENTS[field], `a message to publish for ${field}`).toBeDefined();
    const { channel, message } = EVENTS[field]!;
    const timer = setInterval(() => void publisher.publish(channel(prefix), JSON.stringify(message)), 100);
    try {
      await sub.waitFor(() => true, 10_000);
    } finally {
      clearInterval(timer);
      sub.stop();
    }
    expect(sub.errors).toEqual([]);
  });
});
