import { graphql } from '../api/graphql';
import type { RunDetail } from '../api/types';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { formatCount } from '../ui/format';
import { CANCEL_RUN } from './run-queries';

/**
 * Cancel a queued or running run, for operators, after a confirmation that says what is lost: the routers not
 * yet simulated are never simulated, and the run gets no verdict, report or JUnit.
 */
export function CancelRunButton({ run, onDone }: { readonly run: RunDetail; readonly onDone: () => void }) {
  const { key } = useSession();
  const { routersDone, routerCount } = run.progress;
  const left = routerCount === null ? 'Its routers' : `${formatCount(Math.max(0, routerCount - routersDone))} of ${formatCount(routerCount)} routers`;
  return (
    <ConfirmAction
      className="cancel-run"
      testId="cancel-run"
      label="Cancel run…"
      confirmLabel="Cancel the run"
      busyLabel="Cancelling…"
      keepLabel="Keep it running"
      errorTitle="The run was not cancelled"
      confirmText={
        <>
          Cancel this {run.status} run? {left} will not be simulated, and the run gets no verdict or report.
        </>
      }
      onConfirm={async () => {
        await graphql(key, CANCEL_RUN, { id: run.id });
        onDone();
      }}
    />
  );
}
