import { bearer, request } from './api.js';

export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly errors?: readonly { field: string; message: string }[]; readonly [k: string]: unknown };
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: readonly GraphqlError[];
}

/** One GraphQL operation over HTTP POST /graphql, with the key as a bearer token when given. */
export async function gql<T = Record<string, any>>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<GraphqlResponse<T>> {
  const res = await request<{ data?: T | null; errors?: GraphqlError[] }>(base, 'POST', '/graphql', { query, variables }, key ? bearer(key) : {});
  if (typeof res.body !== 'object') throw new Error(`/graphql answered ${res.status} ${res.contentType}: ${res.text.slice(0, 300)}`);
  return { status: res.status, data: res.body.data, errors: res.body.errors ?? [] };
}

/** The codes of a response's errors, in order. */
export const codes = (res: GraphqlResponse<unknown>): (string | undefined)[] => res.errors.map((e) => e.extensions?.code);
