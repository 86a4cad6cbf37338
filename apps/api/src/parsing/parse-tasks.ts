import { DomainError, type FieldIssue } from '@asr-twin/domain';
import { parseScenario, type ScenarioParseResult } from '@asr-twin/scenario';
import { type ObservationSet, parseObservation } from '../routers/observations/observation-parse.js';

/** Name used for the source text in scenario error messages (`scenario:12:5: …`). */
export const SOURCE_NAME = 'scenario';

/** A domain error as it crosses the thread boundary: structured clone keeps data, not classes. */
export interface DomainErrorData {
  readonly code: DomainError['code'];
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

/** What each task takes and answers; every value is plain data (structured clone). */
export interface ParseTasks {
  /** A scenario source, parsed and validated: the model or every error with its position. Never fails. */
  readonly scenario: { readonly input: string; readonly output: ScenarioParseResult };
  /** A paste of device output: its outputs by command, or the domain error `parseObservation` raised. */
  readonly observation: { readonly input: string; readonly output: ObservationOutcome };
  /** Many pastes at once (a bulk observation, in chunks): one outcome per paste, in order. */
  readonly observations: { readonly input: readonly string[]; readonly output: readonly ObservationOutcome[] };
}

/** A paste of device output read: its outputs by command, or the domain error `parseObservation` raised. */
export type ObservationOutcome = { readonly ok: true; readonly set: ObservationSet } | { readonly ok: false; readonly error: DomainErrorData };

function observe(text: string): ObservationOutcome {
  try {
    return { ok: true, set: parseObservation(text) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, issues: error.issues } };
  }
}

export type ParseTaskName = keyof ParseTasks;

const TASKS: { readonly [K in ParseTaskName]: (input: ParseTasks[K]['input']) => ParseTasks[K]['output'] } = {
  scenario: (source) => parseScenario(source, SOURCE_NAME),
  observation: observe,
  observations: (texts) => texts.map(observe),
};

/** Runs one task: what a parse worker does with each message (and what tests call directly). */
export function runParseTask<K extends ParseTaskName>(task: K, input: ParseTasks[K]['input']): ParseTasks[K]['output'] {
  const run = TASKS[task] as ((input: ParseTasks[K]['input']) => ParseTasks[K]['output']) | undefined;
  if (run === undefined) throw new Error(`unknown parse task "${String(task)}"`);
  return run(input);
}
