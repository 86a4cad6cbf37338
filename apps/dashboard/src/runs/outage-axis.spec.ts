import { describe, expect, it } from 'vitest';
import { axisTitle, axisUnit, outageChartOption } from './outage-axis';

const buckets = [
  { lower: 500, upper: 30_000, count: 5000 },
  { lower: 30_000, upper: 402_900, count: 5000 },
];

describe('outage histogram axes', () => {
  it('picks the unit the largest value reaches', () => {
    expect(axisUnit(0).unit).toBe('ms');
    expect(axisUnit(794).unit).toBe('ms');
    expect(axisUnit(45_000).unit).toBe('s');
    expect(axisUnit(402_900).unit).toBe('min');
    expect(axisUnit(7_200_000).unit).toBe('h');
  });

  it('titles the x axis in words with its unit, never with a field name', () => {
    expect(axisTitle('controlPlaneOutageMs', buckets)).toBe('Control-plane outage (min)');
    expect(axisTitle('dataPlaneOutageMs', [{ lower: 0, upper: 1500, count: 1 }])).toBe('Data-plane outage (s)');
    expect(axisTitle('switchovers', [{ lower: 0, upper: 2, count: 1 }])).toBe('Switchovers per router');
    const option = outageChartOption(buckets, 'controlPlaneOutageMs') as { xAxis: { name: string; data: string[] } };
    expect(option.xAxis.name).not.toMatch(/Ms$|[a-z][A-Z]/);
    expect(option.xAxis.data).toEqual(['0.008 – 0.5', '0.5 – 6.71']);
  });

  it('keeps the y title beside its labels and inside the chart', () => {
    const option = outageChartOption(buckets, 'controlPlaneOutageMs') as {
      grid: { left: number };
      yAxis: { name: string; nameLocation: string; nameGap: number };
    };
    expect(option.yAxis).toMatchObject({ name: 'Routers', nameLocation: 'middle' });
    // The rotated title's centre sits nameGap left of the plot: at least half a line (8 px) inside the box.
    expect(option.grid.left - option.yAxis.nameGap).toBeGreaterThanOrEqual(16);
    // …and beyond labels of six characters ("10,000") at 12 px.
    expect(option.yAxis.nameGap).toBeGreaterThanOrEqual(6 * 7 + 12);
  });
});
