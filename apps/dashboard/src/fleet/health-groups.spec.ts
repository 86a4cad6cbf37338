import { describe, expect, it } from 'vitest';
import type { Health } from '../api/types';
import type { RouterRow } from './fleet-rows';
import { healthGroups, labelValue, NO_SITE } from './health-groups';

let n = 0;
function row(model: string, fleetName: string, labels: string, health: Health): RouterRow {
  n += 1;
  return {
    id: `r${n}`,
    hostname: `h${n}`,
    model,
    health,
    redundancyMode: 'sso',
    softwareVersion: '17.9.4a',
    freshness: 'never',
    observedAt: null,
    stateVersion: -1,
    fleetId: fleetName,
    fleetName,
    labels,
    haystack: '',
  };
}

describe('labelValue', () => {
  it('reads one label of the row', () => {
    expect(labelValue('site=ams, role=core', 'site')).toBe('ams');
    expect(labelValue('role=core, site=lon', 'site')).toBe('lon');
    expect(labelValue('role=core', 'site')).toBeNull();
    expect(labelValue('', 'site')).toBeNull();
    expect(labelValue('website=x', 'site')).toBeNull();
  });
});

describe('healthGroups', () => {
  const rows = [
    row('ASR1006-X', 'core', 'site=ams', 'protected'),
    row('ASR1006-X', 'core', 'site=ams', 'degraded'),
    row('ASR1001-X', 'edge', 'site=lon', 'degraded'),
    row('ASR1001-X', 'edge', 'site=lon', 'down'),
    row('ASR1002-HX', 'edge', '', 'protected'),
  ];

  it('counts routers by health per model, fleet and site, the most exposed groups first', () => {
    expect(healthGroups(rows, 'model')).toEqual([
      { name: 'ASR1001-X', counts: { protected: 0, degraded: 1, down: 1 }, total: 2 },
      { name: 'ASR1006-X', counts: { protected: 1, degraded: 1, down: 0 }, total: 2 },
      { name: 'ASR1002-HX', counts: { protected: 1, degraded: 0, down: 0 }, total: 1 },
    ]);
    expect(healthGroups(rows, 'fleet').map((g) => [g.name, g.total])).toEqual([
      ['edge', 3],
      ['core', 2],
    ]);
    expect(healthGroups(rows, 'site').map((g) => g.name)).toEqual(['lon', 'ams', NO_SITE]);
  });

  it('sums the groups past the limit into one, losing no router', () => {
    const many = Array.from({ length: 20 }, (_, i) => row(`M${i}`, 'f', '', i % 2 === 0 ? 'degraded' : 'protected'));
    const groups = healthGroups(many, 'model', 5);
    expect(groups).toHaveLength(5);
    expect(groups[4]).toMatchObject({ name: 'other (16)', total: 16 });
    expect(groups.reduce((s, g) => s + g.total, 0)).toBe(20);
  });
});
