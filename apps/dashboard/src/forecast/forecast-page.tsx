import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { EChart, type ChartOption } from '../charts/echarts';
import { graphql, restBlob, saveBlob } from '../api/graphql';
import { rest } from '../api/rest';
import { TERMINAL_STATUSES } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { describeSelector } from '../risk/audit-types';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge } from '../ui/badges';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorBox, Loading, NotFound } from '../ui/feedback';
import { formatCount, formatDateTime } from '../ui/format';
import { CANCEL_FORECAST, FORECAST_DETAIL, FORECAST_PROGRESS } from './forecast-queries';
import {
  describeWhatIf,
  type ForecastDelta,
  type ForecastProgressEvent,
  type ForecastRollup,
  type ForecastSummaryView,
  type ForecastView,
  formatDelta,
  formatDowntime,
  formatPeriod,
  withForecastProgress,
} from './forecast-types';

const CP_COLOR = '#6b8cce';
const DP_COLOR = '#d9534f';

/** Routers per bucket of expected annual downtime, control vs data plane. */
function Histogram({ summary }: { readonly summary: ForecastSummaryView }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      tooltip: { trigger: 'axis' },
      legend: { data: ['control plane', 'data plane'], top: 0 },
      xAxis: { type: 'category', data: [...summary.histogram.buckets], name: 'expected downtime a year', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: 'routers', minInterval: 1 },
      series: [
        { name: 'control plane', type: 'bar', data: [...summary.histogram.controlPlane], itemStyle: { color: CP_COLOR } },
        { name: 'data plane', type: 'bar', data: [...summary.histogram.dataPlane], itemStyle: { color: DP_COLOR } },
      ],
    }),
    [summary],
  );
  return (
    <div className="card">
      <h2>Distribution over the routers</h2>
      <EChart option={option} height={260} label="routers by expected annual downtime, control and data plane" testId="forecast-histogram" />
    </div>
  );
}

