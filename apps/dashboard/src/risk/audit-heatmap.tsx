import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { graphql } from '../api/graphql';
import { type ChartOption, EChart } from '../charts/echarts';
import { useSession } from '../session/session';
import { ErrorBox, Loading } from '../ui/feedback';
import type { ExposureRow } from './audit-types';
import { AUDIT_MATRIX } from './risk-queries';

/** Rows per matrix request: the most GraphQL gives in one page. */
const PAGE = 10_000;
/** Routers shown at once; the slider and the mouse wheel move the window over the rest. */
const WINDOW = 40;

const VALUE: Readonly<Record<string, number>> = { '.': 0, x: 1, '-': 2, e: 3 };
const LABEL = ['survived', 'exposed', 'not applicable', 'not simulated'] as const;

/** Every row of an audit's matrix (hostname and compact exposure), a page of 10,000 at a time. */
function useMatrix(auditId: string): { rows: ExposureRow[] | null; error: Error | null } {
  const { key } = useSession();
  const [state, setState] = useState<{ rows: ExposureRow[] | null; error: Error | null }>({ rows: null, error: null });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const rows: ExposureRow[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await graphql<{ audit: { matrix: { total: number; items: ExposureRow[] } } | null }>(key, AUDIT_MATRIX, {
            id: auditId,
            limit: PAGE,
            offset,
          });
          const items = page.audit?.matrix.items ?? [];
          rows.push(...items);
          if (cancelled || items.length < PAGE || rows.length >= (page.audit?.matrix.total ?? 0)) break;
        }
        if (!cancelled) setState({ rows, error: null });
      } catch (error) {
        if (!cancelled) setState({ rows: null, error: error instanceof Error ? error : new Error(String(error)) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key, auditId]);
  return state;
}

const exposedCount = (r: ExposureRow) => r.exposure.split('x').length - 1;

/** Exposed routers first (most exposed cells first), then by hostname. */
function ordered(rows: readonly ExposureRow[]): ExposureRow[] {
  return [...rows].sort((a, b) => exposedCount(b) - exposedCount(a) || a.hostname.localeCompare(b.hostname));
}

function heatmapOption(rows: readonly ExposureRow[], cells: readonly string[]): ChartOption {
  const data: [number, number, number][] = [];
  rows.forEach((r, y) => {
    for (let x = 0; x < cells.length; x++) data.push([x, y, VALUE[r.exposure[x] ?? '-'] ?? 2]);
  });
  const last = Math.max(0, Math.min(rows.length, WINDOW) - 1);
  return {
    animation: false,
    grid: { left: 140, right: 60, top: 10, bottom: 140 },
    tooltip: {
      formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number] }).value;
        return `${rows[y]?.hostname ?? ''}<br/>${cells[x] ?? ''}: ${LABEL[v] ?? ''}`;
      },
    },
    xAxis: { type: 'category', data: [...cells], axisLabel: { rotate: 40, fontSize: 10, interval: 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: rows.map((r) => r.hostname), inverse: true, axisLabel: { fontSize: 10 } },
    dataZoom: [
      { type: 'slider', yAxisIndex: 0, right: 10, width: 18, startValue: 0, endValue: last, filterMode: 'filter', showDetail: false },
      { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: last, filterMode: 'filter', zoomOnMouseWheel: false, moveOnMouseWheel: true },
    ],
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { value: 0, label: LABEL[0], color: '#4caf50' },
        { value: 1, label: LABEL[1], color: '#d32f2f' },
        { value: 2, label: LABEL[2], color: '#e0e0e0' },
        { value: 3, label: LABEL[3], color: '#f9a825' },
      ],
    },
    series: [{ type: 'heatmap', data, progressive: 20_000, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
  };
}

/**
 * The router × fault heat map of a completed audit: exposed routers first, a window of 40 routers at a time
 * (slider or wheel to move; ECharts draws only the window, so 10,000 routers stay responsive). A click on a
 * router's cell opens its page.
 */
export function AuditHeatmap({ auditId, cells }: { readonly auditId: string; readonly cells: readonly string[] }) {
  const [, navigate] = useLocation();
  const { rows, error } = useMatrix(auditId);
  const sorted = useMemo(() => (rows ? ordered(rows) : null), [rows]);
  const option = useMemo(() => (sorted ? heatmapOption(sorted, cells) : null), [sorted, cells]);
  if (error) return <ErrorBox error={error} title="The matrix could not be loaded" />;
  if (!sorted || !option) return <Loading what="the matrix" />;
  return (
    <div data-testid="audit-heatmap" data-rows={sorted.length}>
      <EChart
        option={option}
        height={Math.min(WINDOW, sorted.length) * 16 + 160}
        label={`router × fault heat map of ${sorted.length} routers`}
        onClick={({ value }) => {
          const y = (value as [number, number, number])[1];
          const hostname = sorted[y]?.hostname;
          if (hostname) navigate(`/routers/${encodeURIComponent(hostname)}`);
        }}
      />
    </div>
  );
}
