import { FAULTS } from '@asr-twin/domain';
import { forceSwitchover, reload, repair, REPAIR_SCOPE } from './action-handlers.js';
import { emit, espName, hostName, instanceName, resolveEsp, resolveHost, resolveInstance, schedule } from './engine-core.js';
import { espFailure, hostKernelPanic, hostOom, iosdCrash, iosdHang, powerLoss, psuFailure, rpFailure, vmCrash } from './fault-handlers.js';
import { startIssu } from './issu-driver.js';
import { configSyncFailure, imageMismatch, ipcLoss } from './redundancy-faults.js';
import { OP, OP_NAMES, type CompiledStep, type StepLevel } from './scenario-plan.js';
import { EV, type SimState, type TimelineEntry } from './sim-state.js';

type Level = StepLevel;

function resolve(s: SimState, step: CompiledStep, level: Level): number {
  if (level === 'instance') return resolveInstance(s, step.target, step.index);
  if (level === 'host') return resolveHost(s, step.target, step.index);
  if (level === 'esp') return resolveEsp(s, step.target, step.index);
  if (level === 'psu') return step.index;
  return 0;
}

function componentName(s: SimState, level: Level, index: number): string {
  if (index < 0 || level === 'router') return 'router';
  if (level === 'instance') return instanceName(s, index);
  if (level === 'psu') return `P${index}`;
  return level === 'host' ? hostName(index) : espName(index);
}

function apply(s: SimState, step: CompiledStep, level: Level, x: number): string | null {
  switch (step.op) {
    case OP['iosd-crash']:
      return iosdCrash(s, x);
    case OP['iosd-hang']:
      return iosdHang(s, x);
    case OP['vm-crash']:
      return vmCrash(s, x);
    case OP['host-kernel-panic']:
      return hostKernelPanic(s, x);
    case OP['host-oom']:
      return hostOom(s, x);
    case OP['rp-failure']:
      return rpFailure(s, x);
    case OP['esp-failure']:
      return espFailure(s, x);
    case OP['power-loss']:
      return powerLoss(s);
    case OP['psu-failure']:
      return psuFailure(s, x);
    case OP['config-sync-failure']:
      return configSyncFailure(s, x);
    case OP['ipc-loss']:
      return ipcLoss(s);
    case OP['image-mismatch']:
      return imageMismatch(s, x, step.version);
    case OP['force-switchover']:
      return forceSwitchover(s);
    case OP.reload:
      return reload(s, x, level === 'router');
    case OP.issu:
      return startIssu(s, step.issu as NonNullable<CompiledStep['issu']>);
    default: {
      const scope =
        level === 'router'
          ? REPAIR_SCOPE.ROUTER
          : level === 'host'
            ? REPAIR_SCOPE.HOST
            : level === 'esp'
              ? REPAIR_SCOPE.ESP
              : level === 'psu'
                ? REPAIR_SCOPE.PSU
                : REPAIR_SCOPE.INSTANCE;
      return repair(s, scope, x);
    }
  }
}

/**
 * `EV.STEP`: fires scenario step `k`. The target resolves now (`active`/`standby` are whatever holds those
 * roles at this instant). The step is recorded on the timeline first, then its consequences; a step that
 * cannot apply (no such role now, nothing to repair) or is refused keeps its entry with the reason in `to`.
 */
export function fireStep(s: SimState, k: number): void {
  const step = s.steps[k] as CompiledStep;
  if (k === s.refStep) s.tRef = s.now;
  const level = step.level;
  const x = resolve(s, step, level);
  const at = s.timeline === null ? -1 : s.timeline.length;
  const event = `${step.op < FAULTS.length ? 'fault' : 'action'}:${OP_NAMES[step.op] as string}`;
  if (at >= 0) emit(s, componentName(s, level, x), event, null, null);
  const outcome =
    x < 0
      ? 'target does not resolve now (no unit holds that role)'
      : level === 'esp' && x >= s.espCount
        ? `ESP ${espName(x)} is not installed (the router holds ${s.espCount} ESP)`
        : apply(s, step, level, x);
  if (outcome !== null && at >= 0) {
    const refusable = step.op === OP['force-switchover'] || step.op === OP.issu;
    const entry = (s.timeline as TimelineEntry[])[at] as TimelineEntry;
    (s.timeline as TimelineEntry[])[at] = { ...entry, to: `${refusable ? 'refused' : 'skipped'}: ${outcome}` };
  }
  const next = k + 1;
  if (next < s.steps.length) {
    schedule(s, Math.max(0, (s.steps[next] as CompiledStep).atMs - s.now), EV.STEP, next, 0);
  }
}
