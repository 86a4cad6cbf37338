import type { ErrorCode, FieldIssue } from '@asr-twin/domain';

/** Codes raised at the HTTP edge itself, next to the domain's {@link ErrorCode}s. */
export const EDGE_ERROR_CODES = [
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'HTTP_ERROR',
  'INTERNAL_ERROR',
  'PARSE_TIME_LIMIT',
  'PARSE_MEMORY_LIMIT',
  'PARSER_BUSY',
  'TOO_MANY_SOURCES',
] as const;

/** A code raised at the HTTP edge itself. */
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];

/** RFC 9457 problem details, plus the stable `code` and the offending fields. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode | EdgeErrorCode;
  readonly instance?: string;
  readonly errors?: readonly FieldIssue[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ErrorCode | EdgeErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  INVARIANT_VIOLATION: 'Invariant violation',
  SWITCHOVER_REFUSED: 'Switchover refused',
  MALFORMED_REQUEST: 'Malformed request',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  ROUTE_NOT_FOUND: 'No such route',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  UNAUTHENTICATED: 'Unauthenticated',
  FORBIDDEN: 'Forbidden',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  HEADERS_TOO_LARGE: 'Request header fields too large',
  REQUEST_TIMEOUT: 'Request timeout',
  HTTP_ERROR: 'HTTP error',
  INTERNAL_ERROR: 'Internal error',
  PARSE_TIME_LIMIT: 'Parse time limit exceeded',
  PARSE_MEMORY_LIMIT: 'Parse memory limit exceeded',
  PARSER_BUSY: 'Parsers busy',
  TOO_MANY_SOURCES: 'Too many sources',
};

/**
 * An error the HTTP edge raises itself (authentication, authorisation, rate limits), with its status and any
 * headers the answer needs (`WWW-Authenticate`). Services never throw these; guards and hooks do.
 */
export class EdgeError extends Error {
  constructor(
    readonly code: EdgeErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const STATUS_BY_DOMAIN_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 409,
  INVARIANT_VIOLATION: 409,
  SWITCHOVER_REFUSED: 409,
};

export function problem(code: ErrorCode | EdgeErrorCode, status: number, detail: string, instance?: string, errors?: readonly FieldIssue[]): Problem {
  return {
    type: `urn:asr-twin:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code],
    status,
    detail,
    code,
    ...(instance === undefined ? {} : { instance }),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
