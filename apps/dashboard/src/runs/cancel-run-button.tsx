import { useState } from 'react';
import { graphql } from '../api/graphql';
import type { RunDetail } from '../api/types';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { formatCount } from '../ui/format';
import { CANCEL_RUN } from './run-queries';

/**
 * Cancel a queued or running run, for operators, after a confirmation that says what is lost: the routers not
 * yet simulated are never simulated, and the run gets no verdict, report or JUnit.
 */
export function CancelRunButton({ run, onDone }: { readonly run: RunDetail; readonly onDone: () => void }) {
  const { key } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const { routersDone, routerCount } = run.progress;

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await graphql(key, CANCEL_RUN, { id: run.id });
      setConfirming(false);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  const left = routerCount === null ? 'Its routers' : `${formatCount(Math.max(0, routerCount - routersDone))} of ${formatCount(routerCount)} routers`;
  return (
    <div className="cancel-run">
      {!confirming ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="cancel-run">
          Cancel run…
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="confirm cancel" data-testid="confirm-cancel">
          <span>
            Cancel this {run.status} run? {left} will not be simulated, and the run gets no verdict or report.
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => void cancel()} data-testid="confirm-cancel-run">
            {busy ? 'Cancelling…' : 'Cancel the run'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)} data-testid="keep-run">
            Keep it running
          </button>
        </div>
      )}
      {error && <ErrorBox error={error} title="The run was not cancelled" />}
    </div>
  );
}
