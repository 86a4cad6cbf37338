/** Default V8 old-space cap of a worker, MB. */
export declare const WORKER_MAX_OLD_SPACE_MB: number;
/** Default V8 semi-space size of a worker, MB. */
export declare const WORKER_MAX_SEMI_SPACE_MB: number;
/** Old-space size a worker starts with before its first full collection, MB. */
export declare const WORKER_INITIAL_OLD_SPACE_MB: number;
/** The flags for a worker started with `env` (the child's environment). */
export declare function workerNodeFlags(env?: Record<string, string | undefined>): string[];
