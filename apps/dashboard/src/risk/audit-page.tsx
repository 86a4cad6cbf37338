import { useState } from 'react';
import { Link } from 'wouter';
import { graphql, restBlob, saveBlob } from '../api/graphql';
import { TERMINAL_STATUSES } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge } from '../ui/badges';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorBox, Loading, NotFound, Pager } from '../ui/feedback';
import { formatCount, formatDateTime, formatDuration } from '../ui/format';
import { AuditHeatmap } from './audit-heatmap';
import { type AuditProgressEvent, type AuditSummaryView, type AuditView, describeSelector, type ExposedRow, withAuditProgress } from './audit-types';
import { AUDIT_DETAIL, AUDIT_EXPOSED, AUDIT_PROGRESS, CANCEL_AUDIT } from './risk-queries';

const EXPOSED_LIMIT = 50;

function Counts({ summary, cells }: { readonly summary: AuditSummaryView; readonly cells: readonly string[] }) {
  return (
    <div className="grid-2">
      <div className="card">
        <h2>Exposed routers by cause</h2>
        <table className="data-table" data-testid="audit-causes">
          <tbody>
            {summary.byCause.map((c) => (
              <tr key={c.cause}>
                <th scope="row">{c.cause}</th>
                <td className="num">{formatCount(c.routers)}</td>
              </tr>
            ))}
            {summary.byCause.length === 0 && (
              <tr>
                <td className="muted">No router is exposed to a single fault.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>Exposed routers by fault</h2>
        <table className="data-table" data-testid="audit-faults">
          <tbody>
            {cells.map((cell) => {
              const n = summary.byCell.find((c) => c.cell === cell)?.routers ?? 0;
              return (
                <tr key={cell} className={n > 0 ? '' : 'muted'}>
                  <th scope="row" className="mono">
                    {cell}
                  </th>
                  <td className="num">{formatCount(n)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ExposedList({ audit }: { readonly audit: AuditView }) {
  const [offset, setOffset] = useState(0);
  const page = useQuery<{ audit: { matrix: { total: number; items: ExposedRow[] } } | null }>(
    AUDIT_EXPOSED,
    { id: audit.id, limit: EXPOSED_LIMIT, offset },
    { keepPrevious: true },
  );
  const matrix = page.data?.audit?.matrix;
  if (page.error) return <ErrorBox error={page.error} title="The exposed routers could not be loaded" />;
  if (!matrix) return <Loading what="the exposed routers" />;
  return (
    <div className="card">
      <h2>Exposed routers ({formatCount(matrix.total)})</h2>
      <table className="data-table" data-testid="audit-exposed">
        <thead>
          <tr>
            <th>Router</th>
            <th>Model</th>
            <th>Why</th>
            <th>Single faults that expose it</th>
          </tr>
        </thead>
        <tbody>
          {matrix.items.map((r) => (
            <tr key={r.hostname} data-hostname={r.hostname}>
              <td>
                <Link href={`/routers/${encodeURIComponent(r.hostname)}`} className="mono">
                  {r.hostname}
                </Link>
              </td>
              <td>{r.model}</td>
              <td>{r.causes.join('; ')}</td>
              <td className="mono small">{audit.cells.filter((_, k) => r.exposure[k] === 'x').join(', ')}</td>
            </tr>
          ))}
          {matrix.items.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                None: every router survives every audited single fault.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager offset={offset} limit={EXPOSED_LIMIT} total={matrix.total} onOffset={setOffset} />
    </div>
  );
}

function Downloads({ id }: { readonly id: string }) {
  const { key } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const download = (path: string, filename: string) =>
    restBlob(key, path).then(
      (blob) => saveBlob(blob, filename),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  return (
    <div className="actions">
      <button type="button" onClick={() => void download(`/api/v1/audits/${id}/report`, `audit-${id}.json`)}>
        Report (JSON)
      </button>
      <button type="button" onClick={() => void download(`/api/v1/audits/${id}/junit`, `audit-${id}.xml`)}>
        JUnit (XML)
      </button>
      {error && <ErrorBox error={error} title="The download failed" />}
    </div>
  );
}

/** One risk audit: live progress, then the exposure by cause and by fault, the heat map and the exposed routers. */
export function AuditPage({ id }: { readonly id: string }) {
  const session = useSession();
  const detail = useQuery<{ audit: AuditView | null }>(AUDIT_DETAIL, { id });
  const { reload } = detail;
  const [event, setEvent] = useState<AuditProgressEvent | undefined>(undefined);
  const fetched = detail.data?.audit ?? null;
  const audit = fetched && withAuditProgress(fetched, event);

  useSubscription<{ auditProgress: AuditProgressEvent }>(AUDIT_PROGRESS, { auditId: id }, ({ auditProgress: next }) => {
    setEvent(next);
    if (fetched !== null && next.status !== fetched.status) reload();
  });

  if (detail.error && !audit) return <ErrorBox error={detail.error} title="The audit could not be loaded" />;
  if (detail.loading && !audit) return <Loading what="the audit" />;
  if (!audit) {
    return (
      <NotFound>
        No audit <b className="mono">{id}</b>. <Link href="/risk">All audits</Link>
      </NotFound>
    );
  }
  const finished = TERMINAL_STATUSES.includes(audit.status);
  const summary = audit.status === 'completed' ? (fetched?.summary ?? null) : null;

  async function cancel() {
    await graphql(session.key, CANCEL_AUDIT, { id });
    reload();
  }

  return (
    <section className="page audit-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/risk">Risk</Link> / <span className="mono">{audit.id}</span>
          </p>
          <h1>
            Audit of {describeSelector(audit.selector)} <StatusBadge status={audit.status} />
          </h1>
          <p className="muted small">
            {audit.cells.length} single faults · exposed above {formatDuration(audit.thresholds.dataPlaneOutageMs)} of data-plane or{' '}
            {formatDuration(audit.thresholds.controlPlaneOutageMs)} of control-plane outage · by {audit.createdBy} · created {formatDateTime(audit.createdAt)}
            {audit.finishedAt && <> · finished {formatDateTime(audit.finishedAt)}</>}
          </p>
        </div>
        <div className="actions">
          {!finished && session.may('operate') && (
            <ConfirmAction
              testId="cancel-audit"
              label="Cancel audit…"
              confirmLabel="Cancel the audit"
              busyLabel="Cancelling…"
              keepLabel="Keep it running"
              errorTitle="The audit was not cancelled"
              confirmText="Cancel this audit? The routers not yet audited are not audited, and it gets no summary."
              onConfirm={cancel}
            />
          )}
          {audit.status === 'completed' && <Downloads id={audit.id} />}
        </div>
      </header>
      {audit.error && <ErrorBox error={new Error(audit.error)} title={`The audit ${audit.status}`} />}
      <div className="card">
        <ProgressBar percent={audit.progress.percent} label="audit progress" />
        <p className="small" data-testid="audit-progress">
          {formatCount(audit.progress.routersDone)}
          {audit.progress.routerCount !== null ? ` / ${formatCount(audit.progress.routerCount)}` : ''} routers audited ·{' '}
          <b data-testid="audit-exposed-count">{formatCount(audit.progress.exposedRouters)}</b> exposed to at least one single fault
        </p>
      </div>
      {summary && (
        <>
          <Counts summary={summary} cells={audit.cells} />
          <div className="card">
            <h2>Router × fault</h2>
            <p className="muted small">Exposed routers first. Drag the slider or scroll to move; click a router's cell to open it.</p>
            <AuditHeatmap auditId={audit.id} cells={audit.cells} />
          </div>
          <ExposedList audit={audit} />
        </>
      )}
    </section>
  );
}
