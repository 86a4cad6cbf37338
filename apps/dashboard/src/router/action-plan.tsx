import type * as S from '../api/schema-types.generated.js';
import { useQuery, useReloadOn } from '../api/use-query';
import { HealthBadge } from '../ui/badges';
import { ErrorBox } from '../ui/feedback';
import { formatCountdown, formatDateTime, formatDuration, formatRelative } from '../ui/format';
import { useNow } from '../ui/use-now';
import { ROUTER_ACTION } from './router-queries';

type PlannedStep = S.RouterActionStep;

/** A router's last action with its plan (the generated schema type); `status` is pending, completed or cancelled. */
export type RouterActionPlan = Omit<S.RouterAction, 'status'> & { readonly status: 'pending' | 'completed' | 'cancelled' };

function StepRow({ step, now }: { readonly step: PlannedStep; readonly now: number }) {
  return (
    <li className={step.applied ? 'step-applied' : 'step-pending'} data-testid="plan-step" data-applied={step.applied}>
      <span className="step-when">
        <time dateTime={step.at} title={formatDateTime(step.at)}>
          {step.applied ? `done ${formatRelative(step.at, now)}` : `due ${formatRelative(step.at, now)}`}
        </time>
        <span className="muted"> (+{formatDuration(step.afterMs)})</span>
      </span>{' '}
      <span className="mono small">{step.summary}</span> <HealthBadge health={step.health} />
    </li>
  );
}

function Redundancy({ plan, now }: { readonly plan: RouterActionPlan; readonly now: number }) {
  if (plan.redundancyAt === null) {
    return <p data-testid="plan-redundancy">No step of this plan brings the router back to protected.</p>;
  }
  const back = plan.steps.find((s) => s.at === plan.redundancyAt);
  if (plan.status === 'completed' || back?.applied) {
    return (
      <p data-testid="plan-redundancy">
        Redundancy came back{' '}
        <time dateTime={plan.redundancyAt} title={formatDateTime(plan.redundancyAt)}>
          {formatRelative(plan.redundancyAt, now)}
        </time>
        , {formatDuration(plan.redundancyAfterMs)} after the switchover.
      </p>
    );
  }
  return (
    <p data-testid="plan-redundancy">
      Expected time to redundancy: <b>{formatDuration(plan.redundancyAfterMs)}</b> after the switchover, at{' '}
      <time dateTime={plan.redundancyAt}>{formatDateTime(plan.redundancyAt)}</time> —{' '}
      <span className="countdown" data-testid="plan-countdown" role="timer" aria-live="off">
        {formatCountdown(plan.redundancyAt, now)}
      </span>{' '}
      left.
    </p>
  );
}

/**
 * The router's latest operator action with its plan: each later transition with its due time (live, relative),
 * whether the worker applied it and the health it leaves, and the expected time to redundancy with a countdown.
 * Reloads when `version` (the router's state version) moves, i.e. when a step is applied.
 */
export function ActionPlan({ routerId, version }: { readonly routerId: string; readonly version: number }) {
  const query = useQuery<{ router: { lastAction: RouterActionPlan | null } | null }>(ROUTER_ACTION, { id: routerId }, { keepPrevious: true });
  useReloadOn(version, query.reload);
  const now = useNow(1000);
  if (query.error) return <ErrorBox error={query.error} title="The switchover plan could not be loaded" />;
  const plan = query.data?.router?.lastAction ?? null;
  if (!plan) return null;
  const title = plan.status === 'pending' ? 'Switchover in progress' : 'Last switchover';
  return (
    <div className="card action-plan" data-testid="action-plan" data-status={plan.status}>
      <h2>{title}</h2>
      <p className="muted small">
        {plan.kind} by <span className="mono">{plan.actor}</span>,{' '}
        <time dateTime={plan.startedAt} title={formatDateTime(plan.startedAt)}>
          {formatRelative(plan.startedAt, now)}
        </time>{' '}
        · {plan.status}
        {plan.timeScale !== 1 && ` · delays × ${plan.timeScale}`}
      </p>
      {plan.cancelReason && <p className="small">Rest of the plan dropped: {plan.cancelReason}</p>}
      <Redundancy plan={plan} now={now} />
      {plan.steps.length > 0 && (
        <ol className="plan-steps" aria-label="steps of the plan">
          {plan.steps.map((s) => (
            <StepRow key={s.step} step={s} now={now} />
          ))}
        </ol>
      )}
    </div>
  );
}
