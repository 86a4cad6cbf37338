import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { rest } from '../api/rest';
import type { Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { ANY_FLEET_CHANGE, MANAGED_FLEETS, type ManagedFleet, routers } from './fleet-queries';
import { asError, FieldMessage, FormProblem, invalid } from './form-bits';

const LIMIT = 50;

function CreateFleetForm({ onCreated }: { readonly onCreated: () => void }) {
  const { key } = useSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await rest(key, 'POST', '/fleets', { json: { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) } });
      setName('');
      setDescription('');
      onCreated();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-label="create a fleet" data-testid="create-fleet">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="ams-edge" {...invalid(error, 'name')} data-testid="fleet-name" />
        <FieldMessage error={error} field="name" />
      </label>
      <label>
        Description
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          size={36}
          {...invalid(error, 'description')}
          data-testid="fleet-description"
        />
        <FieldMessage error={error} field="description" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="create-fleet-submit">
        {busy ? 'Creating…' : 'Create fleet'}
      </button>
      <FormProblem error={error} title="The fleet was not created" fields={['name', 'description']} />
    </form>
  );
}

function RenameFleet({ fleet, onDone }: { readonly fleet: ManagedFleet; readonly onDone: () => void }) {
  const { key } = useSession();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(fleet.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await rest(key, 'PATCH', `/fleets/${encodeURIComponent(fleet.id)}`, { json: { name: name.trim() } });
      setEditing(false);
      onDone();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <button type="button" onClick={() => setEditing(true)} data-testid="rename-fleet">
        Rename…
      </button>
    );
  }
  return (
    <form className="manage-form inline" onSubmit={(e) => void submit(e)} aria-label={`rename ${fleet.name}`}>
      <label>
        New name
        <input value={name} onChange={(e) => setName(e.target.value)} {...invalid(error, 'name')} data-testid="rename-fleet-name" autoFocus />
        <FieldMessage error={error} field="name" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="rename-fleet-submit">
        Save
      </button>
      <button type="button" disabled={busy} onClick={() => setEditing(false)}>
        Cancel
      </button>
      <FormProblem error={error} title="The fleet was not renamed" fields={['name']} />
    </form>
  );
}

function FleetRow({ fleet, admin, onChanged }: { readonly fleet: ManagedFleet; readonly admin: boolean; readonly onChanged: () => void }) {
  const { key } = useSession();
  return (
    <tr data-fleet={fleet.name}>
      <td>
        <Link href={`/fleets/${encodeURIComponent(fleet.name)}`} className="mono" data-testid="fleet-link">
          {fleet.name}
        </Link>
      </td>
      <td>{fleet.description}</td>
      <td data-testid="fleet-router-count">{fleet.routerCount}</td>
      <td className="nowrap small">
        {fleet.health.protected} protected · {fleet.health.degraded} degraded · {fleet.health.down} down
      </td>
      {admin && (
        <td className="row-actions">
          <RenameFleet fleet={fleet} onDone={onChanged} />
          <ConfirmAction
            label="Delete…"
            testId="delete-fleet"
            confirmLabel="Delete fleet"
            errorTitle="The fleet was not deleted"
            confirmText={
              <>
                Delete fleet <b className="mono">{fleet.name}</b> and its {routers(fleet.routerCount)}? This cannot be undone.
              </>
            }
            onConfirm={async () => {
              await rest(key, 'DELETE', `/fleets/${encodeURIComponent(fleet.id)}`);
              onChanged();
            }}
          />
        </td>
      )}
    </tr>
  );
}

/** The fleets with their router counts; admins create, rename and delete them (after a confirmation). */
export function FleetsPage() {
  const session = useSession();
  const admin = session.may('administer');
  const [offset, setOffset] = useState(0);
  const list = useQuery<{ fleets: Page<ManagedFleet> }>(MANAGED_FLEETS, { limit: LIMIT, offset }, { keepPrevious: true });
  useSubscription(ANY_FLEET_CHANGE, {}, () => list.reload());
  const page = list.data?.fleets;
  return (
    <section className="page" data-testid="fleets-page">
      <header className="page-head">
        <h1>Fleets</h1>
        {session.may('operate') && (
          <Link href="/observations" className="button" data-testid="bulk-observations-link">
            Upload observations of many routers
          </Link>
        )}
      </header>
      {admin && (
        <div className="card">
          <h2>New fleet</h2>
          <CreateFleetForm onCreated={list.reload} />
        </div>
      )}
      {list.error && <ErrorBox error={list.error} title="The fleets could not be loaded" />}
      {!page ? (
        !list.error && <Loading what="fleets" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="fleet-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Routers</th>
                <th>Health</th>
                {admin && <th>Actions</th>}
              </tr>
            </thead>
            <tbody>
              {page.items.map((f) => (
                <FleetRow key={f.id} fleet={f} admin={admin} onChanged={list.reload} />
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={admin ? 5 : 4} className="muted" data-testid="no-fleet">
                    No fleet yet.{admin ? ' Create one above, then add or import its routers.' : ''}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </div>
      )}
    </section>
  );
}
