import { describe, expect, it } from 'vitest';
import type { FleetEvent, FleetSummary, RouterSummary } from '../api/types';
import { applyFleetEvents, mergeRows, upsertFleet } from './fleet-catalog';
import { filterRows, fleetNameMap, indexRows, NO_FILTER, toRow } from './fleet-rows';

const fleets: FleetSummary[] = [
  { id: 'f1', name: 'core', routerCount: 2 },
  { id: 'f2', name: 'edge', routerCount: 1 },
];
const names = fleetNameMap(fleets);

function row(id: string, fleetId: string) {
  const router: RouterSummary = {
    id,
    hostname: `r-${id}`,
    model: 'ASR1002-X',
    health: 'protected',
    redundancyMode: 'sso',
    softwareVersion: '17.3.4a',
    labels: [],
    freshness: 'never',
    observedAt: null,
  };
  return toRow(router, fleetId, names);
}
const rows = [row('1', 'f1'), row('2', 'f2'), row('3', 'f1')];

function event(change: FleetEvent['change'], fleetId: string, name: string, over: Partial<FleetEvent> = {}): FleetEvent {
  return { change, fleetId, name, count: null, routersAnnounced: null, ...over };
}

describe('fleet events on the overview', () => {
  it('adds a created fleet in name order, and leaves the rows alone', () => {
    const patch = applyFleetEvents(fleets, rows, [event('created', 'f3', 'access')]);
    expect(patch.fleets.map((f) => f.name)).toEqual(['access', 'core', 'edge']);
    expect(patch.fleets[0]).toEqual({ id: 'f3', name: 'access', routerCount: 0 });
    expect(patch.rows).toBe(rows);
    expect(patch.reload).toEqual([]);
  });

  it('renames a fleet in the list and in its rows, which the search then finds by the new name', () => {
    const patch = applyFleetEvents(fleets, rows, [event('updated', 'f1', 'zcore')]);
    expect(patch.fleets.map((f) => f.name)).toEqual(['edge', 'zcore']);
    expect(patch.rows.map((r) => r.fleetName)).toEqual(['zcore', 'edge', 'zcore']);
    expect(patch.removed).toBe(false);
    expect(filterRows(patch.rows, { ...NO_FILTER, text: 'zcore' }).map((r) => r.id)).toEqual(['1', '3']);
    expect(filterRows(patch.rows, { ...NO_FILTER, text: 'core' }).map((r) => r.id)).toEqual(['1', '3']);
    expect(filterRows(patch.rows, { ...NO_FILTER, text: 'edge' }).map((r) => r.id)).toEqual(['2']);
  });

  it('removes a deleted fleet with its routers, and forgets a pending reload of it', () => {
    const patch = applyFleetEvents(fleets, rows, [
      event('routersAdded', 'f1', 'core', { count: 500, routersAnnounced: false }),
      event('deleted', 'f1', 'core'),
    ]);
    expect(patch.fleets.map((f) => f.id)).toEqual(['f2']);
    expect(patch.rows.map((r) => r.id)).toEqual(['2']);
    expect(patch.removed).toBe(true);
    expect(patch.reload).toEqual([]);
  });

  it('asks to fetch a fleet once after bulk inserts, and not after inserts announced router by router', () => {
    const patch = applyFleetEvents(fleets, rows, [
      event('routersAdded', 'f2', 'edge', { count: 500, routersAnnounced: false }),
      event('routersAdded', 'f2', 'edge', { count: 300, routersAnnounced: false }),
      event('routersAdded', 'f1', 'core', { count: 3, routersAnnounced: true }),
    ]);
    expect(patch.reload).toEqual(['f2']);
    expect(patch.fleets).toBe(fleets);
    expect(patch.rows).toBe(rows);
  });

  it('is idempotent: events a load already saw change nothing', () => {
    const once = applyFleetEvents(fleets, rows, [event('created', 'f3', 'access'), event('updated', 'f1', 'zcore'), event('deleted', 'f2', 'edge')]);
    expect(once.fleets.map((f) => f.name)).toEqual(['access', 'zcore']);
    expect(once.rows.map((r) => [r.id, r.fleetName])).toEqual([
      ['1', 'zcore'],
      ['3', 'zcore'],
    ]);
    const twice = applyFleetEvents(once.fleets, once.rows, [event('created', 'f3', 'access'), event('updated', 'f1', 'zcore'), event('deleted', 'f2', 'edge')]);
    expect(twice.fleets).toBe(once.fleets);
    expect(twice.rows).toBe(once.rows);
    expect(twice.removed).toBe(false);
  });

  it('adds only the fetched routers it does not show yet, keeping the rows it has', () => {
    const patched = { ...rows[0]!, health: 'down' as const, stateVersion: 4 };
    const shown = [patched, rows[1]!, rows[2]!];
    const fetched = [row('1', 'f1'), row('3', 'f1'), row('4', 'f1'), row('5', 'f1')];
    const merged = mergeRows(shown, indexRows(shown), fetched);
    expect(merged.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(merged[0]).toBe(patched);
    expect(mergeRows(shown, indexRows(shown), [row('2', 'f2')])).toBe(shown);
  });

  it('gives known rows the fetched freshness, and the fetched health unless an event gave a newer one', () => {
    const evented = { ...rows[0]!, health: 'down' as const, stateVersion: 4 };
    const shown = [evented, rows[1]!];
    const observed = (r: ReturnType<typeof row>) => ({
      ...r,
      health: 'degraded' as const,
      freshness: 'fresh' as const,
      observedAt: '2026-03-01T00:00:00.000Z',
    });
    const merged = mergeRows(shown, indexRows(shown), [observed(row('1', 'f1')), observed(row('2', 'f2'))]);
    expect(merged.map((r) => [r.id, r.health, r.freshness])).toEqual([
      ['1', 'down', 'fresh'],
      ['2', 'degraded', 'fresh'],
    ]);
    expect(shown[1]?.freshness).toBe('never');
  });

  it('takes a fetched fleet’s router count, keeps a known fleet’s name, and adds an unknown fleet', () => {
    expect(upsertFleet(fleets, { id: 'f1', name: 'old-name', routerCount: 502 })).toEqual([
      { id: 'f1', name: 'core', routerCount: 502 },
      { id: 'f2', name: 'edge', routerCount: 1 },
    ]);
    expect(upsertFleet(fleets, { id: 'f9', name: 'bulk', routerCount: 500 }).map((f) => f.name)).toEqual(['bulk', 'core', 'edge']);
  });

  it('fetches a fleet again after its routers were observed in bulk, and not a fleet it does not know', () => {
    const patch = applyFleetEvents(fleets, rows, [
      event('routersObserved', 'f2', 'edge', { count: 1, routersAnnounced: true }),
      event('routersObserved', 'f9', 'gone', { count: 3, routersAnnounced: false }),
    ]);
    expect(patch.reload).toEqual(['f2']);
    expect(patch.fleets).toBe(fleets);
    expect(patch.rows).toBe(rows);
  });
});
