import { renderShow } from '@asr-twin/ios-cli';
import type { RouterDetail } from '@asr-twin/persistence';
import { describe, expect, it } from 'vitest';
import { showContextOf } from '../show/show-context.factory.js';
import { bulkItemsOf } from './bulk-observation-body.js';
import { planBulkObservation } from './bulk-observation-plan.js';
import { initialTwin } from './observed-router.js';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const DAY = 86_400_000;

function stored(hostname: string, model: RouterDetail['model'], observedAt: string | null = null): RouterDetail {
  const twin = initialTwin({ hostname, model, serial: 'FOX1234', softwareVersion: '17.3.4a', redundancyMode: 'sso', labels: {} }, NOW - DAY);
  const at = new Date(NOW - DAY).toISOString();
  return {
    ...twin,
    id: `id-${hostname}`,
    fleetId: 'fleet-1',
    serial: 'FOX1234',
    labels: {},
    createdAt: at,
    updatedAt: at,
    observedAt,
    observedCommand: observedAt ? 'show version' : null,
    stateVersion: 3,
  };
}

const r1 = stored('r1', 'ASR1002-X');
const r2 = stored('r2', 'ASR1006', new Date(NOW - 1000).toISOString());
const routers = new Map([r1, r2].map((r) => [r.hostname, r]));
const out = (r: RouterDetail, command: 'show redundancy' | 'show version' | 'show platform') => renderShow(command, showContextOf(r, NOW));
const plan = (items: unknown[]) => planBulkObservation(bulkItemsOf(items, 'application/json'), routers, NOW);

describe('planBulkObservation', () => {
  it("combines a router's items into one update, and answers unknown hostnames and malformed items on their own", () => {
    const p = plan([
      { hostname: 'r1', output: out(r1, 'show redundancy').replace(/(Switchovers system experienced = )0/, '$11') },
      { hostname: 'nobody', output: 'x' },
      { hostname: 'r1', command: 'show-version', output: out(r1, 'show version') },
      { output: 'no hostname' },
    ]);
    expect(p.routers).toHaveLength(1);
    const [only] = p.routers;
    expect(only?.items).toEqual([0, 2]);
    expect(only?.write).toMatchObject({
      routerId: 'id-r1',
      expectedStateVersion: 3,
      changes: [{ entity: 'router', key: 'r1', field: 'switchovers', before: 0, after: 1 }],
      observed: { at: new Date(NOW).toISOString(), command: 'show redundancy, show version' },
    });
    expect(p.decided.get(1)).toEqual({ index: 1, hostname: 'nobody', command: null, outcome: 'unknown-router', reason: 'no router is named nobody' });
    expect(p.decided.get(3)).toMatchObject({ outcome: 'refused', code: 'VALIDATION_FAILED', hostname: null, reason: expect.stringMatching(/hostname/) });
  });

  it('refuses a router whole when one of its items is refused, naming that item on the others', () => {
    const p = plan([
      { hostname: 'r1', output: out(r1, 'show platform') },
      { hostname: 'r1', output: 'broken' },
    ]);
    expect(p.routers).toEqual([]);
    expect(p.decided.get(1)).toMatchObject({ outcome: 'refused', code: 'VALIDATION_FAILED', command: null });
    expect(p.decided.get(0)).toMatchObject({
      outcome: 'refused',
      code: 'VALIDATION_FAILED',
      command: 'show platform',
      reason: expect.stringMatching(/^not applied: item 1 of r1 was refused/),
    });
  });

  it("plans uptimes from observedAt, and refuses an observation older than the router's last one", () => {
    const earlier = new Date(NOW - 60_000).toISOString();
    const p = plan([{ hostname: 'r1', output: renderShow('show version', showContextOf(r1, NOW - 60_000)), observedAt: earlier }]);
    expect(p.routers[0]?.write).toMatchObject({ changes: [], observed: { at: earlier, command: 'show version' } });
    const late = plan([{ hostname: 'r2', output: out(r2, 'show version'), observedAt: new Date(NOW - 5000).toISOString() }]);
    expect(late.decided.get(0)).toMatchObject({ outcome: 'refused', code: 'CONFLICT', reason: expect.stringMatching(/before the router's last observation/) });
  });
});

describe('bulkItemsOf', () => {
  it('reads NDJSON lines, skipping blank ones and refusing lines that are not JSON', () => {
    const items = bulkItemsOf('{"hostname":"r1","output":"a"}\n\n  \nnot json\n', 'application/x-ndjson; charset=utf-8');
    expect(items.map((i) => [i.index, i.ok])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(items[1]).toMatchObject({ reason: expect.stringMatching(/^line 4 is not JSON/) });
  });

  it('refuses another shape or no item with 400, and too many items or too long an output with 413', () => {
    expect(() => bulkItemsOf({ hostname: 'r1' }, 'application/json')).toThrow(/send a JSON array/);
    expect(() => bulkItemsOf('[]', 'text/plain')).toThrow(/send a JSON array/);
    expect(() => bulkItemsOf([], 'application/json')).toThrow(/at least one item/);
    expect(() =>
      bulkItemsOf(
        Array.from({ length: 50_001 }, () => ({})),
        'application/json',
      ),
    ).toThrow(/at most 50000 items; got 50001/);
    expect(() => bulkItemsOf([{ hostname: 'r9', output: 'x'.repeat(262_145) }], 'application/json')).toThrow(/item 0 \(r9\)/);
  });
});
