import { HEALTHS, type Health } from '../api/types';
import type { RouterRow } from './fleet-rows';

/** How the overview's charts group routers: by chassis model, by fleet, by the value of their `site` label. */
export type GroupBy = 'model' | 'fleet' | 'site';

/** Routers of one group by health. */
export interface HealthGroup {
  readonly name: string;
  readonly counts: Readonly<Record<Health, number>>;
  readonly total: number;
}

/** The group name of routers without a `site` label. */
export const NO_SITE = '(no site)';

/** The value of one label in a row's `key=value, key=value` labels; null when the row has none by that key. */
export function labelValue(labels: string, key: string): string | null {
  for (const pair of labels.split(', ')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at) === key) return pair.slice(at + 1);
  }
  return null;
}

function groupOf(row: RouterRow, by: GroupBy): string {
  if (by === 'model') return row.model;
  if (by === 'fleet') return row.fleetName;
  return labelValue(row.labels, 'site') ?? NO_SITE;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Routers counted by health within each group, groups with the most routers not protected first (then by
 * name), at most `limit` groups; the rest are summed into one `other (n)` group so a chart stays readable.
 */
export function healthGroups(rows: readonly RouterRow[], by: GroupBy, limit = 12): HealthGroup[] {
  const counts = new Map<string, Record<Health, number>>();
  for (const row of rows) {
    const name = groupOf(row, by);
    let c = counts.get(name);
    if (!c) counts.set(name, (c = { protected: 0, degraded: 0, down: 0 }));
    c[row.health] += 1;
  }
  const groups = [...counts].map(([name, c]) => ({ name, counts: c, total: c.protected + c.degraded + c.down }));
  const exposed = (g: HealthGroup) => g.counts.degraded + g.counts.down;
  groups.sort((a, b) => exposed(b) - exposed(a) || collator.compare(a.name, b.name));
  if (groups.length <= limit) return groups;
  const rest = groups.slice(limit - 1);
  const other: Record<Health, number> = { protected: 0, degraded: 0, down: 0 };
  for (const g of rest) for (const h of HEALTHS) other[h] += g.counts[h];
  return [...groups.slice(0, limit - 1), { name: `other (${rest.length})`, counts: other, total: rest.reduce((n, g) => n + g.total, 0) }];
}
