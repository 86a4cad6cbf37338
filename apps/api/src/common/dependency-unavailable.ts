/** What a client is told when PostgreSQL or Redis failed mid-request: REST 503 with `Retry-After`, GraphQL `SERVICE_UNAVAILABLE`. */
export const DEPENDENCY_UNAVAILABLE = 'a service the API depends on (PostgreSQL or Redis) is unavailable or restarting; retry shortly';
/** Seconds a client is asked to wait before it retries (`Retry-After`). */
export const DEPENDENCY_RETRY_AFTER_S = '5';
