import { describe, expect, it } from 'vitest';
import { WORKER_INITIAL_OLD_SPACE_MB, WORKER_MAX_OLD_SPACE_MB, WORKER_MAX_SEMI_SPACE_MB, workerNodeFlags } from '../../scripts/worker-node-flags.mjs';

describe('the flags every launcher gives the worker', () => {
  const OLD = `--max-old-space-size=${WORKER_MAX_OLD_SPACE_MB}`;
  const SEMI = `--max-semi-space-size=${WORKER_MAX_SEMI_SPACE_MB}`;
  const INITIAL = `--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`;

  it('cap the old space, widen the semi-spaces and start the old space large by default', () => {
    expect(workerNodeFlags({})).toEqual([OLD, SEMI, INITIAL]);
  });

  it('leave out each flag that NODE_OPTIONS already sets, and only that one', () => {
    expect(workerNodeFlags({ NODE_OPTIONS: '--max-old-space-size=1024' })).toEqual([SEMI, INITIAL]);
    expect(workerNodeFlags({ NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=16' })).toEqual([OLD, INITIAL]);
    expect(workerNodeFlags({ NODE_OPTIONS: '--initial-old-space-size=64' })).toEqual([OLD, SEMI]);
    expect(workerNodeFlags({ NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=1024 --initial-old-space-size=64' })).toEqual([]);
  });
});
