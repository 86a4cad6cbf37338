import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { useFleetListLive } from '../api/catalog-events';
import { graphql } from '../api/graphql';
import type { FleetSummary, Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { CHASSIS_MODELS, parseLabels } from '../scenarios/run-target';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { DEFAULT_FAULTS, FAULTS } from './audit-types';
import { FLEET_NAMES, START_AUDIT } from './risk-queries';

/** Starts a risk audit on a fleet or a selector (operators), then opens its page. */
export function AuditLaunchForm() {
  const { key } = useSession();
  const [, navigate] = useLocation();
  const fleets = useQuery<{ fleets: Page<FleetSummary> }>(FLEET_NAMES);
  useFleetListLive(fleets.reload);
  const [fleet, setFleet] = useState('');
  const [model, setModel] = useState('');
  const [labels, setLabels] = useState('');
  const [faults, setFaults] = useState<ReadonlySet<string>>(new Set(DEFAULT_FAULTS));
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const input = {
        ...(fleet ? { fleet } : {}),
        ...(model ? { model } : {}),
        ...(labels.trim() ? { labels: parseLabels(labels) } : {}),
        faults: FAULTS.filter((f) => faults.has(f)),
      };
      const data = await graphql<{ startAudit: { id: string } }>(key, START_AUDIT, { input });
      navigate(`/risk/${data.startAudit.id}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  }

  const toggle = (f: string) =>
    setFaults((s) => {
      const next = new Set(s);
      if (next.has(f)) next.delete(f);
      else next.add(f);
      return next;
    });

  return (
    <form className="card launch-form audit-launch" onSubmit={(e) => void submit(e)} data-testid="audit-launch">
      <h2>Audit single-fault exposure</h2>
      <p className="muted small">Every ticked fault at each relevant target, on every selected router, from its stored state.</p>
      <div className="form-row">
        <label>
          Fleet
          <select value={fleet} onChange={(e) => setFleet(e.target.value)} data-testid="audit-fleet">
            <option value="">any fleet</option>
            {(fleets.data?.fleets.items ?? []).map((f) => (
              <option key={f.id} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="">any model</option>
            {CHASSIS_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Labels <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="site=ams, role=edge" />
        </label>
      </div>
      <fieldset className="fault-choice">
        <legend>Faults</legend>
        {FAULTS.map((f) => (
          <label key={f} className="check">
            <input type="checkbox" checked={faults.has(f)} onChange={() => toggle(f)} /> <span className="mono">{f}</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="audit-start">
          Start audit
        </button>
      </div>
      {error && <ErrorBox error={error} title="The audit was not started" />}
    </form>
  );
}
