import type { Verdict } from '@asr-twin/simulator';
import { randomUUID } from 'node:crypto';
import { InfrastructureError, UsageError } from './cli-io.js';

interface Problem {
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string; line?: number; column?: number }[];
}

/** How long reading one streamed answer (a large run's JUnit XML) may take, ms. */
const STREAM_TIMEOUT_MS = 30 * 60_000;

export interface ServerRun {
  readonly id: string;
  readonly status: string;
  readonly verdict: Verdict | null;
  readonly seed: number;
  readonly error: string | null;
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null };
}

/** One item of `POST /observations`. */
export interface ObservationItem {
  readonly hostname: string;
  readonly command?: string;
  readonly output: string;
  /** When the output was captured (ISO time); the server's clock when absent. */
  readonly observedAt?: string;
}

/** The server's answer for one item. */
export interface ObservationItemResult {
  readonly index: number;
  readonly hostname: string | null;
  readonly command: string | null;
  readonly outcome: 'applied' | 'unchanged' | 'refused' | 'unknown-router';
  readonly code?: string;
  readonly reason?: string;
}

/** The answer of `POST /fleets/:id/import`. */
export interface ImportAnswer {
  readonly fleet: { readonly id: string; readonly name: string };
  readonly summary: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly refused: number };
  readonly warnings: readonly string[];
  readonly rows: readonly {
    readonly row: number;
    readonly hostname: string | null;
    readonly outcome: 'created' | 'updated' | 'unchanged' | 'refused';
    readonly reason?: string;
    readonly changed?: readonly string[];
    readonly warnings?: readonly string[];
  }[];
}

export interface ServerAudit {
  readonly id: string;
  readonly status: string;
  readonly error: string | null;
  readonly cells: readonly string[];
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null; readonly exposedRouters: number };
  readonly summary: {
    readonly routers: number;
    readonly exposedRouters: number;
    readonly errors: number;
    readonly byCell: Readonly<Record<string, number>>;
    readonly byCause: readonly { readonly cause: string; readonly routers: number }[];
  } | null;
}

/** A scenario rejected by the server: its errors as `file:line:col: message` lines. */
/** A forecast as `GET /api/v1/forecasts/:id` answers it (the fields the CLI reads). */
export interface ServerForecast {
  readonly id: string;
  readonly status: string;
  readonly error: string | null;
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null };
}

export class ServerValidationError extends UsageError {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

/** The asr-twin REST API as `twin run --server` and `twin audit` use it. */
export class ServerClient {
  private readonly base: string;

