import { describe, expect, it } from 'vitest';
import type { RouterSummary } from '../api/types';
import { applyStateEvents, countByFreshness, countByHealth, filterRows, indexRows, NO_FILTER, sortRows, toRow } from './fleet-rows';

const fleets = new Map([
  ['f1', 'core'],
  ['f2', 'edge'],
]);

function router(id: string, hostname: string, over: Partial<RouterSummary & { fleet: string }> = {}): [RouterSummary, string] {
  const { fleet = 'f1', ...rest } = over;
  return [
    {
      id,
      hostname,
      model: 'ASR1002-X',
      health: 'protected',
      redundancyMode: 'sso',
      softwareVersion: '17.3.4a',
      labels: [],
      freshness: 'never',
      observedAt: null,
      ...rest,
    },
    fleet,
  ];
}

const rows = [
  router('1', 'ams-core-01', { model: 'ASR1006', labels: [{ key: 'site', value: 'ams' }] }),
  router('2', 'ams-edge-10', { fleet: 'f2', health: 'degraded', redundancyMode: 'rpr' }),
  router('3', 'fra-edge-2', { fleet: 'f2', health: 'down', freshness: 'stale', observedAt: '2026-01-01T00:00:00.000Z' }),
  router('4', 'ams-edge-9', { fleet: 'f2', freshness: 'fresh', observedAt: '2026-03-01T00:00:00.000Z' }),
].map(([r, fleet]) => toRow(r, fleet, fleets));

describe('fleet rows', () => {
  it('filters by every search term, health, fleet and model together', () => {
    expect(filterRows(rows, { ...NO_FILTER, text: 'AMS edge' }).map((r) => r.id)).toEqual(['2', '4']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'site=ams' }).map((r) => r.id)).toEqual(['1']);
    expect(filterRows(rows, { ...NO_FILTER, health: new Set(['degraded', 'down']) }).map((r) => r.id)).toEqual(['2', '3']);
    expect(filterRows(rows, { ...NO_FILTER, fleetId: 'f2', model: 'ASR1002-X', text: 'ams' }).map((r) => r.id)).toEqual(['2', '4']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'core', fleetId: 'f2' })).toEqual([]);
  });

  it('filters, counts and sorts by freshness, least current first', () => {
    expect(filterRows(rows, { ...NO_FILTER, freshness: new Set(['stale', 'fresh']) }).map((r) => r.id)).toEqual(['3', '4']);
    expect(filterRows(rows, { ...NO_FILTER, freshness: new Set(['never']), health: new Set(['degraded']) }).map((r) => r.id)).toEqual(['2']);
    expect(countByFreshness(rows)).toEqual({ fresh: 1, stale: 1, never: 2 });
    expect(sortRows(rows, 'freshness', false).map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    expect(sortRows(rows, 'freshness', true).map((r) => r.id)[0]).toBe('4');
  });

  it('sorts hostnames naturally and health worst first', () => {
    expect(sortRows(rows, 'hostname', false).map((r) => r.hostname)).toEqual(['ams-core-01', 'ams-edge-9', 'ams-edge-10', 'fra-edge-2']);
    expect(sortRows(rows, 'health', false).map((r) => r.health)).toEqual(['down', 'degraded', 'protected', 'protected']);
    expect(sortRows(rows, 'health', true).map((r) => r.health)[0]).toBe('protected');
  });

  it('patches the health of known routers from events, ignoring stale ones, and names unknown routers', () => {
    const index = indexRows(rows);
    const at = '2026-01-01T00:00:00Z';
    const { rows: next, unknownIds } = applyStateEvents(rows, index, [
      { routerId: '1', hostname: 'ams-core-01', fleetId: 'f1', health: 'down', stateVersion: 3, at },
      { routerId: '1', hostname: 'ams-core-01', fleetId: 'f1', health: 'protected', stateVersion: 2, at },
      { routerId: '2', hostname: 'ams-edge-10', fleetId: 'f2', health: 'degraded', stateVersion: 5, at },
      { routerId: '9', hostname: 'new', fleetId: 'f1', health: 'protected', stateVersion: 1, at },
      { routerId: '4', hostname: 'ams-edge-9', fleetId: 'f1', health: 'protected', stateVersion: 4, at },
    ]);
    expect(next[0]).toMatchObject({ health: 'down', stateVersion: 3 });
    expect(next[1]).toMatchObject({ health: 'degraded', stateVersion: 5 });
    expect(unknownIds).toEqual(['9', '4']);
    expect(rows[0]?.health).toBe('protected');
    expect(countByHealth(next)).toEqual({ protected: 1, degraded: 1, down: 2 });
    expect(applyStateEvents(next, index, [{ routerId: '2', hostname: 'ams-edge-10', fleetId: 'f2', health: 'down', stateVersion: 4, at }]).rows).toBe(next);
  });

  it('removes deleted routers', () => {
    const at = '2026-01-01T00:00:00Z';
    const result = applyStateEvents(rows, indexRows(rows), [
      { change: 'deleted', routerId: '3', hostname: 'fra-edge-2', fleetId: 'f2', health: 'down', stateVersion: 9, at },
    ]);
    expect(result.removed).toBe(true);
    expect(result.rows.map((r) => r.id)).toEqual(['1', '2', '4']);
  });

  it('returns the same array when no event changes anything', () => {
    const same = applyStateEvents(rows, indexRows(rows), []);
    expect(same.rows).toBe(rows);
  });
});
