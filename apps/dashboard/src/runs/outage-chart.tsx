import { useMemo } from 'react';
import type { HistogramBucket, OutageMetric } from '../api/types';
import { EChart } from '../charts/echarts';
import { axisTitle, outageChartOption } from './outage-axis';

/** How many routers fell in each range of a metric over a campaign's results. */
export function OutageChart({ buckets, metric }: { readonly buckets: readonly HistogramBucket[]; readonly metric: OutageMetric }) {
  const option = useMemo(() => outageChartOption(buckets, metric), [buckets, metric]);
  return <EChart option={option} height={300} label={`Routers by ${axisTitle(metric, buckets)}`} testId="outage-chart" />;
}
