import { useLocation } from 'wouter';
import { graphql } from '../api/graphql';
import type { RunDetail } from '../api/types';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { formatCount } from '../ui/format';
import { DELETE_RUN } from './run-queries';

/**
 * Deletes the run for operators, after a confirmation that says what goes (and that a run in progress is
 * cancelled first); then back to the runs list.
 */
export function DeleteRunButton({ run, finished }: { readonly run: RunDetail; readonly finished: boolean }) {
  const { key } = useSession();
  const [, navigate] = useLocation();
  const routers = run.progress.routerCount;
  return (
    <ConfirmAction
      className="delete-run"
      testId="delete-run"
      label="Delete run…"
      confirmLabel="Delete for good"
      busyLabel="Deleting…"
      keepLabel="Keep"
      errorTitle="The run was not deleted"
      confirmText={
        <>
          Delete this run
          {routers !== null ? (
            <>
              {' '}
              of {formatCount(routers)} router{routers === 1 ? '' : 's'}
            </>
          ) : null}{' '}
          with its results and timeline
          {finished ? '' : ', cancelling it first'}? This cannot be undone.
        </>
      }
      onConfirm={async () => {
        await graphql(key, DELETE_RUN, { id: run.id });
        navigate('/runs');
      }}
    />
  );
}
