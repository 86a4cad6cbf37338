import { Link } from 'wouter';
import { useFleetListLive } from '../api/catalog-events';
import type { RouterDetail, RouterStateEvent } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { ObservePanel } from '../manage/observe-panel';
import { LaunchForm } from '../scenarios/launch-form';
import { useSession } from '../session/session';
import { HealthBadge } from '../ui/badges';
import { ErrorBox, Loading, NotFound } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { ActionPlan } from './action-plan';
import { ChangeLog } from './change-log';
import { ChassisDiagram } from './chassis-diagram';
import { ROUTER_DETAIL, ROUTER_STATE } from './router-queries';
import { ShowPanel } from './show-panel';
import { SwitchoverButton } from './switchover-button';

function Facts({ router }: { readonly router: RouterDetail }) {
  const r = router.redundancy;
  return (
    <dl className="facts wide">
      <dt>Fleet</dt>
      <dd>{router.fleet.name}</dd>
      <dt>Model</dt>
      <dd>{router.model}</dd>
      <dt>Serial</dt>
      <dd className="mono">{router.serial}</dd>
      <dt>IOS XE</dt>
      <dd className="mono">{router.softwareVersion}</dd>
      <dt>Redundancy</dt>
      <dd>
        {router.redundancyMode} configured{r.operatingMode ? `, ${r.operatingMode} operating` : ''}
      </dd>
      <dt>Switchovers</dt>
      <dd>
        {r.switchovers} (last: {r.lastSwitchoverReason || 'none'})
      </dd>
      <dt>Standby failures</dt>
      <dd>{r.standbyFailures}</dd>
      <dt>Booted</dt>
      <dd>{formatDateTime(r.bootedAt)}</dd>
      <dt>Labels</dt>
      <dd>{router.labels.length === 0 ? '—' : router.labels.map((l) => `${l.key}=${l.value}`).join(', ')}</dd>
      <dt>State version</dt>
      <dd data-testid="state-version">{router.stateVersion}</dd>
    </dl>
  );
}

/** One router: its anatomy with live states, `show` output, change log, and (for operators) its actions. */
export function RouterPage({ id }: { readonly id: string }) {
  const session = useSession();
  const detail = useQuery<{ router: RouterDetail | null }>(ROUTER_DETAIL, { id });
  const router = detail.data?.router ?? null;
  const { reload } = detail;

  useSubscription<{ routerStateChanged: RouterStateEvent }>(
    ROUTER_STATE,
    { id: router?.id ?? '' },
    (data) => {
      if (data.routerStateChanged.stateVersion !== router?.stateVersion) reload();
    },
    router !== null,
  );
  // Its fleet renamed (the name shows here) or deleted with its routers.
  useFleetListLive(reload, { fleet: router?.fleet.id, enabled: router !== null });

  if (detail.error && !router) return <ErrorBox error={detail.error} title="The router could not be loaded" />;
  if (detail.loading && !router) return <Loading what="the router" />;
  if (!router) {
    return (
      <NotFound>
        No router <b className="mono">{id}</b>. <Link href="/">Back to the fleet</Link>
      </NotFound>
    );
  }
  const version = router.stateVersion;
  return (
    <section className="page router-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/">Fleet</Link> / {router.fleet.name}
          </p>
          <h1 className="mono">
            {router.hostname} <HealthBadge health={router.health} />
          </h1>
        </div>
        {session.may('operate') && <SwitchoverButton router={router} onDone={reload} />}
      </header>
      <ActionPlan routerId={router.id} version={version} />
      <div className="grid-2">
        <div className="card">
          <h2>Anatomy</h2>
          <ChassisDiagram router={router} />
        </div>
        <div className="card">
          <h2>Router</h2>
          <Facts router={router} />
        </div>
      </div>
      <div className="card">
        <h2>CLI</h2>
        <ShowPanel routerId={router.id} version={version} />
      </div>
      {session.may('operate') && (
        <div className="card">
          <h2>Observe: apply real device output</h2>
          <ObservePanel router={router.id} onApplied={reload} />
        </div>
      )}
      {session.may('operate') && (
        <div className="card">
          <h2>Run a scenario on this router</h2>
          <LaunchForm fixedTarget={{ kind: 'router', hostname: router.hostname }} />
        </div>
      )}
      <div className="card">
        <h2>Change log</h2>
        <ChangeLog router={router} version={version} />
      </div>
    </section>
  );
}
