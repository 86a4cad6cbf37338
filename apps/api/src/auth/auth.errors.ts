import type { ApiRole } from '@asr-twin/persistence';
import { EdgeError } from '../common/problem.js';

/** 401: no key, a malformed one, or one that is unknown or revoked. */
export class UnauthenticatedError extends EdgeError {
  constructor(detail: string, invalidToken: boolean) {
    // RFC 6750 §3: a bearer challenge, naming the error only when a token was sent.
    const challenge = invalidToken ? 'Bearer realm="asr-twin", error="invalid_token"' : 'Bearer realm="asr-twin"';
    super('UNAUTHENTICATED', 401, detail, { 'www-authenticate': challenge });
  }
}

/** 403: the key is valid but its role is too weak for the route. */
export class ForbiddenError extends EdgeError {
  constructor(
    readonly needed: ApiRole,
    held: ApiRole,
    what = 'this route',
  ) {
    super('FORBIDDEN', 403, `${what} needs the ${needed} role (or a stronger one); the key's role is ${held}`);
  }
}

/** 429: the key (or the client address) used up its requests for the current window. */
export class RateLimitedError extends EdgeError {
  constructor(max: number, retryAfter: string) {
    super('RATE_LIMITED', 429, `rate limit of ${max} requests per minute exceeded; retry in ${retryAfter}`);
  }
}

/** 503: the key could not be checked because the database is unreachable; the client may retry. */
export class KeyCheckUnavailableError extends EdgeError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 503, 'the API key could not be checked: the database is unreachable; retry shortly', { 'retry-after': '5' });
  }
}