  constructor(
    server: string,
    private readonly key: string,
  ) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new UsageError(`--server "${server}" is not a URL (e.g. http://127.0.0.1:3000)`);
    }
    this.base = url.toString().replace(/\/$/, '');
  }

  /** Submits a run; retries are safe (an idempotency key makes a repeated POST return the same run). */
  async submit(file: string, source: string, options: { seed?: number; iterations: number; start?: string }): Promise<ServerRun> {
    const body = {
      source,
      iterations: options.iterations,
      ...(options.start === undefined ? {} : { start: options.start }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    };
    const res = await this.call('POST', '/api/v1/runs', JSON.stringify(body), { 'idempotency-key': randomUUID() });
    if (res.status === 400) {
      const problem = (await res.json()) as Problem;
      const lines = (problem.errors ?? []).map((e) => (e.line ? `${file}:${e.line}:${e.column ?? 1}: ${e.message}` : `${file}: ${e.field}: ${e.message}`));
      throw new ServerValidationError(lines.length > 0 ? lines : [`${file}: ${problem.detail ?? 'rejected by the server'}`]);
    }
    return (await this.expectOk(res, 'submit the run')) as ServerRun;
  }

  /** Posts device outputs in bulk; one result per item, in order. A request the server refuses whole is an error. */
  async observe(items: readonly ObservationItem[]): Promise<readonly ObservationItemResult[]> {
    const res = await this.call('POST', '/api/v1/observations', JSON.stringify(items));
    if (res.status === 400 || res.status === 413) {
      const problem = (await res.json().catch(() => ({}))) as Problem;
      throw new UsageError(`the server refused the batch (${res.status} ${problem.code ?? ''}: ${problem.detail ?? res.statusText})`);
    }
    return ((await this.expectOk(res, 'post the observations')) as { items: ObservationItemResult[] }).items;
  }

  /**
   * Imports an inventory file into a fleet: CSV as `text/csv`, a NetBox device list as JSON. The server's
   * refusal of the file as a whole (4xx: not a device list, no header, unknown fleet, too large) is bad input.
   */
  async importInventory(fleet: string, format: 'netbox' | 'csv', content: string): Promise<ImportAnswer> {
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json';
    const res = await this.call('POST', `/api/v1/fleets/${encodeURIComponent(fleet)}/import`, content, { 'content-type': type });
    if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403 && res.status !== 429) {
      const problem = (await res.json().catch(() => ({}))) as Problem;
      const lines = (problem.errors ?? []).map((e) => `  ${e.line ? `line ${e.line}: ` : ''}${e.field}: ${e.message}`);
      throw new UsageError(
        [`the server refused the file (${res.status}${problem.code ? ` ${problem.code}` : ''}): ${problem.detail ?? res.statusText}`, ...lines].join('\n'),
      );
    }
    return (await this.expectOk(res, 'import the file')) as ImportAnswer;
  }

  async run(id: string): Promise<ServerRun> {
    return (await this.expectOk(await this.call('GET', `/api/v1/runs/${id}`), 'read the run')) as ServerRun;
  }

  async report(id: string): Promise<unknown> {
    return this.expectOk(await this.call('GET', `/api/v1/runs/${id}/report`), 'read the report');
  }

  /** Starts a risk audit; input the server refuses is a usage error naming each field. */
  async startAudit(body: object): Promise<ServerAudit> {
    const res = await this.call('POST', '/api/v1/audits', JSON.stringify(body));
    if (res.status === 400) {
      const problem = (await res.json()) as Problem;
      throw new UsageError((problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('\n') || (problem.detail ?? 'rejected by the server'));
    }
    return (await this.expectOk(res, 'start the audit')) as ServerAudit;
  }

  async audit(id: string): Promise<ServerAudit> {
    return (await this.expectOk(await this.call('GET', `/api/v1/audits/${id}`), 'read the audit')) as ServerAudit;
  }

  /** A path of an audit (`report`, `matrix?…`), as parsed JSON. */
  async auditJson(id: string, path: string): Promise<unknown> {
    return this.expectOk(await this.call('GET', `/api/v1/audits/${id}/${path}`), `read the audit's ${path.split('?')[0]}`);
  }

  /** Starts a forecast; input the server refuses is a usage error naming each field. */
  async startForecast(body: object): Promise<ServerForecast> {
    const res = await this.call('POST', '/api/v1/forecasts', JSON.stringify(body));
    if (res.status === 400) {
      const problem = (await res.json()) as Problem;
      throw new UsageError((problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('\n') || (problem.detail ?? 'rejected by the server'));
    }
    return (await this.expectOk(res, 'start the forecast')) as ServerForecast;
  }

  async forecast(id: string): Promise<ServerForecast> {
    return (await this.expectOk(await this.call('GET', `/api/v1/forecasts/${id}`), 'read the forecast')) as ServerForecast;
  }

  /** The report of a completed forecast as the server sends it (the bytes an embedded forecast prints with --json). */
  async forecastReport(id: string): Promise<string> {
    const res = await this.call('GET', `/api/v1/forecasts/${id}/report`, undefined, { 'accept-encoding': 'gzip' }, STREAM_TIMEOUT_MS);
    if (!res.ok) await this.expectOk(res, 'read the forecast report');
    return res.text();
  }

  /**
   * A completed run's JUnit XML as a stream (never held whole); `file` is the scenario file as the user named it,
   * for the suites' file and each expectation's `file` and `line`. Reading it may take minutes for a large run.
   */
  async runJunit(id: string, file: string): Promise<ReadableStream<Uint8Array>> {
    const res = await this.call('GET', `/api/v1/runs/${id}/junit?file=${encodeURIComponent(file)}`, undefined, {}, STREAM_TIMEOUT_MS);
    if (!res.ok || !res.body) {
      await this.expectOk(res, 'read the JUnit XML');
      throw new InfrastructureError(`could not read the JUnit XML of run ${id} (an empty answer)`);
    }
    return res.body;
  }

  async auditJunit(id: string): Promise<string> {
    const res = await this.call('GET', `/api/v1/audits/${id}/junit`);
    if (!res.ok) await this.expectOk(res, 'read the JUnit XML');
    return res.text();
  }

  private async call(method: string, path: string, body?: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<Response> {
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const c = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = c?.code ?? c?.message ?? (error as Error).message;
      throw new InfrastructureError(`cannot reach the server at ${this.base} (${cause})`);
    }
  }

  private async expectOk(res: Response, what: string): Promise<unknown> {
    if (res.ok) return res.json();
    const problem = (await res.json().catch(() => ({}))) as Problem;
    const detail = `${res.status}${problem.code ? ` ${problem.code}` : ''}: ${problem.detail ?? res.statusText}`;
    if (res.status === 401 || res.status === 403) throw new UsageError(`the server refused the API key (${detail})`);
    throw new InfrastructureError(`could not ${what} (${detail})`);
  }
}
