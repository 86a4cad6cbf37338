/**
 * How long a request waits for Redis to take a job. Past it (or when Redis is not connected at all) the request
 * answers anyway: the work is committed in PostgreSQL, and the worker's reconciler enqueues it later.
 */
export const ENQUEUE_TIME_LIMIT_MS = 2000;

/** The outcome of a promise that had a time limit. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Waits for `promise` at most `ms` milliseconds. Never rejects: a rejection or a timeout is `{ ok: false }`.
 * The promise itself is not cancelled (a late outcome is ignored); use it where an answer must not wait on a
 * dependency that may hang (Redis or PostgreSQL down), and the work may finish or fail on its own.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: new Error(`no answer within ${ms} ms`) }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => ({ ok: false, error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
