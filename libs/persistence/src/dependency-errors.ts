/**
 * Whether an error means a dependency (PostgreSQL or Redis) is unreachable or restarting, rather than that the
 * request or the data is wrong: the answer is then "retry later" (HTTP 503), never a 500, and a job retries.
 *
 * Recognised by shape, since the error may come from pg, TypeORM (which keeps pg's in `driverError`), ioredis or
 * the socket layer:
 * - PostgreSQL SQLSTATE class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now),
 *   53300 (too many connections), 3D000 (the database does not exist: dropped or being restored), 40001 and
 *   40P01 (serialization failure, deadlock: retrying succeeds);
 * - socket errors (`ECONNREFUSED`, `ECONNRESET`, `EPIPE`, `ETIMEDOUT`, `EHOSTUNREACH`, `ENETUNREACH`, `EAI_AGAIN`);
 * - pg's "Connection terminated …" and pool "timeout exceeded when trying to connect"; ioredis' "Connection is
 *   closed." and `MaxRetriesPerRequestError`.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '40001', '40P01']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /^Connection is closed\.?$/i,
  /Client has encountered a connection error/i,
];

export function isDependencyUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; typeof e === 'object' && e !== null && !seen.has(e);) {
    seen.add(e);
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) return true;
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    const next = e as { driverError?: unknown; cause?: unknown; errors?: unknown };
    if (Array.isArray(next.errors) && next.errors.some((inner) => isDependencyUnavailable(inner))) return true;
    e = next.driverError ?? next.cause;
  }
  return false;
}

/**
 * A short account of a dependency outage for operators: which service (PostgreSQL by its SQLSTATE or driver
 * error, Redis by ioredis' errors, else "PostgreSQL or Redis") and the first line of the innermost message,
 * e.g. `PostgreSQL unavailable: connect ECONNREFUSED 127.0.0.1:5432`.
 */
export function outageReason(error: unknown): string {
  let service: string | null = null;
  let message = '';
  const seen = new Set<unknown>();
  for (let e: unknown = error; typeof e === 'object' && e !== null && !seen.has(e);) {
    seen.add(e);
    const x = e as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof x.message === 'string' && x.message.length > 0) message = x.message;
    if (service === null) {
      if (
        x.driverError !== undefined ||
        (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) ||
        /^Connection terminated|trying to connect/i.test(String(x.message))
      ) {
        service = 'PostgreSQL';
      } else if (x.name === 'MaxRetriesPerRequestError' || /^Connection is closed\.?$/i.test(String(x.message))) {
        service = 'Redis';
      }
    }
    e = x.driverError ?? x.cause;
  }
  const line = (message.split('\n')[0] ?? '').slice(0, 300) || 'no detail';
  return `${service ?? 'PostgreSQL or Redis'} unavailable: ${line}`;
}
