import { loadConfig } from '@asr-twin/config';
import { routerStateChannel, type RouterStateMessage } from '@asr-twin/jobs';
import { Redis } from 'ioredis';

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` naming `what`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RouterStateListener {
  /** Every message received so far, in order. */
  readonly messages: RouterStateMessage[];
  /** The first message (received so far or later) that matches. */
  next(what: string, match: (m: RouterStateMessage) => boolean, timeoutMs?: number): Promise<RouterStateMessage>;
  close(): Promise<void>;
}

/** Subscribes to the router-state channel of a queue prefix on the configured Redis. */
export async function listenRouterState(queuePrefix: string): Promise<RouterStateListener> {
  const client = new Redis(loadConfig().redis.url, { lazyConnect: true });
  client.on('error', () => undefined);
  await client.connect();
  const messages: RouterStateMessage[] = [];
  client.on('message', (_channel: string, text: string) => messages.push(JSON.parse(text) as RouterStateMessage));
  await client.subscribe(routerStateChannel(queuePrefix));
  return {
    messages,
    next: (what, match, timeoutMs) => waitUntil(what, async () => messages.find(match), timeoutMs),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
