import type { ApiRole } from '@asr-twin/persistence';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { problemResponse } from '../common/api-docs.decorators.js';

/** Metadata key of a route's access rule. */
export const ACCESS = 'asr-twin:access';

/** Who may call a route: anyone, or a key with at least this role. Routes without a rule need `admin`. */
export type Access = ApiRole | 'public';

/** Name of the bearer security scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'api-key';

/**
 * The route needs an API key with at least `role` (`viewer` < `operator` < `admin`). One line per route:
 * `@RequireRole('operator')` on a run or action route is all it takes.
 */
export function RequireRole(role: ApiRole): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS, role),
    ApiBearerAuth(API_KEY_SCHEME),
    ApiExtension('x-required-role', role),
    problemResponse(401, 'UNAUTHENTICATED: no API key, or a malformed, unknown or revoked one'),
    ...(role === 'viewer' ? [] : [problemResponse(403, `FORBIDDEN: the key's role is weaker than ${role}`)]),
    problemResponse(429, 'RATE_LIMITED: too many requests; see Retry-After'),
  );
}

/** The route needs no API key (health, and `/metrics` when configured public). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS, 'public'), ApiExtension('x-required-role', 'none'));
}
