import type { RouterResult, Verdict } from '../api/types';
import { Link } from 'wouter';
import { VerdictBadge } from '../ui/badges';
import { Pager } from '../ui/feedback';
import { formatDuration } from '../ui/format';

interface Props {
  readonly items: readonly RouterResult[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly verdict: Verdict | null;
  /** Results of twin routers link to their page; routers embedded in a scenario have none. */
  readonly linkRouters: boolean;
  readonly onOffset: (offset: number) => void;
  readonly onVerdict: (verdict: Verdict | null) => void;
}

/** The per-router results of the run's first iteration, filterable by verdict. */
export function RunResults({ items, total, offset, limit, verdict, linkRouters, onOffset, onVerdict }: Props) {
  return (
    <div className="card">
      <h2>Routers</h2>
      <div className="toolbar">
        <label>
          Verdict{' '}
          <select value={verdict ?? ''} onChange={(e) => onVerdict((e.target.value || null) as Verdict | null)} aria-label="verdict filter">
            <option value="">all</option>
            <option value="fail">fail</option>
            <option value="error">error</option>
            <option value="pass">pass</option>
          </select>
        </label>
      </div>
      <table className="data-table" data-testid="run-results">
        <thead>
          <tr>
            <th>Router</th>
            <th>Model</th>
            <th>Verdict</th>
            <th>Control plane down</th>
            <th>Data plane down</th>
            <th>Redundant again after</th>
            <th>Switchovers</th>
            <th>Dual active</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.hostname}>
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
              <td>{formatDuration(r.controlPlaneOutageMs)}</td>
              <td>{formatDuration(r.dataPlaneOutageMs)}</td>
              <td>{r.redundancyRestoredMs === null ? 'not within the horizon' : formatDuration(r.redundancyRestoredMs)}</td>
              <td>{r.switchovers}</td>
              <td>{formatDuration(r.dualActiveMs)}</td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No result{verdict ? ` with verdict ${verdict}` : ''} yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager offset={offset} limit={limit} total={total} onOffset={onOffset} />
    </div>
  );
}
