import type { ApiKeyService } from '@asr-twin/persistence';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { authenticate } from '../auth/api-key.hook.js';

/** Limits of GraphQL WebSockets (configuration: `WS_*`). */
export interface WebSocketLimitsConfig {
  readonly initTimeoutMs: number;
  readonly maxSubscriptionsPerConnection: number;
  readonly maxConnectionsPerKey: number;
}

/** Close codes (application range 4000–4999; 4408 and 4401 as graphql-ws uses them). */
export const WS_CLOSE = {
  INIT_TIMEOUT: 4408,
  UNAUTHORIZED: 4401,
  TOO_MANY_CONNECTIONS: 4429,
  TRY_AGAIN_LATER: 1013,
} as const;

/** The subscriptions one connection holds, shared by its operations' contexts. */
export interface SubscriptionSlots {
  active: number;
  readonly max: number;
}

/** Takes a slot for a new subscription, or refuses it with `TOO_MANY_SUBSCRIPTIONS`. */
export function takeSubscriptionSlot(slots: SubscriptionSlots | undefined): void {
  if (slots === undefined) return;
  if (slots.active >= slots.max) {
    throw new GraphQLError(`this connection already holds ${slots.max} subscriptions, the limit (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one first`, {
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: slots.max },
    });
  }
  slots.active++;
}

/** The events of `source`; the slot taken for it is given back when it ends, however it ends. */
export async function* releasingSlot<T>(source: AsyncIterable<T>, slots: SubscriptionSlots | undefined): AsyncGenerator<T> {
  try {
    yield* source;
  } finally {
    if (slots !== undefined) slots.active--;
  }
}

function authorizationOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const payload = (message as { payload?: unknown }).payload;
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)['authorization'] ?? (payload as Record<string, unknown>)['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Bounds what a GraphQL WebSocket may hold, whatever Mercurius does with its messages:
 * - a connection that has not sent `connection_init` within `initTimeoutMs` is closed with 4408;
 * - a connection whose `connection_init` (or upgrade request) carries no valid key is closed with 4401 after as
 *   long: its subscriptions are refused anyway (`UNAUTHENTICATED`), and the grace lets it read why;
 * - a key holds at most `maxConnectionsPerKey` connections on this process; one more is closed with 4429.
 * A key that cannot be checked (PostgreSQL down) closes the connection with 1013 (try again later).
 */
export function installWebSocketLimits(fastify: FastifyInstance, path: string, keys: ApiKeyService, limits: WebSocketLimitsConfig): void {
  const perKey = new Map<string, number>();
  const watch = (socket: WebSocket, request: IncomingMessage): void => {
    let keyId: string | null = null;
    let closed = false;
    const close = (code: number, reason: string) => {
      if (!closed && socket.readyState === socket.OPEN) socket.close(code, reason);
    };
    let timer: NodeJS.Timeout | undefined = setTimeout(() => close(WS_CLOSE.INIT_TIMEOUT, 'Connection initialisation timeout'), limits.initTimeoutMs);
    const onMessage = (data: Buffer | string) => {
      let message: unknown;
      try {
        message = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
      } catch {
        return; // Mercurius answers it.
      }
      if ((message as { type?: unknown } | null)?.type !== 'connection_init') return;
      socket.off('message', onMessage);
      clearTimeout(timer);
      timer = undefined;
      void authenticate(authorizationOf(message) ?? request.headers.authorization, keys).then((auth) => {
        if (closed) return;
        if (auth.kind === 'failed') return close(WS_CLOSE.TRY_AGAIN_LATER, 'The API key could not be checked; retry shortly');
        if (auth.kind !== 'key') {
          timer = setTimeout(() => close(WS_CLOSE.UNAUTHORIZED, 'Unauthorized: no valid API key'), limits.initTimeoutMs);
          return;
        }
        const held = perKey.get(auth.key.id) ?? 0;
        if (held >= limits.maxConnectionsPerKey)
          return close(WS_CLOSE.TOO_MANY_CONNECTIONS, `Too many connections for this API key (${limits.maxConnectionsPerKey})`);
        keyId = auth.key.id;
        perKey.set(keyId, held + 1);
      });
    };
    socket.on('message', onMessage);
    socket.once('close', () => {
      closed = true;
      clearTimeout(timer);
      if (keyId === null) return;
      const left = (perKey.get(keyId) ?? 1) - 1;
      if (left <= 0) perKey.delete(keyId);
      else perKey.set(keyId, left);
    });
  };
  // Mercurius declares its WebSocket handler on the GraphQL route (in a context of its own, where the WebSocket
  // server is not visible from here): wrapped as the route is registered, it sees every connection first.
  fastify.addHook('onRoute', (route) => {
    const options = route as { url: string; wsHandler?: (this: unknown, socket: WebSocket, request: FastifyRequest) => unknown };
    const original = options.wsHandler;
    if (options.url !== path || typeof original !== 'function') return;
    options.wsHandler = function (this: unknown, socket: WebSocket, request: FastifyRequest) {
      watch(socket, request.raw);
      return original.call(this, socket, request);
    };
  });
}
