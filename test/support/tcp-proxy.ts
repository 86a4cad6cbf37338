import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** `127.0.0.1:<port>` of the proxy. */
  readonly port: number;
  /**
   * Stops moving bytes both ways on every connection, open or new, without closing any: the service behind
   * looks hung (queries get no answer, new connections no greeting).
   */
  freeze(): void;
  /** Moves bytes again; what was held back flows on. */
  thaw(): void;
  /**
   * Closes a connection, both ways, as soon as the client sends bytes containing `pattern` (a PostgreSQL query
   * text): the service seems to restart in the middle of that query. `null` stops it.
   */
  cutOn(pattern: string | null): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

function connect(p: Pair): void {
  p.client.pipe(p.upstream);
  p.upstream.pipe(p.client);
}

function hold(p: Pair): void {
  p.client.unpipe(p.upstream);
  p.upstream.unpipe(p.client);
  p.client.pause();
  p.upstream.pause();
}

/**
 * A TCP proxy on a free loopback port to `target`, for tests that make a real service (PostgreSQL) unreachable
 * for one process without touching the service itself.
 */
export async function startTcpProxy(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let frozen = false;
  let cut: string | null = null;
  const server = createServer((client) => {
    const pair = { client, upstream: createConnection(target) };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (cut !== null && chunk.includes(cut)) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
    });
    for (const s of [pair.client, pair.upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        pairs.delete(pair);
        pair.client.destroy();
        pair.upstream.destroy();
      });
    }
    if (frozen) hold(pair);
    else connect(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    port: address.port,
    freeze: () => {
      frozen = true;
      for (const p of pairs) hold(p);
    },
    thaw: () => {
      frozen = false;
      for (const p of pairs) connect(p);
    },
    cutOn: (pattern) => {
      cut = pattern;
    },
    close: async () => {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
