import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { describeSelector } from '../risk/audit-types';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge } from '../ui/badges';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatCount, formatDateTime } from '../ui/format';
import { ForecastLaunchForm } from './forecast-launch-form';
import { FORECAST_LIST, FORECAST_PROGRESS } from './forecast-queries';
import { describeWhatIf, type ForecastProgressEvent, type ForecastView, formatPeriod, withForecastProgress } from './forecast-types';

const LIMIT = 20;

/** Availability forecasts: a launch form for operators, and every forecast with live progress. */
export function ForecastsPage() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const list = useQuery<{ forecasts: Page<ForecastView> }>(FORECAST_LIST, { limit: LIMIT, offset }, { keepPrevious: true });
  const { reload } = list;
  const [events, setEvents] = useState<ReadonlyMap<string, ForecastProgressEvent>>(new Map());
  useSubscription<{ forecastProgress: ForecastProgressEvent }>(FORECAST_PROGRESS, {}, ({ forecastProgress: e }) => {
    setEvents((m) => new Map(m).set(e.forecastId, e));
    if (!(list.data?.forecasts.items.some((f) => f.id === e.forecastId) ?? true)) reload();
  });
  const fetched = list.data?.forecasts;
  const items = useMemo(() => fetched?.items.map((f) => withForecastProgress(f, events.get(f.id))) ?? null, [fetched, events]);

  return (
    <section className="page">
      <header className="page-head">
        <h1>Forecast</h1>
      </header>
      <p className="muted">
        How much control- and data-plane downtime should each router expect over a year, from what, and what would a change of configuration buy?
      </p>
      {session.may('operate') && <ForecastLaunchForm />}
      {list.error && <ErrorBox error={list.error} title="The forecasts could not be loaded" />}
      {!items ? (
        !list.error && <Loading what="forecasts" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="forecast-list">
            <thead>
              <tr>
                <th>Forecast</th>
                <th>Routers</th>
                <th>Trials</th>
                <th>What if</th>
                <th>Status</th>
                <th className="progress-col">Progress</th>
                <th>Started by</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id} data-forecast-id={f.id}>
                  <td>
                    <Link href={`/forecast/${f.id}`} className="mono">
                      {f.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td>{describeSelector(f.selector)}</td>
                  <td className="num">
                    {formatCount(f.trials)} × {formatPeriod(f.periodMs)}
                  </td>
                  <td className="mono small">{describeWhatIf(f.whatIf) || '—'}</td>
                  <td>
                    <StatusBadge status={f.status} />
                  </td>
                  <td>
                    <ProgressBar percent={f.progress.percent} label={`progress of forecast ${f.id}`} />
                  </td>
                  <td className="mono small">{f.createdBy}</td>
                  <td className="nowrap">{formatDateTime(f.createdAt)}</td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    No forecast yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={fetched?.total ?? 0} onOffset={setOffset} />
        </div>
      )}
    </section>
  );
}
