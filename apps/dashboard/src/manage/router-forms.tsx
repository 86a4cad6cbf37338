import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../api/graphql';
import { rest } from '../api/rest';
import { CHASSIS_MODELS, parseLabels } from '../scenarios/run-target';
import { useSession } from '../session/session';
import { asError, FieldMessage, FormProblem, invalid } from './form-bits';

const REDUNDANCY_MODES = ['sso', 'rpr', 'none'] as const;

interface AddRoutersResult {
  readonly created: number;
  readonly routers: readonly { readonly id: string; readonly hostname: string; readonly model: string }[];
}

const ROUTER_FIELDS = ['hostname', 'model', 'redundancy', 'version', 'serial', 'labels'];

/** One router added to a fleet (admins), with the API's message next to each field it refuses. */
export function AddRouterForm({ fleet, onAdded }: { readonly fleet: string; readonly onAdded: () => void }) {
  const { key } = useSession();
  const [form, setForm] = useState<Record<string, string>>({ model: 'ASR1002-X' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const set = (field: string) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const optional = (field: string) => (form[field]?.trim() ? { [field]: form[field]?.trim() } : {});
      let labels: Record<string, string>;
      try {
        labels = Object.fromEntries(parseLabels(form['labels'] ?? '').map((l) => [l.key, l.value]));
      } catch (e) {
        throw new ApiError('invalid labels', 'VALIDATION_FAILED', [{ field: 'labels', message: asError(e).message }]);
      }
      const body = {
        hostname: form['hostname']?.trim() ?? '',
        model: form['model'],
        ...optional('redundancy'),
        ...optional('version'),
        ...optional('serial'),
        labels,
      };
      const result = await rest<AddRoutersResult>(key, 'POST', `/fleets/${encodeURIComponent(fleet)}/routers`, { json: body });
      setAdded(result.routers[0]?.hostname ?? null);
      setForm({ model: form['model'] ?? 'ASR1002-X' });
      onAdded();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-label="add a router" data-testid="add-router">
      <label>
        Hostname
        <input
          value={form['hostname'] ?? ''}
          onChange={set('hostname')}
          placeholder="ams-edge-01"
          {...invalid(error, 'hostname')}
          data-testid="router-hostname"
        />
        <FieldMessage error={error} field="hostname" />
      </label>
      <label>
        Model
        <select value={form['model']} onChange={set('model')} {...invalid(error, 'model')} data-testid="router-model">
          {CHASSIS_MODELS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <FieldMessage error={error} field="model" />
      </label>
      <label>
        Redundancy
        <select value={form['redundancy'] ?? ''} onChange={set('redundancy')} {...invalid(error, 'redundancy')} data-testid="router-redundancy">
          <option value="">model default</option>
          {REDUNDANCY_MODES.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <FieldMessage error={error} field="redundancy" />
      </label>
      <label>
        IOS XE
        <input
          value={form['version'] ?? ''}
          onChange={set('version')}
          placeholder="17.3.4a"
          size={10}
          {...invalid(error, 'version')}
          data-testid="router-version"
        />
        <FieldMessage error={error} field="version" />
      </label>
      <label>
        Serial
        <input
          value={form['serial'] ?? ''}
          onChange={set('serial')}
          placeholder="generated"
          size={14}
          {...invalid(error, 'serial')}
          data-testid="router-serial"
        />
        <FieldMessage error={error} field="serial" />
      </label>
      <label>
        Labels
        <input
          value={form['labels'] ?? ''}
          onChange={set('labels')}
          placeholder="site=ams, role=edge"
          {...invalid(error, 'labels')}
          data-testid="router-labels"
        />
        <FieldMessage error={error} field="labels" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="add-router-submit">
        {busy ? 'Adding…' : 'Add router'}
      </button>
      <FormProblem error={error} title="The router was not added" fields={ROUTER_FIELDS} />
      {added && (
        <p className="ok" role="status" data-testid="router-added">
          Added <Link href={`/routers/${encodeURIComponent(added)}`}>{added}</Link>.
        </p>
      )}
    </form>
  );
}

/** Generated routers (`{ generate: { count, models, hostnamePrefix } }`), for trying the twin at scale. */
export function GenerateRoutersForm({ fleet, onAdded }: { readonly fleet: string; readonly onAdded: () => void }) {
  const { key } = useSession();
  const [count, setCount] = useState('10');
  const [prefix, setPrefix] = useState('');
  const [models, setModels] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [created, setCreated] = useState<number | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const n = count.trim() === '' ? Number.NaN : Number(count);
      const generate = {
        count: Number.isFinite(n) ? n : count,
        ...(prefix.trim() ? { hostnamePrefix: prefix.trim() } : {}),
        ...(models.length > 0 ? { models } : {}),
      };
      const result = await rest<AddRoutersResult>(key, 'POST', `/fleets/${encodeURIComponent(fleet)}/routers`, { json: { generate } });
      setCreated(result.created);
      onAdded();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-label="generate routers" data-testid="generate-routers">
      <label>
        How many
        <input
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.target.value)}
          size={8}
          {...invalid(error, 'count')}
          data-testid="generate-count"
        />
        <FieldMessage error={error} field="count" />
      </label>
      <label>
        Hostname prefix
        <input
          value={prefix}
          onChange={(e) => setPrefix(e.target.value)}
          placeholder="the fleet's name"
          {...invalid(error, 'hostnamePrefix')}
          data-testid="generate-prefix"
        />
        <FieldMessage error={error} field="hostnamePrefix" />
      </label>
      <label>
        Models (none chosen: all)
        <select
          multiple
          size={3}
          value={[...models]}
          onChange={(e) => setModels([...e.target.selectedOptions].map((o) => o.value))}
          {...invalid(error, 'models')}
          data-testid="generate-models"
        >
          {CHASSIS_MODELS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <FieldMessage error={error} field="models" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="generate-submit">
        {busy ? 'Generating…' : 'Generate'}
      </button>
      <FormProblem error={error} title="No router was generated" fields={['count', 'hostnamePrefix', 'models']} />
      {created !== null && (
        <p className="ok" role="status" data-testid="generated">
          Generated {created.toLocaleString('en')} router{created === 1 ? '' : 's'}.
        </p>
      )}
    </form>
  );
}
