import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { useFleetListLive } from '../api/catalog-events';
import { graphql } from '../api/graphql';
import type { FleetSummary, Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { CHASSIS_MODELS, parseLabels } from '../scenarios/run-target';
import { useSession } from '../session/session';
import { ErrorBox } from '../ui/feedback';
import { CREATE_FORECAST, FORECAST_FLEETS } from './forecast-queries';

const int = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** Starts a forecast of a fleet or a selector with an optional what-if (operators), then opens its page. */
export function ForecastLaunchForm() {
  const { key } = useSession();
  const [, navigate] = useLocation();
  const fleets = useQuery<{ fleets: Page<FleetSummary> }>(FORECAST_FLEETS);
  useFleetListLive(fleets.reload);
  const [fleet, setFleet] = useState('');
  const [model, setModel] = useState('');
  const [labels, setLabels] = useState('');
  const [period, setPeriod] = useState('1y');
  const [trials, setTrials] = useState('200');
  const [seed, setSeed] = useState('1');
  const [redundancy, setRedundancy] = useState('');
  const [rps, setRps] = useState('');
  const [esps, setEsps] = useState('');
  const [psus, setPsus] = useState('');
  const [spares, setSpares] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const whatIf = {
        ...(redundancy ? { redundancy } : {}),
        ...(rps ? { rps: Number(rps) } : {}),
        ...(esps ? { esps: Number(esps) } : {}),
        ...(psus ? { psus: Number(psus) } : {}),
        ...(spares ? { spares: spares === 'true' } : {}),
      };
      const input = {
        ...(fleet ? { fleet } : {}),
        ...(model ? { model } : {}),
        ...(labels.trim() ? { labels: parseLabels(labels) } : {}),
        ...(period.trim() ? { period: period.trim() } : {}),
        ...(int(trials) === undefined ? {} : { trials: int(trials) }),
        ...(int(seed) === undefined ? {} : { seed: int(seed) }),
        ...(Object.keys(whatIf).length > 0 ? { whatIf } : {}),
      };
      const data = await graphql<{ createForecast: { id: string } }>(key, CREATE_FORECAST, { input });
      navigate(`/forecast/${data.createForecast.id}`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  }

  const pick = (label: string, value: string, set: (v: string) => void, options: readonly string[], testId: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">as it is</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="card launch-form forecast-launch" onSubmit={(e) => void submit(e)} data-testid="forecast-launch">
      <h2>Forecast availability</h2>
      <p className="muted small">
        Failures drawn from the rates over the period, each played by the simulator from the router's configuration, with repairs; optionally side by side with
        a changed configuration.
      </p>
      <div className="form-row">
        <label>
          Fleet
          <select value={fleet} onChange={(e) => setFleet(e.target.value)} data-testid="forecast-fleet">
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
      <div className="form-row">
        <label>
          Period <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="1y, 90d, 720h" data-testid="forecast-period" size={6} />
        </label>
        <label>
          Trials <input value={trials} onChange={(e) => setTrials(e.target.value)} inputMode="numeric" data-testid="forecast-trials" size={6} />
        </label>
        <label>
          Seed <input value={seed} onChange={(e) => setSeed(e.target.value)} inputMode="numeric" data-testid="forecast-seed" size={10} />
        </label>
      </div>
      <fieldset className="what-if">
        <legend>What if (compare with)</legend>
        <div className="form-row">
          {pick('Redundancy', redundancy, setRedundancy, ['sso', 'rpr', 'none'], 'whatif-redundancy')}
          {pick('RPs', rps, setRps, ['1', '2'], 'whatif-rps')}
          {pick('ESPs', esps, setEsps, ['1', '2'], 'whatif-esps')}
          {pick('Supplies', psus, setPsus, ['1', '2'], 'whatif-psus')}
          {pick('Spares on site', spares, setSpares, ['true', 'false'], 'whatif-spares')}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="forecast-start">
          Start forecast
        </button>
      </div>
      {error && <ErrorBox error={error} title="The forecast was not started" />}
    </form>
  );
}
