import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { rest } from '../api/rest';
import type { Page, Role } from '../api/types';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorBox, Loading, NotFound, Pager } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { asError, FieldMessage, FormProblem, invalid } from './form-bits';

const LIMIT = 50;
const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly prefix: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** The secret of a key just created: shown this once, with a copy button. */
function NewSecret({ created, onDone }: { readonly created: ApiKey & { readonly key: string }; readonly onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <div className="notice new-secret" role="status" data-testid="new-key">
      <p>
        <strong>
          Key <span className="mono">{created.name}</span> ({created.role}) created. Copy its secret now: it is shown this once and cannot be seen again.
        </strong>
      </p>
      <p className="secret-line">
        <code data-testid="new-key-secret">{created.key}</code>
        <button type="button" onClick={() => void copy()} data-testid="copy-key">
          Copy
        </button>
        {copied === 'yes' && <span data-testid="copied">Copied.</span>}
        {copied === 'no' && <span className="error">The browser refused to copy: select the key and copy it by hand.</span>}
      </p>
      <button type="button" onClick={onDone} data-testid="hide-key">
        I have saved it
      </button>
    </div>
  );
}

function CreateKeyForm({ onCreated }: { readonly onCreated: (key: ApiKey & { readonly key: string }) => void }) {
  const { key } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await rest<ApiKey & { key: string }>(key, 'POST', '/keys', { json: { name: name.trim(), role } }));
      setName('');
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-label="create an API key" data-testid="create-key">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="ci-pipeline" {...invalid(error, 'name')} data-testid="key-name" />
        <FieldMessage error={error} field="name" />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...invalid(error, 'role')} data-testid="key-role">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <FieldMessage error={error} field="role" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="create-key-submit">
        {busy ? 'Creating…' : 'Create key'}
      </button>
      <FormProblem error={error} title="The key was not created" fields={['name', 'role']} />
    </form>
  );
}

/** One key; revoking asks first, and warns when it is the key this page is signed in with. */
function KeyRow({ apiKey: k, onRevoked }: { readonly apiKey: ApiKey; readonly onRevoked: () => Promise<void> }) {
  const session = useSession();
  // Key names are unique (revoked ones included), so the signed-in name is this key.
  const own = k.name === session.me.name;
  return (
    <tr data-key-name={k.name} data-revoked={k.revokedAt ? 'yes' : 'no'}>
      <td className="mono">{k.name}</td>
      <td>{k.role}</td>
      <td className="mono small">{k.prefix ?? '—'}</td>
      <td className="nowrap">{formatDateTime(k.createdAt)}</td>
      <td className="nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</td>
      <td className="nowrap" data-testid="key-revoked">
        {k.revokedAt ? formatDateTime(k.revokedAt) : 'no'}
      </td>
      <td>
        {!k.revokedAt && (
          <ConfirmAction
            label="Revoke…"
            testId="revoke-key"
            confirmLabel="Revoke key"
            errorTitle="The key was not revoked"
            confirmText={
              <>
                Revoke <b className="mono">{k.name}</b> ({k.role})? Every request with it is refused from now on
                {own ? ', and you are signed in with it: you will be signed out' : ''}. This cannot be undone.
              </>
            }
            onConfirm={async () => {
              await rest(session.key, 'DELETE', `/keys/${k.id}`);
              await onRevoked();
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** API keys for admins: list (never a secret), create (the secret shown once), revoke after a confirmation. */
export function KeysPage() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<ApiKey> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [created, setCreated] = useState<(ApiKey & { readonly key: string }) | null>(null);
  const admin = session.may('administer');

  const load = useCallback(async () => {
    try {
      setPage(await rest<Page<ApiKey>>(session.key, 'GET', `/keys?limit=${LIMIT}&offset=${offset}`));
      setError(null);
    } catch (e) {
      setError(asError(e));
    }
  }, [session.key, offset]);
  useEffect(() => {
    if (admin) void load();
  }, [load, admin]);

  if (!admin) return <NotFound>API keys are managed by admins.</NotFound>;
  return (
    <section className="page" data-testid="keys-page">
      <header className="page-head">
        <h1>API keys</h1>
      </header>
      <div className="card">
        <h2>New key</h2>
        <CreateKeyForm
          onCreated={(k) => {
            setCreated(k);
            void load();
          }}
        />
        {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      </div>
      {error && <ErrorBox error={error} title="The keys could not be loaded" />}
      {!page ? (
        !error && <Loading what="the keys" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="key-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Prefix</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Revoked</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((k) => (
                <KeyRow key={k.id} apiKey={k} onRevoked={load} />
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </div>
      )}
    </section>
  );
}
