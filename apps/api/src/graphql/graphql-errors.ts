import { DomainError } from '@asr-twin/domain';
import { Logger } from '@nestjs/common';
import { type ExecutionResult, type GraphQLFormattedError, GraphQLError } from 'graphql';
import { isDependencyUnavailable } from '@asr-twin/persistence';
import { EdgeError } from '../common/problem.js';
import { DEPENDENCY_RETRY_AFTER_S, DEPENDENCY_UNAVAILABLE } from '../common/dependency-unavailable.js';

/**
 * Codes of refusals that happen before anything executes (on top of the REST problem codes that execution
 * errors carry): the document does not parse, breaks the schema, or exceeds a limit.
 */
export type GraphqlRequestCode =
  'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'QUERY_TOO_LARGE' | 'TOO_MANY_SOURCES' | 'PAYLOAD_TOO_LARGE';

const REQUEST_CODES: ReadonlySet<string> = new Set<GraphqlRequestCode>([
  'TOO_MANY_SOURCES',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_LARGE',
]);

/** The REST problem codes of the HTTP errors Fastify raises before GraphQL runs (malformed JSON, …). */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'MALFORMED_REQUEST',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const logger = new Logger('graphql');

/** A refusal before execution, with its code and the figures that explain it. */
export function requestError(code: GraphqlRequestCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * The one mapping of errors to GraphQL errors, the counterpart of the REST problem filter: domain errors keep
 * their code and name their offending fields in `extensions.errors`; authentication, authorisation and rate
 * limits keep their REST codes; anything unexpected is logged and hidden behind `INTERNAL_ERROR`.
 */
export function toGraphqlError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError && typeof error.extensions['code'] === 'string') return error;
  if (error instanceof DomainError) {
    const errors = error.issues.length > 0 ? { errors: error.issues } : {};
    return new GraphQLError(error.message, { extensions: { code: error.code, ...errors } });
  }
  if (error instanceof EdgeError) {
    const retryAfter = error.headers['retry-after'];
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(retryAfter === undefined ? {} : { retryAfterSeconds: Number(retryAfter) }) },
    });
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && CODE_BY_STATUS[status] !== undefined) {
    return new GraphQLError((error as Error).message, { extensions: { code: CODE_BY_STATUS[status] } });
  }
  if (isDependencyUnavailable(error)) {
    logger.warn(`dependency unavailable: ${(error as Error).message}`);
    return new GraphQLError(DEPENDENCY_UNAVAILABLE, { extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: Number(DEPENDENCY_RETRY_AFTER_S) } });
  }
  logger.error(error instanceof Error ? error : new Error(String(error)), 'unhandled GraphQL error');
  return new GraphQLError('the server failed to handle the request; it has been logged', { extensions: { code: 'INTERNAL_ERROR' } });
}

/** Errors graphql-js raises itself carry no original error: syntax errors, schema violations, bad variables. */
function ownError(error: GraphQLError): GraphQLError {
  const code = error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { code } });
}

/** One error as the client sees it: located where graphql-js located it, coded as {@link toGraphqlError} maps it. */
function format(error: GraphQLError): GraphQLFormattedError[] {
  const original: unknown = error.originalError;
  // Mercurius wraps validation errors of a whole document in one error with the list in `errors`.
  const wrapped = (original as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(wrapped))
    return wrapped.flatMap((e: unknown) =>
      format(e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message), { originalError: e as Error })),
    );
  if (typeof error.extensions['code'] === 'string') return [error.toJSON()];
  // graphql-js' own errors carry no original error, or another of its errors (a variable's coercion).
  if (original === undefined || original === null || (original instanceof GraphQLError && original.extensions['code'] === undefined)) {
    return [ownError(error).toJSON()];
  }
  const mapped = toGraphqlError(original);
  const located = new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: mapped.extensions,
  });
  return [located.toJSON()];
}

/**
 * Mercurius' error formatter: every error gets its `extensions.code`. A response refused before execution
 * (unparsable, invalid or over a limit: no `data`) answers 400, as a malformed REST request does; 429 and 413
 * keep their status. Errors during execution answer 200 with the partial data, as GraphQL over HTTP wants.
 */
export function formatExecutionErrors(execution: ExecutionResult & { errors: readonly GraphQLError[] }): {
  statusCode: number;
  response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] };
} {
  const errors = execution.errors.flatMap(format);
  const codes = errors.map((e) => String(e.extensions?.['code']));
  let statusCode = 200;
  if (!execution.data) {
    if (codes.includes('RATE_LIMITED')) statusCode = 429;
    else if (codes.some((c) => c === 'PAYLOAD_TOO_LARGE')) statusCode = 413;
    else if (codes.every((c) => REQUEST_CODES.has(c) || c === 'MALFORMED_REQUEST' || c === 'UNSUPPORTED_MEDIA_TYPE')) statusCode = 400;
  }
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
