import { Link } from 'wouter';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { ErrorBox, Loading, NotFound } from '../ui/feedback';
import { MANAGED_FLEET, type ManagedFleet, ONE_FLEET_CHANGE, routers } from './fleet-queries';
import { ImportPanel } from './import-panel';
import { AddRouterForm, GenerateRoutersForm } from './router-forms';

/** One fleet: its router count and health, and for admins the forms that add, generate and import routers. */
export function FleetPage({ id }: { readonly id: string }) {
  const session = useSession();
  const detail = useQuery<{ fleet: ManagedFleet | null }>(MANAGED_FLEET, { id });
  const fleet = detail.data?.fleet ?? null;
  useSubscription(ONE_FLEET_CHANGE, { fleet: fleet?.id ?? '' }, () => detail.reload(), fleet !== null);

  if (detail.error && !fleet) return <ErrorBox error={detail.error} title="The fleet could not be loaded" />;
  if (detail.loading && !fleet) return <Loading what="the fleet" />;
  if (!fleet) {
    return (
      <NotFound>
        No fleet <b className="mono">{id}</b>. <Link href="/fleets">Back to the fleets</Link>
      </NotFound>
    );
  }
  const admin = session.may('administer');
  return (
    <section className="page" data-testid="fleet-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/fleets">Fleets</Link> / {fleet.name}
          </p>
          <h1 className="mono">{fleet.name}</h1>
          <p className="muted" data-testid="fleet-summary">
            {routers(fleet.routerCount)}: {fleet.health.protected} protected, {fleet.health.degraded} degraded, {fleet.health.down} down. {fleet.description}
          </p>
        </div>
        <Link href={`/?fleet=${encodeURIComponent(fleet.id)}`} className="button">
          See its routers
        </Link>
      </header>
      {admin ? (
        <>
          <div className="card">
            <h2>Import an inventory</h2>
            <ImportPanel fleet={fleet.id} onImported={detail.reload} />
          </div>
          <div className="card">
            <h2>Add a router</h2>
            <AddRouterForm fleet={fleet.id} onAdded={detail.reload} />
          </div>
          <div className="card">
            <h2>Generate routers</h2>
            <GenerateRoutersForm fleet={fleet.id} onAdded={detail.reload} />
          </div>
        </>
      ) : (
        <p className="muted" data-testid="read-only">
          Adding and importing routers is for admins.
        </p>
      )}
    </section>
  );
}
