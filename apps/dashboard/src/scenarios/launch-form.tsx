import { type FormEvent, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { useFleetListLive, useScenarioListLive } from '../api/catalog-events';
import { graphql } from '../api/graphql';
import type { FleetSummary, Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { CHASSIS_MODELS, type TargetChoice, toTargetInput } from './run-target';
import { LAUNCH_FLEETS as FLEETS, LAUNCH_SCENARIOS as SCENARIO_NAMES, START_RUN } from './scenario-queries';

type Kind = TargetChoice['kind'];

interface Props {
  /** The stored scenario to run (name); without it, the form offers a choice of stored scenarios. */
  readonly scenario?: string;
  /** Unsaved scenario text to run instead of a stored scenario. */
  readonly source?: string;
  /** Launch on this router only (the router page). */
  readonly fixedTarget?: { readonly kind: 'router'; readonly hostname: string };
}

function TargetFields({
  kind,
  choice,
  setChoice,
  fleets,
}: {
  kind: Kind;
  choice: Record<string, string>;
  setChoice: (c: Record<string, string>) => void;
  fleets: readonly FleetSummary[];
}) {
  const set = (field: string) => (e: { target: { value: string } }) => setChoice({ ...choice, [field]: e.target.value });
  const fleetSelect = (label: string, optional: boolean) => (
    <label>
      {label}
      <select value={choice['fleet'] ?? ''} onChange={set('fleet')} data-testid="launch-fleet">
        <option value="">{optional ? 'any fleet' : 'choose a fleet'}</option>
        {fleets.map((f) => (
          <option key={f.id} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
    </label>
  );
  if (kind === 'routers') {
    return (
      <label>
        Hostnames <input value={choice['hostnames'] ?? ''} onChange={set('hostnames')} placeholder="ams-edge-01, ams-core-01" />
      </label>
    );
  }
  if (kind === 'fleet') return fleetSelect('Fleet', false);
  if (kind === 'selector') {
    return (
      <>
        {fleetSelect('Fleet', true)}
        <label>
          Model
          <select value={choice['model'] ?? ''} onChange={set('model')}>
            <option value="">any model</option>
            {CHASSIS_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Labels <input value={choice['labels'] ?? ''} onChange={set('labels')} placeholder="site=ams, role=edge" />
        </label>
      </>
    );
  }
  return null;
}

/** Starts a run of a scenario on a router, a selector or a fleet (operators), then opens the run's page. */
export function LaunchForm({ scenario, source, fixedTarget }: Props) {
  const { key } = useSession();
  const [, navigate] = useLocation();
  const fleets = useQuery<{ fleets: Page<FleetSummary> }>(FLEETS);
  const choosesScenario = scenario === undefined && source === undefined;
  const names = useQuery<{ scenarios: Page<{ id: string; name: string }> }>(SCENARIO_NAMES, {}, { skip: !choosesScenario });
  useFleetListLive(fleets.reload, { enabled: !fixedTarget });
  useScenarioListLive(names.reload, choosesScenario);
  const [chosenScenario, setChosenScenario] = useState('');
  const [kind, setKind] = useState<Kind>(fixedTarget ? 'router' : 'scenario');
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [seed, setSeed] = useState('');
  const [iterations, setIterations] = useState('1');
  const [start, setStart] = useState<'twin' | 'healthy'>('twin');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // One idempotency key per intended launch: a double click or a retried request starts one run.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the inputs are listed to make a new key when the intended launch changes
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [kind, choice, seed, iterations, start, chosenScenario, scenario, source]);

  function input(): Record<string, unknown> {
    const target = toTargetInput(
      fixedTarget ??
        ({
          kind,
          hostnames: choice['hostnames'] ?? '',
          fleet: choice['fleet'] ?? '',
          model: choice['model'] ?? '',
          labels: choice['labels'] ?? '',
        } as TargetChoice),
    );
    const which = source !== undefined ? { source } : { scenario: scenario ?? chosenScenario };
    if (source === undefined && !which.scenario) throw new Error('choose a scenario');
    const it = Number(iterations);
    if (!Number.isInteger(it) || it < 1) throw new Error('iterations must be a whole number ≥ 1');
    if (seed !== '' && !Number.isSafeInteger(Number(seed))) throw new Error('the seed must be a whole number');
    return { ...which, ...(target ? { target } : {}), ...(seed === '' ? {} : { seed: Number(seed) }), iterations: it, start, idempotencyKey };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const run = (await graphql<{ startRun: { id: string } }>(key, START_RUN, { input: input() })).startRun;
      navigate(`/runs/${run.id}`);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      setBusy(false);
    }
  }

  const fleetList = fleets.data?.fleets.items ?? [];
  return (
    <form className="launch-form" onSubmit={(event) => void submit(event)} aria-label="launch a run" data-testid="launch-form">
      {scenario === undefined && source === undefined && (
        <label>
          Scenario
          <select value={chosenScenario} onChange={(e) => setChosenScenario(e.target.value)} data-testid="launch-scenario">
            <option value="">choose a scenario</option>
            {(names.data?.scenarios.items ?? []).map((s) => (
              <option key={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
      )}
      {!fixedTarget && (
        <label>
          On
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="launch-kind">
            <option value="scenario">the scenario's routers or selector</option>
            <option value="routers">routers by hostname</option>
            <option value="fleet">a whole fleet (campaign)</option>
            <option value="selector">a selector (fleet, model, labels)</option>
          </select>
        </label>
      )}
      {!fixedTarget && <TargetFields kind={kind} choice={choice} setChoice={setChoice} fleets={fleetList} />}
      <label>
        Seed <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} placeholder="scenario's" size={10} />
      </label>
      <label>
        Iterations <input type="number" min={1} value={iterations} onChange={(e) => setIterations(e.target.value)} size={5} />
      </label>
      <label title="twin: each router of the twin starts from its stored state (embedded routers from the state their scenario declares); healthy: every router starts healthy">
        Start from
        <select value={start} onChange={(e) => setStart(e.target.value as 'twin' | 'healthy')} data-testid="launch-start">
          <option value="twin">the twin's state</option>
          <option value="healthy">healthy routers</option>
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="launch">
        {busy ? 'Launching…' : 'Launch run'}
      </button>
      {error && <ErrorBox error={error} title="The run was not started" />}
    </form>
  );
}
