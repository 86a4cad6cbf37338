import { useMemo } from 'react';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { TimelineEntry } from '../api/types';
import { type ChartOption, EChart } from '../charts/echarts';
import { formatClock, formatDuration } from '../ui/format';
import { stateColour, type Tone, TONE_COLOURS } from '../ui/state-tone';
import { toLanes } from './timeline-lanes';

const LANE_HEIGHT = 30;

const LEGEND: readonly (readonly [Tone, string])[] = [
  ['good', 'ACTIVE, up, running, forwarding'],
  ['standby', 'STANDBY HOT'],
  ['transition', 'on the way (INITIALIZATION … STANDBY COLD, ACTIVE-FAST …, booting)'],
  ['bad', 'DISABLED, crashed, shut off, down, stopped'],
  ['neutral', 'other values (the active instance, a version), each in a hue of its own'],
];

function renderSegment(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const lane = api.value(0);
  const start = api.coord([api.value(1), lane]);
  const end = api.coord([api.value(2), lane]);
  const height = (api.size?.([0, 1]) as number[])[1] ?? LANE_HEIGHT;
  const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
  const x = Math.max(start[0] ?? 0, coordSys.x);
  const width = Math.max(1, Math.min(end[0] ?? 0, coordSys.x + coordSys.width) - x);
  return {
    type: 'rect',
    shape: { x, y: (start[1] ?? 0) - height * 0.35, width, height: height * 0.7 },
    style: { fill: api.visual('color') as string },
  };
}

/**
 * Component states of one router over simulated time: a lane per component track (RF state, libvirt, host,
 * ESP …), coloured by state, with faults and actions as markers. Zoom with the slider or the mouse wheel.
 */
export function TimelineChart({ entries, horizonMs }: { readonly entries: readonly TimelineEntry[]; readonly horizonMs?: number }) {
  const option = useMemo<ChartOption>(() => {
    const { lanes, segments, markers, endMs } = toLanes(entries, horizonMs);
    return {
      animation: false,
      grid: { left: 130, right: 24, top: 12, bottom: 60 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const v = (p as { value: (string | number)[] }).value;
          if (v.length === 5)
            return `${v[3]}<br/>${v[4]}<br/>${formatClock(Number(v[1]))} – ${formatClock(Number(v[2]))} (${formatDuration(Number(v[2]) - Number(v[1]))})`;
          return `${v[2]}<br/>${v[3]} at ${formatClock(Number(v[0]))}`;
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: endMs,
        axisLabel: { formatter: (ms: number) => formatClock(ms) },
        name: 'simulated time',
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'category', data: [...lanes], inverse: true, axisTick: { show: false } },
      dataZoom: [
        { type: 'slider', xAxisIndex: 0, height: 14, bottom: 6, filterMode: 'weakFilter', labelFormatter: (ms: number) => formatClock(ms) },
        { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter' },
      ],
      series: [
        {
          type: 'custom',
          name: 'states',
          renderItem: renderSegment,
          encode: { x: [1, 2], y: 0 },
          data: segments.map((s) => ({
            value: [lanes.indexOf(s.lane), s.fromMs, s.toMs, s.lane, s.state],
            itemStyle: { color: stateColour(s.state) },
          })),
        },
        {
          type: 'scatter',
          name: 'events',
          symbol: 'triangle',
          symbolSize: 11,
          itemStyle: { color: '#222' },
          data: markers.map((m) => [m.tMs, lanes.indexOf(m.lane), m.event, m.detail]),
        },
      ],
    } as ChartOption;
  }, [entries, horizonMs]);
  const laneCount = new Set(entries.map((e) => (e.from === null && e.to === null ? 'events' : `${e.component}${e.event}`))).size;
  return (
    <>
      <EChart
        option={option}
        height={Math.max(160, 80 + Math.min(laneCount, 16) * LANE_HEIGHT)}
        label="component states over simulated time"
        testId="timeline-chart"
      />
      <ul className="legend" aria-label="state colours">
        {LEGEND.map(([tone, text]) => (
          <li key={tone}>
            <span className="swatch" style={{ background: TONE_COLOURS[tone] }} />
            {text}
          </li>
        ))}
        <li>
          <span className="marker">▲</span> fault or action
        </li>
      </ul>
    </>
  );
}
