import { useState } from 'react';
import { graphql } from '../api/graphql';
import type { RouterDetail } from '../api/types';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { FORCE_SWITCHOVER } from './router-queries';

function instances(router: RouterDetail) {
  return router.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests);
}

/**
 * `redundancy force-switchover` for operators, after a confirmation naming what will happen. Offered only when
 * the router would accept it (`redundancy.manualSwitchover`); otherwise the page says why, in IOS's words. The
 * new states then arrive live.
 */
export function SwitchoverButton({ router, onDone }: { readonly router: RouterDetail; readonly onDone: () => void }) {
  const { key } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const all = instances(router);
  const active = all.find((i) => i.rfState.name === 'ACTIVE');
  const peer = all.find((i) => i !== active);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      await graphql(key, FORCE_SWITCHOVER, { id: router.id });
      setConfirming(false);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  const manual = router.redundancy.manualSwitchover;
  if (!manual.enabled) {
    return (
      <p className="switchover muted small" data-testid="switchover-unavailable">
        Force switchover is not available: <span className="mono">{manual.reason}</span>
      </p>
    );
  }
  return (
    <div className="switchover">
      {!confirming ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="force-switchover">
          Force switchover…
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="confirm switchover">
          <span>
            Hand activity from <b className="mono">{active?.name ?? 'the active instance'}</b>
            {peer && (
              <>
                {' '}
                to <b className="mono">{peer.name}</b> ({peer.rfState.name})
              </>
            )}
            ?
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => void run()} data-testid="confirm-switchover">
            {busy ? 'Switching…' : 'Switch over'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {error && <ErrorBox error={error} title="The switchover was refused" />}
    </div>
  );
}
