export { simulateBatch, type BatchOptions, type BatchOutcome } from './batch.js';
export { evaluateExpectations, routerVerdict } from './expectations.js';
export { hashString, iterationSeed, nextFloat, routerSeed, seedOfIteration, seedRng, type RngState } from './prng.js';
export { runScenario, type RunOptions } from './report.js';
export type { ExpectationResult, FinalInstance, InstanceRole, Report, RouterMetrics, RouterResult, RouterRun, TimelineEntry, Verdict } from './report-types.js';
export { VERDICTS } from './report-types.js';
export { compilePlan, type CompiledStep, type ScenarioPlan } from './scenario-plan.js';
export type { SimState } from './sim-state.js';
export { stepOnce } from './engine.js';
export {
  advance,
  createFromPlan,
  createSimulation,
  DEFAULT_SEED,
  finish,
  runSeedOf,
  simulateRouter,
  step,
  type SimulateOptions,
  type StepOutcome,
} from './simulation.js';
export { routerStateAt, snapshotRouter, type InstanceSnapshot, type IssuSnapshot, type RouterSnapshot } from './snapshot.js';
export {
  manualSwitchoverRefusal,
  playTwinAction,
  type ActionPhase,
  type TwinActionName,
  type TwinActionOptions,
  type TwinActionOutcome,
} from './twin-action.js';
export { twinStart, type TwinRouterInput } from './twin-start.js';
export { auditBatch, type AuditBatchOptions, type AuditBatchOutcome, type AuditCellOutcome, type AuditRouterOutcome } from './audit-batch.js';
