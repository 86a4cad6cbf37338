import { graphql } from '../api/graphql';
import type { RouterDetail } from '../api/types';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { FORCE_SWITCHOVER } from './router-queries';

function instances(router: RouterDetail) {
  return router.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests);
}

/**
 * `redundancy force-switchover` for operators, after a confirmation naming what will happen. Offered only when
 * the router would accept it: `redundancy.manualSwitchover`, which the api computes from the router's state with
 * the simulator's own refusal check (a peer in the mode's terminal standby state: STANDBY HOT under SSO);
 * otherwise the page says why, in IOS's words (`Manual Swact = disabled (…)`). The api stays the authority: a
 * refusal (the router changed meanwhile) closes the confirmation and shows once. The new states arrive live.
 */
export function SwitchoverButton({ router, onDone }: { readonly router: RouterDetail; readonly onDone: () => void }) {
  const { key } = useSession();
  const all = instances(router);
  const active = all.find((i) => i.rfState.name === 'ACTIVE');
  const peer = all.find((i) => i !== active);
  const manual = router.redundancy.manualSwitchover;
  return (
    <ConfirmAction
      className="switchover"
      testId="force-switchover"
      label="Force switchover…"
      confirmLabel="Switch over"
      busyLabel="Switching…"
      errorTitle="The switchover was refused"
      disabledReason={manual.enabled ? undefined : (manual.reason ?? 'refused')}
      confirmText={
        <>
          Hand activity from <b className="mono">{active?.name ?? 'the active instance'}</b>
          {peer && (
            <>
              {' '}
              to <b className="mono">{peer.name}</b> ({peer.rfState.name})
            </>
          )}
          ?
        </>
      }
      onConfirm={async () => {
        await graphql(key, FORCE_SWITCHOVER, { id: router.id });
        onDone();
      }}
    />
  );
}
