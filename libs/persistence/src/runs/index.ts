export * from './run-execution.repository.js';
export * from './run-models.js';
export * from './run.repository.js';
export * from './scenario.repository.js';
export { TypeormRunExecutionRepository } from './typeorm-run-execution.repository.js';
export { TypeormRunRepository } from './typeorm-run.repository.js';
export { TypeormScenarioRepository } from './typeorm-scenario.repository.js';
export { FROZEN_START_SQL, startOfFrozen, type FrozenStart } from './twin-start.sql.js';
