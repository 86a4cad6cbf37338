import { useMemo } from 'react';
import type { HistogramBucket, OutageMetric } from '../api/types';
import { type ChartOption, EChart } from '../charts/echarts';
import { formatDuration } from '../ui/format';

/** How many routers fell in each range of a metric over a campaign's results. */
export function OutageChart({ buckets, metric }: { readonly buckets: readonly HistogramBucket[]; readonly metric: OutageMetric }) {
  const option = useMemo<ChartOption>(() => {
    const label = (v: number) => (metric === 'switchovers' ? String(Math.round(v * 10) / 10) : formatDuration(v));
    return {
      animation: false,
      grid: { left: 56, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: buckets.map((b) => (b.lower === b.upper ? label(b.lower) : `${label(b.lower)} – ${label(b.upper)}`)),
        axisLabel: { rotate: 30, fontSize: 10 },
        name: metric,
        nameLocation: 'middle',
        nameGap: 44,
      },
      yAxis: { type: 'value', name: 'routers', minInterval: 1 },
      series: [{ type: 'bar', name: 'routers', data: buckets.map((b) => b.count), itemStyle: { color: '#2f6fb5' }, barCategoryGap: '8%' }],
    } as ChartOption;
  }, [buckets, metric]);
  return <EChart option={option} height={280} label={`distribution of ${metric} over the routers`} testId="outage-chart" />;
}
