import { forwardRef } from 'react';
import { Link } from 'wouter';
import type { RouterResult, Verdict } from '../api/types';
import { VerdictBadge } from '../ui/badges';
import { Pager } from '../ui/feedback';
import { formatCount, formatDuration } from '../ui/format';
import { expectationName } from './expectation-text';
import { filterGroupText, type ResultFilter } from './result-filter';

interface Props {
  readonly items: readonly RouterResult[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly filter: ResultFilter;
  /** Results of twin routers link to their page; routers embedded in a scenario have none. */
  readonly linkRouters: boolean;
  readonly onOffset: (offset: number) => void;
  readonly onFilter: (filter: ResultFilter) => void;
  /** Shows why one router got its verdict. */
  readonly onWhy: (hostname: string) => void;
}

/** The per-router results of the run's first iteration, over all its routers: filtered by verdict, group and hostname. */
export const RunResults = forwardRef<HTMLDivElement, Props>(function RunResults(
  { items, total, offset, limit, filter, linkRouters, onOffset, onFilter, onWhy },
  ref,
) {
  const group = filterGroupText(filter);
  return (
    <div className="card" ref={ref} data-testid="run-routers">
      <h2>Routers</h2>
      <div className="toolbar">
        <label>
          Verdict{' '}
          <select
            value={filter.verdict ?? ''}
            onChange={(e) => onFilter({ ...filter, verdict: (e.target.value || undefined) as Verdict | undefined })}
            aria-label="verdict filter"
          >
            <option value="">all</option>
            <option value="fail">fail</option>
            <option value="error">error</option>
            <option value="pass">pass</option>
          </select>
        </label>
        <label>
          Hostname{' '}
          <input
            value={filter.search ?? ''}
            onChange={(e) => onFilter({ ...filter, search: e.target.value.trim() === '' ? undefined : e.target.value })}
            placeholder="part of a hostname"
            aria-label="result search"
          />
        </label>
        {group && (
          <span className="filter-chips" data-testid="result-group">
            <span className="badge">{group}</span>
            <button
              type="button"
              onClick={() => onFilter({ ...(filter.verdict ? { verdict: filter.verdict } : {}), ...(filter.search ? { search: filter.search } : {}) })}
            >
              Show every group
            </button>
          </span>
        )}
        <span className="muted small" data-testid="result-count">
          {formatCount(total)} router{total === 1 ? '' : 's'}
        </span>
      </div>
      <table className="data-table" data-testid="run-results">
        <thead>
          <tr>
            <th>Router</th>
            <th>Model</th>
            <th>Verdict</th>
            <th>Failed expectations</th>
            <th>Control plane down</th>
            <th>Data plane down</th>
            <th>Redundant again after</th>
            <th>Switchovers</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.hostname} data-hostname={r.hostname}>
              <td>
                {linkRouters ? (
                  <Link href={`/routers/${encodeURIComponent(r.hostname)}`} className="mono">
                    {r.hostname}
                  </Link>
                ) : (
                  <span className="mono">{r.hostname}</span>
                )}
              </td>
              <td>{r.model}</td>
              <td>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td>{r.failedExpectations.map(expectationName).join(', ') || '—'}</td>
              <td>{formatDuration(r.controlPlaneOutageMs)}</td>
              <td>{formatDuration(r.dataPlaneOutageMs)}</td>
              <td>{r.redundancyRestoredMs === null ? 'not within the horizon' : formatDuration(r.redundancyRestoredMs)}</td>
              <td>{r.switchovers}</td>
              <td>
                <button type="button" onClick={() => onWhy(r.hostname)} data-testid="why-router">
                  Why?
                </button>
              </td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                No result{filter.verdict ? ` with verdict ${filter.verdict}` : ''}
                {group ? ` in ${group}` : ''}
                {filter.search ? ` whose hostname holds “${filter.search}”` : ''}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager offset={offset} limit={limit} total={total} onOffset={onOffset} />
    </div>
  );
});
