import { ConflictError, InvariantViolationError, PreconditionFailedError, SwitchoverRefusedError, ValidationError, type DomainError } from '@asr-twin/domain';
import { Injectable } from '@nestjs/common';
import type { ObservationSet } from '../routers/observations/observation-parse.js';
import { ParsePool } from './parse-pool.js';
import type { DomainErrorData, ObservationOutcome } from './parse-tasks.js';

/**
 * Characters of device output parsed per task in a bulk observation: large enough that 10,000 routers need few
 * tasks, small enough that each stays far within `PARSE_TIME_LIMIT_MS`.
 */
const CHUNK_CHARS = 1_048_576;

/** The domain error a worker reported, as the class the edges map (its code decides the status). */
export function domainErrorOf(data: DomainErrorData): DomainError {
  switch (data.code) {
    case 'CONFLICT':
      return new ConflictError(data.message, data.issues);
    case 'PRECONDITION_FAILED':
      return new PreconditionFailedError(data.message, data.issues);
    case 'INVARIANT_VIOLATION':
      return new InvariantViolationError(data.message, data.issues);
    case 'SWITCHOVER_REFUSED':
      return new SwitchoverRefusedError(data.message, data.issues);
    // The parsers raise ValidationError only; a NOT_FOUND (no entity here to name) is reported as bad input too.
    case 'NOT_FOUND':
    case 'VALIDATION_FAILED':
      return new ValidationError(data.message, data.issues);
  }
}

/** Reads pastes of device output (`show redundancy`, …) on the parse workers, never on the request thread. */
@Injectable()
export class ObservationParser {
  constructor(private readonly pool: ParsePool) {}

  /** As `parseObservation`, off the request thread: the outputs by command, or the `ValidationError` naming each bad part. */
  async parse(text: string): Promise<ObservationSet> {
    const result = await this.pool.run('observation', text, 'the device output');
    if (!result.ok) throw domainErrorOf(result.error);
    return result.set;
  }

  /** Many pastes (a bulk observation's outputs), one outcome each in order, parsed in chunks one after another. */
  async parseMany(texts: readonly string[]): Promise<ObservationOutcome[]> {
    const outcomes: ObservationOutcome[] = [];
    for (let start = 0; start < texts.length;) {
      let end = start;
      let chars = 0;
      while (end < texts.length && (end === start || chars + (texts[end]?.length ?? 0) <= CHUNK_CHARS)) chars += texts[end++]?.length ?? 0;
      outcomes.push(...(await this.pool.run('observations', texts.slice(start, end), `the device output of ${end - start} items`)));
      start = end;
    }
    return outcomes;
  }
}
