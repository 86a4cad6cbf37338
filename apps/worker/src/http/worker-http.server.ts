import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerMetrics } from './worker-metrics.js';

/** A dependency check of the readiness probe: resolves when usable, rejects with the reason otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

interface CheckOutcome {
  readonly status: 'up' | 'down';
  readonly message?: string;
}

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
}

/**
 * The worker's small HTTP server for Kubernetes probes and Prometheus (`WORKER_HTTP_PORT`): `GET /health/live`
 * (the process answers; no dependency checked), `GET /health/ready` (every check passes and the worker is not
 * shutting down: 200, else 503 naming what is down, in the shape of the api's `/health`) and `GET /metrics`
 * ({@link WorkerMetrics}). Anything else is 404; no request body is
 * read. It binds to `host`, never needs an API key, and closes with the process.
 */
export class WorkerHttpServer {
  private readonly server: Server;
  private shuttingDown = false;

  constructor(
    private readonly checks: Readonly<Record<string, ReadinessCheck>>,
    private readonly metrics: WorkerMetrics,
    private readonly checkTimeoutMs = 1500,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** Listens; resolves with the bound port (useful with port 0). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** From now on readiness answers 503 (the worker takes no new jobs). */
  markShuttingDown(): void {
    this.shuttingDown = true;
    this.metrics.markShuttingDown();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.send(res, 405, { status: 'error', message: 'only GET' }, { allow: 'GET, HEAD' });
    try {
      if (path === '/health/live') return this.send(res, 200, { status: 'ok' });
      if (path === '/health/ready') return await this.ready(res);
      if (path === '/metrics') {
        const body = await this.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      this.send(res, 404, { status: 'error', message: `no route ${path}; try /health/live, /health/ready or /metrics` });
    } catch (error) {
      this.send(res, 500, { status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async ready(res: ServerResponse): Promise<void> {
    const details: Record<string, CheckOutcome> = {};
    if (this.shuttingDown) {
      details['shutdown'] = { status: 'down', message: 'shutting down after SIGTERM: taking no new jobs' };
    } else {
      await Promise.all(
        Object.entries(this.checks).map(async ([name, check]) => {
          try {
            await within(check(), this.checkTimeoutMs);
            details[name] = { status: 'up' };
          } catch (error) {
            details[name] = { status: 'down', message: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
    }
    const ok = Object.values(details).every((d) => d.status === 'up');
    this.send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'error', details });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }
}
