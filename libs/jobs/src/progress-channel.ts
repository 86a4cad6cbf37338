/** What is published on each change of a run's progress (Redis pub/sub; GraphQL and SSE relay it). */
export interface RunProgressMessage {
  readonly runId: string;
  readonly status: string;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly verdict: string | null;
}

/** The pub/sub channel of run progress, under the configured key prefix. */
export function runProgressChannel(queuePrefix: string): string {
  return `${queuePrefix}:run-progress`;
}
