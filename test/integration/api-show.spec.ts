import { CHASSIS_MODELS, chassisAnatomy } from '@asr-twin/domain';
import {
  detectShowCommand,
  parseShowPlatform,
  parseShowRedundancy,
  parseShowVersion,
  redundancyFactsFromShowRedundancy,
  SHOW_COMMANDS,
  type ParseResult,
  type ShowCommand,
} from '@asr-twin/ios-cli';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationResult } from '../../apps/api/src/routers/observations/observation.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const ROUTE: Readonly<Record<ShowCommand, string>> = {
  'show redundancy': 'redundancy',
  'show redundancy states': 'redundancy-states',
  'show version': 'version',
  'show platform': 'platform',
};

let db: TestDatabase;
let api: RunningApi;
let viewer: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  viewer = (await createKey(api, 'dashboard', 'viewer')).key;
  await request(api.url, 'POST', '/api/v1/fleets', { name: 'all' }, bearer(api.adminKey));
  const routers = CHASSIS_MODELS.map((model) => ({ hostname: `show-${model.toLowerCase()}`, model }));
  expect((await request(api.url, 'POST', '/api/v1/fleets/all/routers', routers, bearer(api.adminKey))).status).toBe(201);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const show = (hostname: string, command: ShowCommand) =>
  request(api.url, 'GET', `/api/v1/routers/${hostname}/show/${ROUTE[command]}`, undefined, bearer(viewer));

function value<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return result.value;
}

describe.each(CHASSIS_MODELS)('the show routes of an %s', (model) => {
  const hostname = `show-${model.toLowerCase()}`;

  it('answer text/plain that detectShowCommand recognises as the right command', async () => {
    for (const command of SHOW_COMMANDS) {
      const res = await show(hostname, command);
      expect(res.status).toBe(200);
      expect(res.contentType).toBe('text/plain; charset=utf-8');
      expect(res.text.endsWith('\n')).toBe(true);
      expect(detectShowCommand(res.text)).toEqual({ ok: true, value: command });
    }
  });

  it('describe the stored router: hostname, model, serial, release, slots and RF states', async () => {
    const tree = (await request<RouterTree>(api.url, 'GET', `/api/v1/routers/${hostname}`, undefined, bearer(viewer))).body;
    const version = value(parseShowVersion((await show(hostname, 'show version')).text));
    expect(version).toMatchObject({ hostname, model, serial: tree.serial, xeVersion: tree.softwareVersion });
    expect(version.uptimeMs).toBeLessThan(5 * 60_000);
    const platform = value(parseShowPlatform((await show(hostname, 'show platform')).text));
    expect(platform.model).toBe(model);
    const anatomy = chassisAnatomy(model);
    expect(platform.slots.filter((s) => /^[RF]\d$/.test(s.slot)).map((s) => s.slot)).toEqual([...anatomy.rpSlots, ...anatomy.espSlots]);
    const redundancy = value(parseShowRedundancy((await show(hostname, 'show redundancy')).text));
    const instances = tree.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => ({ name: g.name, rfState: g.rfState.code })));
    expect(value(redundancyFactsFromShowRedundancy(redundancy, model)).instances).toEqual(instances);
  });

  it('give output that, posted back as an observation, changes nothing', async () => {
    const outputs = await Promise.all(SHOW_COMMANDS.map(async (c) => `${hostname}#${c}\n${(await show(hostname, c)).text}`));
    const operator = (await createKey(api, `noc-${model.toLowerCase()}`, 'operator')).key;
    const res = await request<ObservationResult>(api.url, 'POST', `/api/v1/routers/${hostname}/observations`, outputs.join(''), {
      ...bearer(operator),
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual([]);
    expect(res.body.router.stateVersion).toBe(1);
  });
});

describe('uptimes', () => {
  it('are read from the wall clock at request time: now minus the stored boot and state times', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`UPDATE routers SET booted_at = now() - interval '3 days 2 hours 5 minutes 30 seconds' WHERE hostname = 'show-asr1004'`);
      await client.query(
        `UPDATE ios_instances SET state_since = now() - interval '1 hour 1 minute 10 seconds'
          WHERE name = 'R0/1' AND router_id = (SELECT id FROM routers WHERE hostname = 'show-asr1004')`,
      );
    } finally {
      await client.end();
    }
    expect((await show('show-asr1004', 'show version')).text).toContain('\nshow-asr1004 uptime is 3 days, 2 hours, 5 minutes\n');
    const redundancy = (await show('show-asr1004', 'show redundancy')).text;
    expect(redundancy).toContain('Available system uptime = 3 days, 2 hours, 5 minutes\n');
    expect(value(parseShowRedundancy(redundancy)).peer?.uptimeInStateMs).toBe(61 * 60_000);
  });
});

describe('the OpenAPI document', () => {
  interface Operation {
    'x-required-role'?: string;
    requestBody?: { content: Record<string, unknown> };
    responses: Record<string, { content?: Record<string, unknown> }>;
  }

  it('documents the show routes as text/plain and the observation bodies as text or JSON', async () => {
    const doc = (await request<{ paths: Record<string, Record<string, Operation>> }>(api.url, 'GET', '/docs/openapi.json')).body;
    for (const route of Object.values(ROUTE)) {
      const op = doc.paths[`/api/v1/routers/{id}/show/${route}`]?.['get'];
      expect(Object.keys(op?.responses['200']?.content ?? {})).toEqual(['text/plain; charset=utf-8']);
    }
    for (const [path, status] of [
      ['/api/v1/routers/{id}/observations', '200'],
      ['/api/v1/fleets/{id}/routers/observations', '201'],
    ] as const) {
      const op = doc.paths[path]?.['post'];
      expect(Object.keys(op?.requestBody?.content ?? {}).sort()).toEqual(['application/json', 'text/plain']);
      expect(op?.responses[status]).toBeDefined();
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['400', '409', '413', '415']));
    }
  });
});
