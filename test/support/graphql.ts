import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped answers by default: specs read the fields they assert on
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

/** A graphql-ws client (protocol graphql-transport-ws) on `/graphql`, the key in the `connection_init` payload. */
export function wsClient(base: string, key?: string): Client {
  return createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
  });
}

export interface Subscription<T> {
  /** Events received so far. */
  readonly events: T[];
  /** Errors the server sent for the subscription (it ends after them). */
  readonly errors: GraphqlError[];
  /** Resolves when the subscription ends (completed, or refused with errors). */
  readonly ended: Promise<void>;
  /** Resolves with the first event that satisfies `predicate` (or rejects after `timeoutMs`). */
  waitFor(predicate: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}

/** Subscribes and records what arrives; `field` is the subscription field whose values are collected. */
export function subscribe<T>(client: Client, query: string, field: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const events: T[] = [];
  const errors: GraphqlError[] = [];
  const waiters = new Set<() => void>();
  let stop: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    stop = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) errors.push(...(value.errors as GraphqlError[]));
          if (value.data?.[field] !== undefined) events.push(value.data[field] as T);
          for (const wake of waiters) wake();
        },
        error: (error) => {
          if (Array.isArray(error)) errors.push(...(error as GraphqlError[]));
          else errors.push({ message: error instanceof Error ? error.message : `closed: ${String((error as { code?: number }).code ?? error)}` });
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  const waitFor = (predicate: (event: T) => boolean, timeoutMs = 30_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)} and errors ${JSON.stringify(errors)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { events, errors, ended, waitFor, stop: () => stop() };
}
