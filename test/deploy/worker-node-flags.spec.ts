import { describe, expect, it } from 'vitest';
import { WORKER_MAX_OLD_SPACE_MB, WORKER_MAX_SEMI_SPACE_MB, workerNodeFlags } from '../../scripts/worker-node-flags.mjs';

describe('the flags every launcher gives the worker', () => {
  it('cap the old space and widen the semi-spaces by default', () => {
    expect(workerNodeFlags({})).toEqual([`--max-old-space-size=${WORKER_MAX_OLD_SPACE_MB}`, `--max-semi-space-size=${WORKER_MAX_SEMI_SPACE_MB}`]);
  });

  it('leave out each flag that NODE_OPTIONS already sets, and only that one', () => {
    expect(workerNodeFlags({ NODE_OPTIONS: '--max-old-space-size=1024' })).toEqual([`--max-semi-space-size=${WORKER_MAX_SEMI_SPACE_MB}`]);
    expect(workerNodeFlags({ NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=16' })).toEqual([`--max-old-space-size=${WORKER_MAX_OLD_SPACE_MB}`]);
    expect(workerNodeFlags({ NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=1024' })).toEqual([]);
  });
});
