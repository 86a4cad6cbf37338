import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSession } from '../session/session';
import { checkUnauthenticated, type Variables } from './graphql';

/**
 * A GraphQL subscription on the session's WebSocket for as long as the component is mounted (and `enabled`).
 * `onEvent` may change on every render; the subscription is renewed only when the query or variables change.
 */
export function useSubscription<T>(query: string, variables: Variables, onEvent: (data: T) => void, enabled = true): void {
  const { live } = useSession();
  const handler = useRef(onEvent);
  useLayoutEffect(() => {
    handler.current = onEvent;
  });
  const varsKey = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    return live.subscribe<T>(
      { query, variables: JSON.parse(varsKey) as Record<string, unknown> },
      {
        next: (result) => {
          if (checkUnauthenticated(result.errors)) return;
          if (result.data) handler.current(result.data as T);
        },
        // A revoked key ends its subscriptions with UNAUTHENTICATED: sign out. Connection problems show in
        // the header's live indicator, and the client subscribes again when it reconnects.
        error: (error) => void checkUnauthenticated(error),
        complete: () => undefined,
      },
    );
  }, [live, query, varsKey, enabled]);
}
