import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../api/types';
import { eventPercent, withProgress } from './run-progress';

const run: RunSummary = {
  id: 'r1',
  scenario: 's',
  status: 'running',
  verdict: null,
  iterations: 1,
  start: 'twin',
  target: { kind: 'scenario' },
  progress: { routersDone: 2000, routerCount: 10_000, shards: 10, percent: 20 },
  createdBy: 'key:ops',
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
};

describe('run progress events', () => {
  it('computes percent from routers done, 100 once completed', () => {
    expect(eventPercent({ runId: 'r1', status: 'running', routersDone: 2500, routerCount: 10_000, verdict: null, deleted: false })).toBe(25);
    expect(eventPercent({ runId: 'r1', status: 'queued', routersDone: 0, routerCount: null, verdict: null, deleted: false })).toBe(0);
    expect(eventPercent({ runId: 'r1', status: 'completed', routersDone: 0, routerCount: 0, verdict: 'pass', deleted: false })).toBe(100);
  });

  it('patches the matching run only, and ignores stale events', () => {
    const next = withProgress(run, { runId: 'r1', status: 'running', routersDone: 5000, routerCount: 10_000, verdict: null, deleted: false });
    expect(next.progress).toMatchObject({ routersDone: 5000, percent: 50 });
    expect(withProgress(run, { runId: 'r2', status: 'running', routersDone: 5000, routerCount: 10_000, verdict: null, deleted: false })).toBe(run);
    expect(withProgress(run, { runId: 'r1', status: 'running', routersDone: 1000, routerCount: 10_000, verdict: null, deleted: false })).toBe(run);
    const done = withProgress(run, { runId: 'r1', status: 'completed', routersDone: 10_000, routerCount: 10_000, verdict: 'fail', deleted: false });
    expect(done).toMatchObject({ status: 'completed', verdict: 'fail', progress: { percent: 100 } });
    // A late event of an earlier stage never takes a finished run back.
    expect(withProgress(done, { runId: 'r1', status: 'running', routersDone: 9000, routerCount: 10_000, verdict: null, deleted: false })).toBe(done);
    expect(withProgress(done, { runId: 'r1', status: 'completed', routersDone: 10_000, routerCount: 10_000, verdict: 'fail', deleted: false })).toBe(done);
  });
});
