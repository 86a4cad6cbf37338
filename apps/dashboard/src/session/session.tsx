import type { Client } from 'graphql-ws';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, setUnauthenticatedHandler } from '../api/graphql';
import { createLiveClient, type LiveStatus } from '../api/live';
import type { Me } from '../api/types';
import { storedKey, storeKey } from './key-storage';
import { type Capability, may } from './roles';
import { SignInPage } from './sign-in-page';
import { whoIs } from './who-is';

export interface Session {
  readonly key: string;
  readonly me: Me;
  /** The WebSocket every subscription goes through. */
  readonly live: Client;
  readonly liveStatus: LiveStatus;
  /** Counts reconnections of the WebSocket: views reload what they show when it changes (events may be lost). */
  readonly reconnects: number;
  may(capability: Capability): boolean;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only rendered below {@link SessionRoot} once signed in. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in SessionRoot');
  return session;
}

type State =
  | { readonly kind: 'checking'; readonly key: string }
  | { readonly kind: 'signed-out'; readonly notice: string | null }
  | { readonly kind: 'signed-in'; readonly key: string; readonly me: Me };

function initialState(): State {
  const key = storedKey();
  return key === null ? { kind: 'signed-out', notice: null } : { kind: 'checking', key };
}

/**
 * Holds the sign-in: shows the sign-in page until a key is accepted, then its children with the session.
 * A key kept from earlier in this tab is checked again first; a key the API stops accepting (revoked)
 * signs the user out with a notice.
 */
export function SessionRoot({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<State>(initialState);

  const signOut = useCallback((notice: string | null = null) => {
    storeKey(null);
    setState({ kind: 'signed-out', notice });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => signOut('The API no longer accepts this key. Sign in again.'));
  }, [signOut]);

  useEffect(() => {
    if (state.kind !== 'checking') return;
    let cancelled = false;
    whoIs(state.key).then(
      (me) => !cancelled && setState({ kind: 'signed-in', key: state.key, me }),
      (error: unknown) => {
        if (cancelled) return;
        const reachable = !(error instanceof ApiError && error.code === 'NETWORK_ERROR');
        if (reachable) storeKey(null);
        setState({ kind: 'signed-out', notice: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [state]);

  if (state.kind === 'checking') return <p className="page-note">Signing in…</p>;
  if (state.kind === 'signed-out') {
    return (
      <SignInPage
        notice={state.notice}
        onSignedIn={(key, me) => {
          storeKey(key);
          setState({ kind: 'signed-in', key, me });
        }}
      />
    );
  }
  return (
    <LiveSession key={state.key} apiKey={state.key} me={state.me} signOut={() => signOut()}>
      {children}
    </LiveSession>
  );
}

function LiveSession(props: { readonly apiKey: string; readonly me: Me; readonly signOut: () => void; readonly children: ReactNode }) {
  const { apiKey, me, signOut, children } = props;
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [reconnects, setReconnects] = useState(0);
  const [live, setLive] = useState<Client | null>(null);

  useEffect(() => {
    let seen = false;
    const client = createLiveClient(apiKey, (status) => {
      setLiveStatus(status);
      if (status === 'connected') {
        if (seen) setReconnects((n) => n + 1);
        seen = true;
      }
    });
    setLive(client);
    return () => {
      void client.dispose();
    };
  }, [apiKey]);

  const session = useMemo<Session | null>(
    () => (live === null ? null : { key: apiKey, me, live, liveStatus, reconnects, may: (c: Capability) => may(me.role, c), signOut }),
    [apiKey, me, live, liveStatus, reconnects, signOut],
  );
  if (session === null) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
