import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts of ECharts the dashboard draws with, so the bundle carries no more.
use([BarChart, CustomChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | CustomSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DataZoomComponentOption
>;

/** An ECharts chart that follows its option and the size of its box. */
export function EChart({ option, height, label, testId }: { readonly option: ChartOption; readonly height: number; readonly label: string; readonly testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const instance = init(host.current as HTMLDivElement, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current as HTMLDivElement);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return <div ref={host} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
