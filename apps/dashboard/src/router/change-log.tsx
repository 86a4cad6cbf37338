import { useState } from 'react';
import type { Change, Page } from '../api/types';
import { useQuery, useReloadOn } from '../api/use-query';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { ROUTER_CHANGES } from './router-queries';

const LIMIT = 20;

function compact(value: unknown): string {
  if (value === null || value === undefined) return '—';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- not an object here: a scalar of the change log's JSON
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** The router's change log, newest first; reloads when `version` (the router's state version) moves. */
export function ChangeLog({ routerId, version }: { readonly routerId: string; readonly version: number }) {
  const [offset, setOffset] = useState(0);
  const changes = useQuery<{ router: { changes: Page<Change> } | null }>(ROUTER_CHANGES, { id: routerId, limit: LIMIT, offset }, { keepPrevious: true });
  const { reload } = changes;
  useReloadOn(version, reload);

  if (changes.error) return <ErrorBox error={changes.error} title="The change log could not be loaded" />;
  const page = changes.data?.router?.changes;
  if (!page) return <Loading what="changes" />;
  return (
    <div>
      <table className="data-table" data-testid="change-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Action</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={c.id}>
              <td className="nowrap">{formatDateTime(c.at)}</td>
              <td className="mono">{c.actor}</td>
              <td>
                {c.entity} <span className="mono">{c.entityKey}</span>
              </td>
              <td>{c.action}</td>
              <td className="small">{compact(c.before)}</td>
              <td className="small">{compact(c.after)}</td>
            </tr>
          ))}
          {page.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No change recorded yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
    </div>
  );
}
