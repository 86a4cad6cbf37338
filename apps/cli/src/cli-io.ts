/** Exit codes of `twin` (a contract for CI pipelines). */
export const EXIT = {
  /** Every expectation held. */
  ok: 0,
  /** An expectation failed (or a router's run ended in error). */
  failed: 1,
  /** Invalid input: bad arguments, unreadable or invalid scenario files. */
  invalid: 2,
  /** The server or the infrastructure failed. */
  infrastructure: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a command writes; the real process streams, or buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly cwd: string;
  /** Environment variables the CLI reads (`TWIN_SERVER`, `TWIN_API_KEY`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A problem with the command line or the input files: reported on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A server or infrastructure failure: reported on stderr, exit code 3. */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
}
