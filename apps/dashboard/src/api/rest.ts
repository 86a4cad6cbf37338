import { ApiError, type FieldError, notifyUnauthenticated } from './graphql';

/** The REST API's prefix; the dashboard is served from the same origin. */
export const REST_PREFIX = '/api/v1';

interface Problem {
  readonly detail?: string;
  readonly title?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly field?: string; readonly message?: string; readonly line?: number }[];
}

export interface RestBody {
  /** A JSON value (sent as `application/json`) or text with its media type (`text/csv`, `text/plain`). */
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

/**
 * One REST call with the signed-in key: resolves to the parsed JSON answer (`null` for 204), or rejects with an
 * {@link ApiError} carrying the problem document's `detail`, `code` and field `errors`, so forms can show each
 * field's message next to it. Used where GraphQL has no mutation (one router, keys, a single observation) and for
 * the management pages, so that their errors are the REST API's own.
 */
export async function rest<T>(key: string, method: string, path: string, body?: RestBody): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${key}` };
  let payload: string | undefined;
  if (body?.text !== undefined) {
    headers['content-type'] = body.contentType ?? 'text/plain';
    payload = body.text;
  } else if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  }
  let response: Response;
  try {
    response = await fetch(`${REST_PREFIX}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  } catch {
    throw new ApiError('The server cannot be reached. Is the api running?', 'NETWORK_ERROR');
  }
  if (response.status === 204) return null as T;
  const answer = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return answer as T;
  if (response.status === 401) notifyUnauthenticated();
  const problem = (answer ?? {}) as Problem;
  const fields: FieldError[] = (problem.errors ?? []).map((e) => ({
    field: e.field ?? 'body',
    message: e.line !== undefined && !/\bline\b/.test(e.message ?? '') ? `line ${e.line}: ${e.message ?? ''}` : (e.message ?? ''),
  }));
  throw new ApiError(problem.detail ?? problem.title ?? `The server answered HTTP ${response.status}.`, problem.code ?? `HTTP_${response.status}`, fields);
}

/** The message the API gave for `field` (or a nested field of it: `generate.count` for `count`), if any. */
export function fieldMessage(error: Error | null, ...fields: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return null;
  const hit = error.fieldErrors.find((f) => fields.some((name) => f.field === name || f.field.endsWith(`.${name}`)));
  return hit?.message ?? null;
}
