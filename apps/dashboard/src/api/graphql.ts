/** One problem with one input field, as the API names it (`extensions.errors`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An error the API answered (`extensions.code` of a GraphQL error, or the HTTP status), or `NETWORK_ERROR`
 * when the server could not be reached. `message` is the API's own, meant for the user.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

interface GraphqlErrorBody {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly errors?: readonly FieldError[] };
}

export type Variables = Readonly<Record<string, unknown>>;

/** Called with every `UNAUTHENTICATED` answer: the key was revoked while signed in. */
let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Signs out after a `401` answer of the REST API: the key was revoked while signed in. */
export function notifyUnauthenticated(): void {
  onUnauthenticated();
}

/** Whether GraphQL errors (of a query or a subscription) say the key is not accepted; if so, signs out. */
export function checkUnauthenticated(errors: unknown): boolean {
  const refused = Array.isArray(errors) && errors.some((e: { extensions?: { code?: unknown } } | null) => e?.extensions?.code === 'UNAUTHENTICATED');
  if (refused) onUnauthenticated();
  return refused;
}

/**
 * One GraphQL operation over HTTP (`POST /graphql`) with the signed-in key. Resolves to `data`, or rejects
 * with an {@link ApiError} carrying the first error's code and field errors.
 */
export async function graphql<T>(key: string, query: string, variables: Variables = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The server cannot be reached. Is the api running?', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: readonly GraphqlErrorBody[] } | null;
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'GRAPHQL_ERROR');
    if (code === 'UNAUTHENTICATED') onUnauthenticated();
    throw new ApiError(first.message, code, first.extensions?.errors ?? []);
  }
  if (!response.ok || body?.data === undefined || body.data === null) {
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(`The server answered HTTP ${response.status}.`, response.status === 401 ? 'UNAUTHENTICATED' : 'HTTP_ERROR');
  }
  return body.data;
}

/** A file from the REST API (reports, JUnit) with the signed-in key, as a Blob to save. */
export async function restBlob(key: string, path: string): Promise<Blob> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; code?: string } | null;
    throw new ApiError(problem?.detail ?? `The server answered HTTP ${response.status}.`, problem?.code ?? 'HTTP_ERROR');
  }
  return response.blob();
}

/** Offers a Blob as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