/** What each failure class adds to the fleet's expected downtime. */
function Causes({ summary }: { readonly summary: ForecastSummaryView }) {
  const causes = summary.causes;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 110, right: 24, top: 28, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { data: ['control plane', 'data plane'], top: 0 },
      xAxis: { type: 'value', name: 's/y per router', nameLocation: 'middle', nameGap: 24, splitNumber: 3 },
      yAxis: { type: 'category', data: causes.map((c) => c.cause).reverse() },
      series: [
        { name: 'control plane', type: 'bar', data: causes.map((c) => c.controlPlaneS).reverse(), itemStyle: { color: CP_COLOR } },
        { name: 'data plane', type: 'bar', data: causes.map((c) => c.dataPlaneS).reverse(), itemStyle: { color: DP_COLOR } },
      ],
    }),
    [causes],
  );
  return (
    <div className="card">
      <h2>Causes</h2>
      <EChart option={option} height={Math.max(160, 32 * causes.length + 60)} label="expected downtime per router by cause" testId="forecast-causes-chart" />
      <table className="data-table" data-testid="forecast-causes">
        <thead>
          <tr>
            <th>Cause</th>
            <th className="num">Data plane a year</th>
            <th className="num">Share</th>
            <th className="num">Control plane a year</th>
          </tr>
        </thead>
        <tbody>
          {causes.map((c) => (
            <tr key={c.cause} data-cause={c.cause}>
              <th scope="row" className="mono">
                {c.cause}
              </th>
              <td className="num">{formatDowntime(c.dataPlaneS)}</td>
              <td className="num">{Math.round(c.dataPlaneShare * 100)} %</td>
              <td className="num">{formatDowntime(c.controlPlaneS)}</td>
            </tr>
          ))}
          {causes.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No failure caused downtime in any trial.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function WorstRouters({ summary }: { readonly summary: ForecastSummaryView }) {
  return (
    <div className="card">
      <h2>Routers with the most expected downtime</h2>
      <table className="data-table" data-testid="forecast-worst">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Router</th>
            <th>Model</th>
            <th>Mode</th>
            <th>Site</th>
            <th className="num">Data plane a year</th>
            <th className="num">p95</th>
            <th className="num">Nines</th>
            <th className="num">Control plane a year</th>
            <th>Main causes</th>
          </tr>
        </thead>
        <tbody>
          {summary.worstRouters.map((r) => (
            <tr key={r.hostname} data-hostname={r.hostname}>
              <td className="num">{r.rank}</td>
              <td>
                <Link href={`/routers/${encodeURIComponent(r.hostname)}`} className="mono">
                  {r.hostname}
                </Link>
              </td>
              <td>{r.model}</td>
              <td>{r.redundancy}</td>
              <td>{r.site ?? '—'}</td>
              <td className="num" data-testid="forecast-dp">
                {formatDowntime(r.dataPlaneMeanS)}
              </td>
              <td className="num">{formatDowntime(r.dataPlaneP95S)}</td>
              <td className="num">{r.dataPlaneNines === null ? '—' : r.dataPlaneNines.toFixed(2)}</td>
              <td className="num">{formatDowntime(r.controlPlaneMeanS)}</td>
              <td className="small" data-testid="forecast-router-causes">
                {r.causes
                  .filter((c) => c.dataPlaneShare > 0)
                  .slice(0, 3)
                  .map((c) => `${c.cause} ${Math.round(c.dataPlaneShare * 100)} %`)
                  .join(', ') || 'no data-plane downtime'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.routers > summary.worstRouters.length && (
        <p className="muted small">
          The {summary.worstRouters.length} worst of {formatCount(summary.routers)} routers; the report has every one.
        </p>
      )}
    </div>
  );
}

function RollupTable({ title, rows, testId }: { readonly title: string; readonly rows: readonly ForecastRollup[]; readonly testId: string }) {
  return (
    <div className="card">
      <h2>{title}</h2>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th />
            <th className="num">Routers</th>
            <th className="num">Data plane / router</th>
            <th className="num">Control plane / router</th>
            <th>Worst</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key} data-key={g.key}>
              <th scope="row">{g.key}</th>
              <td className="num">{formatCount(g.routers)}</td>
              <td className="num">{formatDowntime(g.dataPlaneMeanS)}</td>
              <td className="num">{formatDowntime(g.controlPlaneMeanS)}</td>
              <td className="mono small">{g.worst}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeltaCells({ d }: { readonly d: ForecastDelta }) {
  return (
    <>
      <td className="num">{formatDowntime(d.baselineS)}</td>
      <td className="num">{formatDowntime(d.whatIfS)}</td>
      <td className={`num ${d.deltaS < 0 ? 'better' : d.deltaS > 0 ? 'worse' : ''}`}>{formatDelta(d.deltaS)}</td>
    </>
  );
}

function Comparison({ summary }: { readonly summary: ForecastSummaryView }) {
  const c = summary.comparison;
  if (!c) return null;
  return (
    <div className="card">
      <h2>
        What if: <span className="mono">{describeWhatIf(c.changes)}</span>
      </h2>
      <p data-testid="forecast-comparison-fleet">
        Fleet, data plane: <b>{formatDelta(c.dataPlane.deltaS)}</b> a year (99 % interval {formatDelta(c.dataPlane.ciLowS)} … {formatDelta(c.dataPlane.ciHighS)}
        ); control plane: <b>{formatDelta(c.controlPlane.deltaS)}</b> a year.
        {c.refused > 0 && <> {c.refused} change(s) could not apply to a router's chassis (see the report).</>}
      </p>
      <p className="muted small">The routers the change moves most.</p>
      <table className="data-table" data-testid="forecast-comparison">
        <thead>
          <tr>
            <th rowSpan={2}>Router</th>
            <th colSpan={3}>Data plane a year</th>
            <th colSpan={3}>Control plane a year</th>
          </tr>
          <tr>
            <th className="num">as it is</th>
            <th className="num">what if</th>
            <th className="num">change</th>
            <th className="num">as it is</th>
            <th className="num">what if</th>
            <th className="num">change</th>
          </tr>
        </thead>
        <tbody>
          {c.routers.map((r) => (
            <tr key={r.hostname} data-hostname={r.hostname}>
              <th scope="row" className="mono">
                {r.hostname}
              </th>
              <DeltaCells d={r.dataPlane} />
              <DeltaCells d={r.controlPlane} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Download({ id }: { readonly id: string }) {
  const { key } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const download = () =>
    restBlob(key, `/api/v1/forecasts/${id}/report`).then(
      (blob) => saveBlob(blob, `forecast-${id}.json`),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  return (
    <div className="actions">
      <button type="button" onClick={() => void download()}>
        Report (JSON)
      </button>
      {error && <ErrorBox error={error} title="The download failed" />}
    </div>
  );
}

/** One forecast: live progress, then the distribution, causes, worst routers, roll-ups and the what-if comparison. */
export function ForecastPage({ id }: { readonly id: string }) {
  const session = useSession();
  const detail = useQuery<{ forecast: ForecastView | null }>(FORECAST_DETAIL, { id });
  const { reload } = detail;
  const [event, setEvent] = useState<ForecastProgressEvent | undefined>(undefined);
  const [, navigate] = useLocation();
  const fetched = detail.data?.forecast ?? null;
  const forecast = fetched && withForecastProgress(fetched, event);

  useSubscription<{ forecastProgress: ForecastProgressEvent }>(FORECAST_PROGRESS, { forecastId: id }, ({ forecastProgress: next }) => {
    setEvent(next);
    if (fetched !== null && next.status !== fetched.status) reload();
  });

  if (detail.error && !forecast) return <ErrorBox error={detail.error} title="The forecast could not be loaded" />;
  if (detail.loading && !forecast) return <Loading what="the forecast" />;
  if (!forecast) {
    return (
      <NotFound>
        No forecast <b className="mono">{id}</b>. <Link href="/forecast">All forecasts</Link>
      </NotFound>
    );
  }
  const finished = TERMINAL_STATUSES.includes(forecast.status);
  const summary = forecast.status === 'completed' ? (fetched?.summary ?? null) : null;

  return (
    <section className="page forecast-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/forecast">Forecast</Link> / <span className="mono">{forecast.id}</span>
          </p>
          <h1>
            Forecast of {describeSelector(forecast.selector)} <StatusBadge status={forecast.status} />
          </h1>
          <p className="muted small">
            {formatCount(forecast.trials)} trials of {formatPeriod(forecast.periodMs)} per router · seed {forecast.seed}
            {forecast.whatIf && <> · what if {describeWhatIf(forecast.whatIf)}</>} · by {forecast.createdBy} · created {formatDateTime(forecast.createdAt)}
            {forecast.finishedAt && <> · finished {formatDateTime(forecast.finishedAt)}</>}
          </p>
        </div>
        <div className="actions">
          {!finished && session.may('operate') && (
            <ConfirmAction
              testId="cancel-forecast"
              label="Cancel forecast…"
              confirmLabel="Cancel forecast"
              keepLabel="Keep running"
              busyLabel="Cancelling…"
              errorTitle="The forecast was not cancelled"
              confirmText={<>Cancel this forecast? Routers not yet forecast are dropped; it cannot be resumed.</>}
              onConfirm={async () => {
                await graphql(session.key, CANCEL_FORECAST, { id });
                reload();
              }}
            />
          )}
          {finished && session.may('operate') && (
            <ConfirmAction
              testId="delete-forecast"
              label="Delete forecast…"
              confirmLabel="Delete for good"
              keepLabel="Keep"
              busyLabel="Deleting…"
              errorTitle="The forecast was not deleted"
              confirmText={<>Delete this forecast with its results and report? This cannot be undone.</>}
              onConfirm={async () => {
                await rest(session.key, 'DELETE', `/forecasts/${encodeURIComponent(id)}`);
                navigate('/forecast');
              }}
            />
          )}
          {forecast.status === 'completed' && <Download id={forecast.id} />}
        </div>
      </header>
      {forecast.error && <ErrorBox error={new Error(forecast.error)} title={`The forecast ${forecast.status}`} />}
      <div className="card">
        <ProgressBar percent={forecast.progress.percent} label="forecast progress" />
        <p className="small" data-testid="forecast-progress">
          {formatCount(forecast.progress.routersDone)}
          {forecast.progress.routerCount !== null ? ` / ${formatCount(forecast.progress.routerCount)}` : ''} routers forecast
        </p>
      </div>
      {summary && (
        <>
          <div className="card" data-testid="forecast-totals">
            <p>
              {formatCount(summary.routers)} routers · expected per router and year: data plane <b>{formatDowntime(summary.dataPlaneMeanS)}</b>, control plane{' '}
              <b>{formatDowntime(summary.controlPlaneMeanS)}</b> · {formatCount(summary.simulations)} simulations
              {summary.errors > 0 && <> · {formatCount(summary.errors)} ended in error</>}
            </p>
          </div>
          <div className="grid-2">
            <Histogram summary={summary} />
            <Causes summary={summary} />
          </div>
          <WorstRouters summary={summary} />
          <Comparison summary={summary} />
          <div className="grid-2">
            <RollupTable title="By model" rows={summary.rollups.byModel} testId="forecast-by-model" />
            <RollupTable title="By redundancy mode" rows={summary.rollups.byMode} testId="forecast-by-mode" />
          </div>
          <RollupTable title="By site" rows={summary.rollups.bySite} testId="forecast-by-site" />
        </>
      )}
    </section>
  );
}
