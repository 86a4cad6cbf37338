import { useMemo } from 'react';
import { HEALTHS, type Health } from '../api/types';
import { type ChartOption, EChart } from '../charts/echarts';
import { formatCount } from '../ui/format';
import type { RouterRow } from './fleet-rows';
import { type GroupBy, type HealthGroup, healthGroups } from './health-groups';

const COLOURS: Readonly<Record<Health, string>> = { protected: '#2e8b57', degraded: '#e0a526', down: '#c9403a' };
const TITLES: Readonly<Record<GroupBy, string>> = { model: 'By model', fleet: 'By fleet', site: 'By site label' };
const BAR_HEIGHT = 26;

function chartOption(groups: readonly HealthGroup[]): ChartOption {
  // Horizontal bars, the first group on top.
  const names = groups.map((g) => g.name).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 120, overflow: 'truncate' } },
    series: HEALTHS.map((health) => ({
      name: health,
      type: 'bar' as const,
      stack: 'health',
      itemStyle: { color: COLOURS[health] },
      data: [...groups].reverse().map((g) => g.counts[health]),
    })),
  };
}

/** One chart and, for keyboards and screen readers, the same counts as a table under a disclosure. */
function HealthChart({ rows, by }: { readonly rows: readonly RouterRow[]; readonly by: GroupBy }) {
  const groups = useMemo(() => healthGroups(rows, by), [rows, by]);
  const option = useMemo(() => chartOption(groups), [groups]);
  const exposed = groups.reduce((n, g) => n + g.counts.degraded + g.counts.down, 0);
  return (
    <figure className="health-chart" data-testid={`health-by-${by}`}>
      <figcaption>
        <h3>{TITLES[by]}</h3>
      </figcaption>
      <EChart
        option={option}
        height={40 + Math.max(3, groups.length) * BAR_HEIGHT}
        label={`Routers by health, ${TITLES[by].toLowerCase()}: ${formatCount(exposed)} not protected`}
      />
      <details>
        <summary>As a table</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`routers by health, ${TITLES[by].toLowerCase()}`}>
          <table className="data-table small" data-testid={`health-table-${by}`}>
            <thead>
              <tr>
                <th scope="col">{by === 'site' ? 'site' : by}</th>
                {HEALTHS.map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.name} data-group={g.name}>
                  <th scope="row">{g.name}</th>
                  {HEALTHS.map((h) => (
                    <td key={h} data-health={h}>
                      {formatCount(g.counts[h])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The fleet's health at a glance: routers by health per model, per fleet and per `site` label. Loaded lazily with the chart library. */
export default function FleetHealthCharts({ rows }: { readonly rows: readonly RouterRow[] }) {
  return (
    <div className="card health-charts" data-testid="health-charts">
      <h2>Fleet health</h2>
      <div className="chart-grid">
        <HealthChart rows={rows} by="model" />
        <HealthChart rows={rows} by="fleet" />
        <HealthChart rows={rows} by="site" />
      </div>
    </div>
  );
}
