import { BarChart, CustomChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use as registerEchartsParts } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts of ECharts the dashboard draws with, so the bundle carries no more.
registerEchartsParts([
  BarChart,
  CustomChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
>;

/** What a click on a data item of a chart says: its series data index and its value. */
export interface ChartClick {
  readonly dataIndex: number;
  readonly value: unknown;
}

/** An ECharts chart that follows its option and the size of its box. */
export function EChart(props: {
  readonly option: ChartOption;
  readonly height: number;
  readonly label: string;
  readonly testId?: string;
  readonly onClick?: (click: ChartClick) => void;
}) {
  const { option, height, label, testId, onClick } = props;
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  });

  useEffect(() => {
    const instance = init(host.current as HTMLDivElement, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.({ dataIndex: params.dataIndex, value: params.value }));
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
