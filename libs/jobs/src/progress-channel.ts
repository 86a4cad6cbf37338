/** What is published on each change of a run's progress (Redis pub/sub; GraphQL and SSE relay it). */
export interface RunProgressMessage {
  readonly runId: string;
  readonly status: string;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly verdict: string | null;
  /** True once the run was deleted (`DELETE /runs/:id`): live views drop it. Absent on every other message. */
  readonly deleted?: boolean;
}

/** The pub/sub channel of run progress, under the configured key prefix. */
export function runProgressChannel(queuePrefix: string): string {
  return `${queuePrefix}:run-progress`;
}

/** What is published on each change of an audit's progress (Redis pub/sub; GraphQL relays it). */
export interface AuditProgressMessage {
  readonly auditId: string;
  readonly status: string;
  readonly routersDone: number;
  readonly routerCount: number | null;
  /** Routers found exposed so far. */
  readonly exposedRouters: number;
}

/** The pub/sub channel of audit progress, under the configured key prefix. */
export function auditProgressChannel(queuePrefix: string): string {
  return `${queuePrefix}:audit-progress`;
}

/** What is published on each change of a forecast's progress (Redis pub/sub; GraphQL relays it). */
export interface ForecastProgressMessage {
  readonly forecastId: string;
  readonly status: string;
  readonly routersDone: number;
  readonly routerCount: number | null;
}

/** The pub/sub channel of forecast progress, under the configured key prefix. */
export function forecastProgressChannel(queuePrefix: string): string {
  return `${queuePrefix}:forecast-progress`;
}
