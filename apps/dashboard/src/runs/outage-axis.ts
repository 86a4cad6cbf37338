import type { HistogramBucket, OutageMetric } from '../api/types';
import type { ChartOption } from '../charts/echarts';

/** Each metric's name in words, for axis titles and labels. */
export const METRIC_NAMES: Readonly<Record<OutageMetric, string>> = {
  controlPlaneOutageMs: 'Control-plane outage',
  dataPlaneOutageMs: 'Data-plane outage',
  redundancyRestoredMs: 'Time to redundancy',
  switchovers: 'Switchovers',
};

const UNITS = [
  { unit: 'ms', per: 1 },
  { unit: 's', per: 1000 },
  { unit: 'min', per: 60_000 },
  { unit: 'h', per: 3_600_000 },
] as const;

/** The unit a duration axis reads best in: the largest one the biggest value reaches (ms below a second). */
export function axisUnit(maxMs: number): { readonly unit: string; readonly per: number } {
  let chosen: (typeof UNITS)[number] = UNITS[0];
  for (const u of UNITS) if (maxMs >= u.per) chosen = u;
  return chosen;
}

/** An axis title in words with its unit: "Control-plane outage (s)"; switchovers are a count. */
export function axisTitle(metric: OutageMetric, buckets: readonly HistogramBucket[]): string {
  if (metric === 'switchovers') return 'Switchovers per router';
  const max = buckets.reduce((m, b) => Math.max(m, b.upper), 0);
  return `${METRIC_NAMES[metric]} (${axisUnit(max).unit})`;
}

const number = (v: number) => Number(v.toPrecision(3)).toLocaleString('en-US');

// Room left of the plot for the y labels (up to "100,000") and, beyond them, the rotated y title.
const GRID_LEFT = 84;
const Y_TITLE_GAP = 62;

/**
 * A histogram of routers over a metric: buckets as bars labelled in one unit, the x title in words with that
 * unit, the y title "Routers" beside its labels, inside the chart's box.
 */
export function outageChartOption(buckets: readonly HistogramBucket[], metric: OutageMetric): ChartOption {
  const max = buckets.reduce((m, b) => Math.max(m, b.upper), 0);
  const per = metric === 'switchovers' ? 1 : axisUnit(max).per;
  const label = (v: number) => number(v / per);
  return {
    animation: false,
    grid: { left: GRID_LEFT, right: 16, top: 16, bottom: 72 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: buckets.map((b) => (b.lower === b.upper ? label(b.lower) : `${label(b.lower)} – ${label(b.upper)}`)),
      axisLabel: { rotate: 30, fontSize: 10 },
      name: axisTitle(metric, buckets),
      nameLocation: 'middle',
      nameGap: 52,
      nameTextStyle: { fontSize: 12, fontWeight: 'bold' },
    },
    yAxis: {
      type: 'value',
      name: 'Routers',
      nameLocation: 'middle',
      nameGap: Y_TITLE_GAP,
      nameTextStyle: { fontSize: 12, fontWeight: 'bold' },
      minInterval: 1,
      axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') },
    },
    series: [{ type: 'bar', name: 'routers', data: buckets.map((b) => b.count), itemStyle: { color: '#2f6fb5' }, barCategoryGap: '8%' }],
  } as ChartOption;
}
