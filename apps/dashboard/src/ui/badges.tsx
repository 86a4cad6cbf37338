import type { Freshness, Health, RunStatus, Verdict } from '../api/types';

const HEALTH_TITLE: Readonly<Record<Health, string>> = {
  protected: 'Protected: the peer IOS instance is STANDBY HOT (SSO)',
  degraded: 'Degraded: the peer is below STANDBY HOT, or the router runs RPR or simplex',
  down: 'Down: no IOS instance is ACTIVE, or no ESP forwards',
};

export function HealthBadge({ health }: { readonly health: Health }) {
  return (
    <span className={`badge health-${health}`} title={HEALTH_TITLE[health]}>
      {health}
    </span>
  );
}

const FRESHNESS_TITLE: Readonly<Record<Freshness, string>> = {
  fresh: 'Fresh: real device output was observed recently',
  stale: 'Stale: the last observation is older than OBSERVATION_STALE_AFTER',
  never: 'Never observed: the twin holds no real device output of this router',
};

/** How current a router is; the title says when it was last observed. */
export function FreshnessBadge({ freshness, observedAt }: { readonly freshness: Freshness; readonly observedAt: string | null }) {
  const title = observedAt ? `${FRESHNESS_TITLE[freshness]} (last observed ${observedAt})` : FRESHNESS_TITLE[freshness];
  return (
    <span className={`badge freshness-${freshness}`} title={title}>
      {freshness}
    </span>
  );
}

export function StatusBadge({ status }: { readonly status: RunStatus }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}

export function VerdictBadge({ verdict }: { readonly verdict: Verdict | null }) {
  if (verdict === null) return <span className="muted">—</span>;
  return <span className={`badge verdict-${verdict}`}>{verdict}</span>;
}

/** A run's progress; `percent` from 0 to 100. */
export function ProgressBar({ percent, label }: { readonly percent: number; readonly label: string }) {
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} aria-label={label}>
      <div className="progress-fill" style={{ width: `${clamped}%` }} />
      <span className="progress-text">{Math.floor(clamped)} %</span>
    </div>
  );
}
