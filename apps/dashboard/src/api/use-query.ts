import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../session/session';
import { graphql, type Variables } from './graphql';

export interface QueryState<T> {
  readonly data: T | null;
  readonly error: Error | null;
  readonly loading: boolean;
  /** Fetches again; calls while a fetch is in flight coalesce into one more fetch after it. */
  reload: () => void;
  /** Patches the data in place (live events), without a fetch. */
  update(patch: (data: T) => T): void;
}

interface Options {
  /** Do not fetch (yet). */
  readonly skip?: boolean;
  /** Keep showing the previous data while other variables load (pagination). */
  readonly keepPrevious?: boolean;
}

/**
 * A GraphQL query with the signed-in key, fetched on mount and whenever the query or its variables change,
 * and again after the live connection came back (events may have been missed meanwhile).
 */
export function useQuery<T>(query: string, variables: Variables = {}, options: Options = {}): QueryState<T> {
  const { key, reconnects } = useSession();
  const varsKey = JSON.stringify(variables);
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: !options.skip });
  const generation = useRef(0);
  const inFlight = useRef(false);
  const pending = useRef(false);

  const run = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      pending.current = true;
      return;
    }
    const gen = generation.current;
    inFlight.current = true;
    try {
      const data = await graphql<T>(key, query, JSON.parse(varsKey) as Variables);
      if (gen === generation.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (gen === generation.current) setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
    } finally {
      if (gen === generation.current) {
        inFlight.current = false;
        if (pending.current) {
          pending.current = false;
          void run();
        }
      }
    }
  }, [key, query, varsKey]);

  const skip = options.skip === true;
  const keepPrevious = options.keepPrevious === true;
  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    pending.current = false;
    if (skip) return;
    setState((s) => ({ data: keepPrevious ? s.data : null, error: null, loading: true }));
    void run();
    return () => {
      generation.current += 1;
    };
  }, [run, skip, keepPrevious]);

  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects === seenReconnects.current) return;
    seenReconnects.current = reconnects;
    if (!skip) void run();
  }, [reconnects, run, skip]);

  const reload = useCallback(() => void run(), [run]);
  const update = useCallback((patch: (data: T) => T) => setState((s) => (s.data === null ? s : { ...s, data: patch(s.data) })), []);
  return { ...state, reload, update };
}

/** Calls `reload` whenever `value` changes after the first render (a router's state version, a run's status). */
export function useReloadOn(value: unknown, reload: () => void): void {
  const seen = useRef(value);
  useEffect(() => {
    if (Object.is(seen.current, value)) return;
    seen.current = value;
    reload();
  }, [value, reload]);
}
