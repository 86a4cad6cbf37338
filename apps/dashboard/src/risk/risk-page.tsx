import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge } from '../ui/badges';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatCount, formatDateTime } from '../ui/format';
import { AuditLaunchForm } from './audit-launch-form';
import { type AuditProgressEvent, type AuditView, describeSelector, withAuditProgress } from './audit-types';
import { AUDIT_LIST, AUDIT_PROGRESS } from './risk-queries';

const LIMIT = 20;

/** Risk audits: a launch form for operators, and every audit with live progress and its exposed count. */
export function RiskPage() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const list = useQuery<{ audits: Page<AuditView> }>(AUDIT_LIST, { limit: LIMIT, offset }, { keepPrevious: true });
  const { reload } = list;
  const [events, setEvents] = useState<ReadonlyMap<string, AuditProgressEvent>>(new Map());
  useSubscription<{ auditProgress: AuditProgressEvent }>(AUDIT_PROGRESS, {}, ({ auditProgress: e }) => {
    setEvents((m) => new Map(m).set(e.auditId, e));
    if (!(list.data?.audits.items.some((a) => a.id === e.auditId) ?? true)) reload();
  });
  const fetched = list.data?.audits;
  const items = useMemo(() => fetched?.items.map((a) => withAuditProgress(a, events.get(a.id))) ?? null, [fetched, events]);

  return (
    <section className="page">
      <header className="page-head">
        <h1>Risk</h1>
      </header>
      <p className="muted">Which routers, as they are now, would a single fault take down? An audit answers for every router and every single fault.</p>
      {session.may('operate') && <AuditLaunchForm />}
      {list.error && <ErrorBox error={list.error} title="The audits could not be loaded" />}
      {!items ? (
        !list.error && <Loading what="audits" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="audit-list">
            <thead>
              <tr>
                <th>Audit</th>
                <th>Routers</th>
                <th>Status</th>
                <th className="progress-col">Progress</th>
                <th>Exposed</th>
                <th>Started by</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-audit-id={a.id}>
                  <td>
                    <Link href={`/risk/${a.id}`} className="mono">
                      {a.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td>{describeSelector(a.selector)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>
                    <ProgressBar percent={a.progress.percent} label={`progress of audit ${a.id}`} />
                  </td>
                  <td>
                    {formatCount(a.progress.exposedRouters)}
                    {a.progress.routerCount !== null ? ` of ${formatCount(a.progress.routerCount)}` : ''}
                  </td>
                  <td className="mono small">{a.createdBy}</td>
                  <td className="nowrap">{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No audit yet.
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
