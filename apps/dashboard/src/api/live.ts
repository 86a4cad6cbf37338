import { type Client, createClient } from 'graphql-ws';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

/** Close codes after which retrying with the same key is pointless (graphql-ws: 4400 bad request, 4401/4403 auth). */
const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403]);

function closeCode(event: unknown): number | undefined {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number' ? event.code : undefined;
}

/**
 * The WebSocket (graphql-ws protocol) that every live view of the dashboard subscribes through: one per
 * signed-in session, opened at once and kept open, retried with backoff while the api is away. Browsers
 * cannot set headers on a WebSocket, so the key travels in `connection_init`.
 */
export function createLiveClient(key: string, onStatus: (status: LiveStatus) => void): Client {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  let connectedOnce = false;
  return createClient({
    url: `${scheme}://${window.location.host}/graphql`,
    connectionParams: { authorization: `Bearer ${key}` },
    lazy: false,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !FINAL_CLOSE_CODES.has(closeCode(event) ?? 0),
    on: {
      connecting: () => onStatus(connectedOnce ? 'reconnecting' : 'connecting'),
      connected: () => {
        connectedOnce = true;
        onStatus('connected');
      },
      closed: (event) => onStatus(FINAL_CLOSE_CODES.has(closeCode(event) ?? 0) ? 'refused' : 'reconnecting'),
    },
  });
}
