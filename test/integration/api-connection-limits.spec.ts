import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

/**
 * Timeouts and caps on connections (HTTP_REQUEST_TIMEOUT_S, HTTP_HEADERS_TIMEOUT_S, WS_INIT_TIMEOUT_S,
 * WS_MAX_SUBSCRIPTIONS_PER_CONNECTION, WS_MAX_CONNECTIONS_PER_KEY), set low here so that a client that sends
 * slowly, never initialises or holds too much is seen to be closed.
 */

let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url, {
    HTTP_REQUEST_TIMEOUT_S: '2',
    HTTP_HEADERS_TIMEOUT_S: '1',
    WS_INIT_TIMEOUT_S: '1',
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    WS_MAX_CONNECTIONS_PER_KEY: '2',
  });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** Writes `first`, then one byte of `drip` per 300 ms; resolves with what the server answered and when it closed. */
function slowClient(first: string, drip: string): Promise<{ answer: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(api.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answer = '';
    let i = 0;
    const socket = connect(Number(port), hostname, () => socket.write(first));
    const timer = setInterval(() => {
      if (i < drip.length && !socket.destroyed) socket.write(drip[i++] as string);
    }, 300);
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    socket.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
  });
}

describe('slow requests', () => {
  it('answers a body sent too slowly with 408 REQUEST_TIMEOUT and closes the connection', async () => {
    const head = `POST /api/v1/fleets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    const { answer, closedAfterMs } = await slowClient(head, '{"name":"slow"'.padEnd(200, ' '));
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    expect(closedAfterMs).toBeGreaterThanOrEqual(1900);
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('closes a client that never finishes its headers', async () => {
    const { answer, closedAfterMs } = await slowClient('GET /health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: '.padEnd(60, 'y'));
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(closedAfterMs).toBeLessThan(4000);
  });
});

interface Socket {
  readonly ws: WebSocket;
  readonly messages: Record<string, unknown>[];
  readonly closed: Promise<{ code: number; reason: string; afterMs: number }>;
  send(message: unknown): void;
  next(type: string, id?: string): Promise<Record<string, unknown>>;
}

function open(): Promise<Socket> {
  const started = Date.now();
  const ws = new WebSocket(`${api.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse((data as Buffer).toString()) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string; afterMs: number }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), afterMs: Date.now() - started })),
  );
  const next = async (type: string, id?: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const found = messages.find((m) => m['type'] === type && (id === undefined || m['id'] === id));
      if (found) return found;
      await new Promise<void>((resolve, reject) => {
        waiters.push(resolve);
        setTimeout(() => reject(new Error(`no ${type} message within 5 s; got ${JSON.stringify(messages)}`)), 5000).unref();
      });
    }
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed, send: (m) => ws.send(JSON.stringify(m)), next }));
    ws.once('error', reject);
  });
}

const SUBSCRIBE = (id: string) => ({ id, type: 'subscribe', payload: { query: 'subscription { fleetChanged { fleetId } }' } });

describe('GraphQL WebSockets', () => {
  it('closes a connection that never sends connection_init with 4408', async () => {
    const s = await open();
    const closed = await s.closed;
    expect(closed.code).toBe(4408);
    expect(closed.afterMs).toBeGreaterThanOrEqual(900);
    expect(closed.afterMs).toBeLessThan(3000);
  });

  it('tells a connection without a key why its subscription is refused, then closes it with 4401', async () => {
    const s = await open();
    s.send({ type: 'connection_init', payload: {} });
    await s.next('connection_ack');
    s.send(SUBSCRIBE('a'));
    const error = await s.next('error', 'a');
    expect(JSON.stringify(error)).toContain('UNAUTHENTICATED');
    expect((await s.closed).code).toBe(4401);
  });

  it('refuses a subscription past WS_MAX_SUBSCRIPTIONS_PER_CONNECTION, and takes one again after a complete', async () => {
    const s = await open();
    s.send({ type: 'connection_init', payload: { authorization: `Bearer ${api.adminKey}` } });
    await s.next('connection_ack');
    s.send(SUBSCRIBE('1'));
    s.send(SUBSCRIBE('2'));
    s.send(SUBSCRIBE('3'));
    const refused = await s.next('error', '3');
    expect(JSON.stringify(refused)).toContain('TOO_MANY_SUBSCRIPTIONS');
    s.send({ id: '1', type: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    s.send(SUBSCRIBE('4'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.messages.filter((m) => m['type'] === 'error' && m['id'] === '4')).toEqual([]);
    // Held past the init timeout: a valid key's connection stays open.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.ws.close();
    await s.closed;
  });

  it('closes a connection past WS_MAX_CONNECTIONS_PER_KEY with 4429, and takes one again once another closes', async () => {
    const init = { type: 'connection_init', payload: { authorization: `Bearer ${api.adminKey}` } };
    const held = [await open(), await open()];
    for (const s of held) {
      s.send(init);
      await s.next('connection_ack');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await open();
    third.send(init);
    expect((await third.closed).code).toBe(4429);
    const first = held[0] as Socket;
    first.ws.close();
    await first.closed;
    const again = await open();
    again.send(init);
    await again.next('connection_ack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    for (const s of [held[1] as Socket, again]) {
      s.ws.close();
      await s.closed;
    }
  });
});
