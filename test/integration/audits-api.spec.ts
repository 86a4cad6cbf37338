import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, createKey, type RunningApi } from '../support/api.js';
import { type AuditBody, type AuditStack, EXPOSED, HEALTHY, type ReportRouter, ROUTER_ID, startAuditStack } from '../support/audits.js';

/**
 * Risk audits through REST and a real worker process: a fleet where some routers' stored states are made
 * exposed, audited from those states.
 */
let stack: AuditStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startAuditStack('audits');
  api = stack.api;
}, 60_000);
afterAll(() => stack?.stop());

const post = <T>(path: string, body: unknown, headers?: Record<string, string>) => stack.post<T>(path, body, headers);
const get = <T>(path: string, headers?: Record<string, string>) => stack.get<T>(path, headers);
const sql = (text: string, params: unknown[] = []) => stack.sql(text, params);
const waitForAudit = (id: string) => stack.waitForAudit(id);
const auth = () => bearer(api.adminKey);

describe('a risk audit', () => {
  it('names exactly the exposed routers, each with its cause, and the healthy ones as not exposed', async () => {
    const created = await post<AuditBody>('/api/v1/audits', { selector: { fleet: 'risk' }, shardSize: 3 });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/api/v1/audits/${created.body.id}`);
    expect(created.body.status).toBe('queued');
    const audit = await waitForAudit(created.body.id);
    expect(audit).toMatchObject({ status: 'completed', progress: { routersDone: 8, routerCount: 8, exposedRouters: 5 } });
    expect(audit.summary).toMatchObject({ routers: 8, exposedRouters: 5, errors: 0 });
    expect(audit.summary?.byCause).toEqual(
      expect.arrayContaining(
        Object.entries({ 'peer STANDBY COLD-BULK': 1, 'operating RPR': 1, 'ESP F0 failed': 1, simplex: 1, 'single RP': 1, 'single ESP': 1 }).map(
          ([cause, routers]) => ({ cause, routers }),
        ),
      ),
    );
    expect(audit.summary?.byCause).toHaveLength(6);
    expect(audit.cells).not.toContain('power-loss@router');
    expect(audit.summary?.byCell['esp-failure@active']).toBe(2);

    const report = (await get<{ summary: unknown; routers: ReportRouter[] }>(`/api/v1/audits/${audit.id}/report`)).body;
    expect(report.summary).toEqual(audit.summary);
    const byHost = Object.fromEntries(report.routers.map((r) => [r.hostname, r]));
    expect(Object.keys(byHost).sort()).toEqual([...HEALTHY, ...Object.keys(EXPOSED)].sort());
    for (const h of HEALTHY) expect(byHost[h], h).toMatchObject({ exposed: false, causes: [] });
    for (const [h, causes] of Object.entries(EXPOSED)) expect(byHost[h], h).toMatchObject({ exposed: true, causes });
    expect(byHost['cold-1']?.start.instances[1]?.rfState).toBe('STANDBY COLD-BULK');
    const coldCrash = byHost['cold-1']?.cells['iosd-crash@active'];
    expect(coldCrash?.exposed).toBe(true);
    expect(coldCrash?.dataPlaneOutageMs).toBeGreaterThan(60_000);
    expect(byHost['ok-1']?.cells['iosd-crash@active']).toMatchObject({ exposed: false, dataPlaneOutageMs: 0 });
    expect(byHost['small-1']?.cells['esp-failure@standby']).toEqual({ applicable: false });

    const exposedPage = (await get<{ total: number; items: { hostname: string }[] }>(`/api/v1/audits/${audit.id}/matrix?exposed=true&limit=2`)).body;
    expect(exposedPage.total).toBe(5);
    expect(exposedPage.items.map((r) => r.hostname)).toEqual(['cold-1', 'esp-1']);
  });

  it('gives JUnit with one test case per router × fault, failing where exposed', async () => {
    const created = await post<AuditBody>('/api/v1/audits', {
      selector: { fleet: 'risk', hostnames: ['ok-1', 'cold-1'] },
      faults: ['iosd-crash', 'esp-failure'],
    });
    const audit = await waitForAudit(created.body.id);
    expect(audit.cells).toEqual(['iosd-crash@active', 'iosd-crash@standby', 'esp-failure@active', 'esp-failure@standby']);
    const res = await fetch(`${api.url}/api/v1/audits/${audit.id}/junit`, { headers: auth() });
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const junit = await res.text();
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="asr-twin" tests="8" failures="1" errors="0"/);
    expect(junit.match(/<testcase /g)).toHaveLength(8);
    expect(junit.match(/<failure /g)).toHaveLength(1);
    expect(junit).toMatch(
      /<testcase classname="risk-audit\.cold-1" name="iosd-crash@active" time="0">\n {6}<failure message="cold-1 exposed to iosd-crash@active \(peer STANDBY COLD-BULK\)/,
    );
    expect(junit.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('honours thresholds: a data-plane limit above the outage leaves the router unexposed', async () => {
    const loose = await post<AuditBody>('/api/v1/audits', {
      selector: { hostnames: ['cold-1'] },
      faults: ['iosd-crash'],
      thresholds: { dataPlaneOutageMs: 3_600_000, controlPlaneOutageMs: 3_600_000 },
      horizon: '30m',
    });
    expect((await waitForAudit(loose.body.id)).summary?.exposedRouters).toBe(0);
  });

  it('freezes the stored state when planned: a later write does not change a finished audit', async () => {
    const created = await post<AuditBody>('/api/v1/audits', { selector: { hostnames: ['ok-3'] } });
    const first = await waitForAudit(created.body.id);
    expect(first.summary?.exposedRouters).toBe(0);
    await sql(`UPDATE routers SET operating_mode = 'none' WHERE hostname = $1`, ['ok-3']);
    await sql(`UPDATE ios_instances SET rf_state = 1, domain_state = 'SHUTOFF' WHERE router_id = ${ROUTER_ID} AND name = 'R1/0'`, ['ok-3']);
    const again = await waitForAudit((await post<AuditBody>('/api/v1/audits', { selector: { hostnames: ['ok-3'] } })).body.id);
    expect(again.summary?.byCause).toEqual([{ cause: 'simplex', routers: 1 }]);
    const old = (await get<{ routers: ReportRouter[] }>(`/api/v1/audits/${first.id}/report`)).body;
    expect(old.routers[0]).toMatchObject({ exposed: false, causes: [] });
  });

  it('fails an audit whose selector matches no router, and lists audits newest first', async () => {
    const created = await post<AuditBody>('/api/v1/audits', { selector: { fleet: 'no-such-fleet' } });
    expect((await waitForAudit(created.body.id)).status).toBe('failed');
    const list = (await get<{ total: number; items: AuditBody[] }>('/api/v1/audits?limit=1')).body;
    expect(list.total).toBeGreaterThanOrEqual(6);
    expect(list.items.map((a) => a.id)).toEqual([created.body.id]);
    expect((await get<{ items: AuditBody[] }>('/api/v1/audits?status=failed')).body.items.map((a) => a.id)).toEqual([created.body.id]);
  });

  it('cancels a queued or running audit; the worker leaves it cancelled', async () => {
    await post('/api/v1/fleets/risk/routers', { generate: { count: 2000, models: ['ASR1006'], hostnamePrefix: 'bulk' } });
    const created = await post<AuditBody>('/api/v1/audits', { selector: { fleet: 'risk' }, shardSize: 10 });
    const cancelled = await post<AuditBody>(`/api/v1/audits/${created.body.id}/cancel`, undefined);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await get<AuditBody>(`/api/v1/audits/${created.body.id}`)).body;
    expect(after.status).toBe('cancelled');
    expect(after.progress.routersDone).toBeLessThan(2008);
    const report = await get<Problem>(`/api/v1/audits/${created.body.id}/report`);
    expect(report.status).toBe(409);
    expect(report.body.code).toBe('PRECONDITION_FAILED');
  });
  it('reports a router whose stored state is impossible as not simulated (errors), not as exposed', async () => {
    expect((await post('/api/v1/fleets', { name: 'broken' })).status).toBe(201);
    expect((await post('/api/v1/fleets/broken/routers', { routers: [{ hostname: 'two-active', model: 'ASR1006' }] })).status).toBe(201);
    await sql(`UPDATE ios_instances SET rf_state = 13 WHERE router_id = ${ROUTER_ID}`, ['two-active']);
    const audit = await waitForAudit((await post<AuditBody>('/api/v1/audits', { selector: { fleet: 'broken' } })).body.id);
    expect(audit.summary).toMatchObject({ routers: 1, exposedRouters: 0, errors: 15, byCause: [] });
    const junit = await fetch(`${api.url}/api/v1/audits/${audit.id}/junit`, { headers: auth() }).then((r) => r.text());
    expect(junit).toMatch(/<testsuites name="asr-twin" tests="15" failures="0" errors="15"/);
    expect(junit.match(/<error /g)).toHaveLength(15);
  });
});

describe('audit access and bad input', () => {
  it('lets a viewer read audits but not start or cancel one', async () => {
    const viewer = bearer((await createKey(api, 'audit-viewer', 'viewer')).key);
    const refused = await post<Problem>('/api/v1/audits', { selector: { fleet: 'risk' } }, viewer);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('FORBIDDEN');
    const list = await get<{ items: AuditBody[] }>('/api/v1/audits', viewer);
    expect(list.status).toBe(200);
    const id = list.body.items[0]?.id as string;
    expect((await get(`/api/v1/audits/${id}`, viewer)).status).toBe(200);
    expect((await post<Problem>(`/api/v1/audits/${id}/cancel`, undefined, viewer)).status).toBe(403);
    const operator = bearer((await createKey(api, 'audit-operator', 'operator')).key);
    expect((await post('/api/v1/audits', { selector: { hostnames: ['ok-1'] }, faults: ['vm-crash'] }, operator)).status).toBe(202);
  });

  it.each([
    ['no selector', {}],
    ['an empty selector', { selector: {} }],
    ['an unknown fault', { selector: { fleet: 'risk' }, faults: ['iosd-crsh'] }],
    ['a fault twice', { selector: { fleet: 'risk' }, faults: ['iosd-crash', 'iosd-crash'] }],
    ['a negative threshold', { selector: { fleet: 'risk' }, thresholds: { dataPlaneOutageMs: -1 } }],
    ['an unknown threshold', { selector: { fleet: 'risk' }, thresholds: { outage: 1 } }],
    ['a horizon before the fault', { selector: { fleet: 'risk' }, horizon: '30s' }],
    ['a horizon that is no duration', { selector: { fleet: 'risk' }, horizon: 'soon' }],
    ['a seed out of range', { selector: { fleet: 'risk' }, seed: -1 }],
    ['an unknown field', { selector: { fleet: 'risk' }, iterations: 3 }],
    ['a body that is not an object', [1, 2]],
  ])('refuses %s with a 400 problem', async (_what, body) => {
    const res = await post<Problem>('/api/v1/audits', body);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 problems for an unknown audit and 400 for a bad matrix query', async () => {
    for (const path of ['/api/v1/audits/00000000-0000-4000-8000-000000000000', '/api/v1/audits/not-a-uuid/report', '/api/v1/audits/nope/junit']) {
      const res = await get<Problem>(path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await post<Problem>('/api/v1/audits/nope/cancel', undefined)).status).toBe(404);
    const list = (await get<{ items: AuditBody[] }>('/api/v1/audits')).body;
    const bad = await get<Problem>(`/api/v1/audits/${list.items[0]?.id}/matrix?exposed=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
