import type { RunProgressEvent, RunStatus, RunSummary } from '../api/types';

/** Percent done of a progress event: routers done of the total (100 once the run completed). */
export function eventPercent(event: RunProgressEvent): number {
  if (event.status === 'completed') return 100;
  if (!event.routerCount) return 0;
  return Math.min(100, (100 * event.routersDone) / event.routerCount);
}

const STAGE: Readonly<Record<RunStatus, number>> = { queued: 0, running: 1, completed: 2, failed: 2, cancelled: 2 };

/**
 * A run with the progress an event reports. Events older than what the run shows (an earlier stage, or fewer
 * routers done) are ignored, so events and fetched snapshots can arrive in any order.
 */
export function withProgress<T extends RunSummary>(run: T, event: RunProgressEvent): T {
  if (run.id !== event.runId) return run;
  const stage = STAGE[event.status] - STAGE[run.status];
  if (stage < 0 || (stage === 0 && event.routersDone < run.progress.routersDone)) return run;
  if (stage === 0 && event.routersDone === run.progress.routersDone && event.status === run.status) return run;
  return {
    ...run,
    status: event.status,
    verdict: event.verdict ?? run.verdict,
    progress: { ...run.progress, routersDone: event.routersDone, routerCount: event.routerCount ?? run.progress.routerCount, percent: eventPercent(event) },
  };
}
