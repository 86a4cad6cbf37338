import type { RunProgressEvent, RunSummary } from '../api/types';

/** Percent done of a progress event: routers done of the total (100 once the run completed). */
export function eventPercent(event: RunProgressEvent): number {
  if (event.status === 'completed') return 100;
  if (!event.routerCount) return 0;
  return Math.min(100, (100 * event.routersDone) / event.routerCount);
}

/** A run with the progress an event reports; events older than what the run shows (fewer routers done) are ignored. */
export function withProgress<T extends RunSummary>(run: T, event: RunProgressEvent): T {
  if (run.id !== event.runId) return run;
  if (event.routersDone < run.progress.routersDone && event.status === run.status) return run;
  return {
    ...run,
    status: event.status,
    verdict: event.verdict ?? run.verdict,
    progress: { ...run.progress, routersDone: event.routersDone, routerCount: event.routerCount ?? run.progress.routerCount, percent: eventPercent(event) },
  };
}
