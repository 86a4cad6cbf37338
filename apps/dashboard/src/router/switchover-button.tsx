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
 * `redundancy force-switchover` for operators, after a confirmation naming what will happen. The twin refuses
 * (and the message says why) when no peer could take over; the new states then arrive live.
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
