import { chassisAnatomy, type ChassisModel } from '@asr-twin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FLEET_NAME, sampleRouters } from '../../apps/admin/src/sample-fleet.js';
import { type AuditBody, type AuditStack, type ReportRouter, startAuditStack } from '../support/audits.js';

/**
 * A risk audit of the sample fleet that `npm start` creates (issue "The twin of the real fleet", done-when 4):
 * its deliberately unprotected routers (one RPR, one simplex) and every single-RP chassis are exposed, each
 * with its cause; every dual-RP router is not.
 */
let stack: AuditStack;

beforeAll(async () => {
  stack = await startAuditStack('audit-sample');
  expect((await stack.post('/api/v1/fleets', { name: SAMPLE_FLEET_NAME })).status).toBe(201);
  const routers = sampleRouters().map((r) => ({
    hostname: r.hostname,
    model: r.model,
    serial: r.serial,
    version: r.softwareVersion,
    redundancy: r.redundancyMode,
    labels: r.labels,
  }));
  const added = await stack.post(`/api/v1/fleets/${SAMPLE_FLEET_NAME}/routers`, { routers });
  expect(added.status, added.text).toBe(201);
}, 60_000);
afterAll(() => stack?.stop());

describe('a risk audit of the sample fleet', () => {
  it('names exactly the exposed routers with their causes', async () => {
    const created = await stack.post<AuditBody>('/api/v1/audits', { selector: { fleet: SAMPLE_FLEET_NAME } });
    expect(created.status).toBe(202);
    const audit = await stack.waitForAudit(created.body.id);
    expect(audit.status).toBe('completed');
    const report = (await stack.get<{ routers: ReportRouter[] }>(`/api/v1/audits/${audit.id}/report`)).body;
    const byHost = new Map(report.routers.map((r) => [r.hostname, r]));
    const sample = sampleRouters();
    expect(byHost.size).toBe(sample.length);
    for (const r of sample) {
      const result = byHost.get(r.hostname) as ReportRouter;
      const singleRp = chassisAnatomy(r.model as ChassisModel).rpSlots.length === 1;
      expect(result.exposed, r.hostname).toBe(singleRp);
      // A single RP and a single ESP are single points of failure; a healthy dual-RP SSO chassis has none.
      if (singleRp) expect(result.causes, r.hostname).toEqual(expect.arrayContaining(['single RP', 'single ESP']));
      else expect(result.causes, r.hostname).toEqual([]);
    }
    expect(byHost.get('lon-edge-02')?.causes).toContain('operating RPR');
    expect(byHost.get('lon-edge-03')?.causes).toContain('simplex');
    expect(audit.summary?.exposedRouters).toBe(sample.filter((r) => chassisAnatomy(r.model as ChassisModel).rpSlots.length === 1).length);
  });
});
