import { useState } from 'react';
import { useLocation } from 'wouter';
import { graphql } from '../api/graphql';
import type { RunDetail } from '../api/types';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { formatCount } from '../ui/format';
import { DELETE_RUN } from './run-queries';

/**
 * Deletes the run for operators, after a confirmation that says what goes (and that a run in progress is
 * cancelled first); then back to the runs list.
 */
export function DeleteRunButton({ run, finished }: { readonly run: RunDetail; readonly finished: boolean }) {
  const { key } = useSession();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await graphql(key, DELETE_RUN, { id: run.id });
      navigate('/runs');
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      setBusy(false);
    }
  }

  const routers = run.progress.routerCount;
  return (
    <div className="delete-run">
      {!confirming ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="delete-run">
          Delete run…
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="confirm delete">
          <span data-testid="delete-run-question">
            Delete this run{routers !== null ? <> of {formatCount(routers)} router{routers === 1 ? '' : 's'}</> : null} with its results and timeline
            {finished ? '' : ', cancelling it first'}? This cannot be undone.
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()} data-testid="confirm-delete-run">
            {busy ? 'Deleting…' : 'Delete for good'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)} data-testid="keep-run">
            Keep
          </button>
        </div>
      )}
      {error && <ErrorBox error={error} title="The run was not deleted" />}
    </div>
  );
}
