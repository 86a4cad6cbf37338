import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../api/types';
import { toLanes } from './timeline-lanes';

const e = (tMs: number, component: string, event: string, from: string | null, to: string | null): TimelineEntry => ({
  tMs,
  router: 'r1',
  component,
  event,
  from,
  to,
});

describe('toLanes', () => {
  const timeline = [
    e(60_000, 'R0/0', 'fault:iosd-crash', null, null),
    e(60_000, 'R0/0', 'libvirt CRASHED/PANICKED', 'RUNNING', 'CRASHED'),
    e(60_000, 'R0/0', 'rf-state', 'ACTIVE', 'DISABLED'),
    e(60_000, 'R0/1', 'rf-state', 'STANDBY HOT', 'ACTIVE-FAST'),
    e(60_010, 'R0/1', 'rf-state', 'ACTIVE-FAST', 'ACTIVE'),
    e(60_000, 'router', 'switchover (sso): active unit failed', 'R0/0', 'R0/1'),
  ];

  it('gives each component track a lane, router lanes first, RF before libvirt', () => {
    expect(toLanes(timeline).lanes).toEqual(['router events', 'router active', 'R0/0 RF', 'R0/0 libvirt', 'R0/1 RF']);
  });

  it('cuts each lane into states from t = 0 to the end, and keeps instant events as markers', () => {
    const { segments, markers, endMs } = toLanes(timeline, 1_800_000);
    expect(endMs).toBe(1_800_000);
    expect(segments.filter((s) => s.lane === 'R0/1 RF')).toEqual([
      { lane: 'R0/1 RF', state: 'STANDBY HOT', fromMs: 0, toMs: 60_000 },
      { lane: 'R0/1 RF', state: 'ACTIVE-FAST', fromMs: 60_000, toMs: 60_010 },
      { lane: 'R0/1 RF', state: 'ACTIVE', fromMs: 60_010, toMs: 1_800_000 },
    ]);
    expect(markers).toEqual([{ lane: 'router events', tMs: 60_000, event: 'fault:iosd-crash', detail: 'R0/0' }]);
  });

  it('ends an open timeline a little after its last event without a horizon', () => {
    expect(toLanes(timeline).endMs).toBeCloseTo(63_010.5);
    expect(toLanes([]).lanes).toEqual([]);
  });

  it('ends the chassis-reload lane when an instance is ACTIVE again, and keeps one-sided events as markers', () => {
    const reload = [
      e(60_000, 'R0', 'host-state', 'up', 'panicked'),
      e(65_273, 'router', 'chassis-reload', null, 'host R0 rebooted after kernel panic'),
      e(65_273, 'R0', 'host-state', 'panicked', 'rebooting'),
      e(198_340, 'R0', 'host-state', 'rebooting', 'up'),
      e(291_479, 'R0/0', 'rf-state', 'NEGOTIATION', 'ACTIVE-FAST'),
      e(425_509, 'R0/0', 'rf-state', 'ACTIVE_POSTCONFIG', 'ACTIVE'),
      e(592_903, 'R0/1', 'rf-state', 'STANDBY COLD-BULK', 'STANDBY HOT'),
    ];
    const { lanes, segments, markers, endMs } = toLanes(reload, 1_800_000);
    expect(lanes).toContain('router chassis reload');
    expect(lanes).not.toContain('router chassis-reload');
    expect(segments.filter((s) => s.lane === 'router chassis reload')).toEqual([
      { lane: 'router chassis reload', state: 'reloading', fromMs: 65_273, toMs: 425_509 },
    ]);
    expect(segments.some((s) => s.toMs === endMs && /reload|kernel panic/.test(s.state))).toBe(false);
    expect(markers).toEqual([{ lane: 'router events', tMs: 65_273, event: 'chassis-reload', detail: 'router: host R0 rebooted after kernel panic' }]);
  });

  it('draws a reload still under way at the horizon to the end', () => {
    const { segments } = toLanes([e(1_000, 'router', 'chassis-reload', null, 'power restored')], 60_000);
    expect(segments).toEqual([{ lane: 'router chassis reload', state: 'reloading', fromMs: 1_000, toMs: 60_000 }]);
  });
});
