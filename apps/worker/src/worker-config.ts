/** Injection token of the worker's parsed configuration. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
