/**
 * Stable error codes. Clients may switch on them; they never change meaning. Each edge (REST, GraphQL, CLI)
 * maps them once: REST to `application/problem+json` with the code, GraphQL to `extensions.code`, the CLI
 * to an exit code.
 */
export const ERROR_CODES = ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED', 'INVARIANT_VIOLATION', 'SWITCHOVER_REFUSED'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one part of the input: where (a JSON pointer-like path or field name) and why. */
export interface FieldIssue {
  /** Path of the offending value, e.g. `routers.3.hostname` or `generate.count`. */
  readonly field: string;
  readonly message: string;
  /** 1-based position in a source text the request carried (a scenario file), when the issue has one. */
  readonly line?: number;
  readonly column?: number;
  /** A finer, stable code for the issue (e.g. a scenario error code such as `unknown-fault`). */
  readonly code?: string;
}

/** Base of every error the domain and the services raise on purpose. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule; `issues` names each offending field. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED' as const;
}

/** The addressed entity does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
  }
}

/** The request conflicts with existing state, e.g. a hostname that is already taken. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** The entity is not in a state that allows the operation, e.g. a switchover to a peer that is not ready. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED' as const;
}

/** A model invariant would be broken, e.g. two ACTIVE IOS instances on one router. */
export class InvariantViolationError extends DomainError {
  readonly code = 'INVARIANT_VIOLATION' as const;
}

/**
 * The router refused a switchover, as IOS-XE does (simplex, no ACTIVE unit, a peer that is not STANDBY COLD or
 * STANDBY HOT): the message quotes the router's reason, e.g.
 * `Manual Swact = disabled (system is simplex (no peer unit))`. Nothing changed.
 */
export class SwitchoverRefusedError extends DomainError {
  readonly code = 'SWITCHOVER_REFUSED' as const;
}
