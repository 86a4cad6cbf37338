import type { ApiRole } from '@asr-twin/persistence';
import { SetMetadata } from '@nestjs/common';
import { ACCESS } from '../auth/access.decorators.js';

/**
 * The GraphQL field (query, mutation or subscription) needs an API key with at least `role`: the same rule,
 * metadata and guard as REST's `@RequireRole`, without the OpenAPI annotations. A root field without it
 * needs `admin`.
 */
export function RequireGqlRole(role: ApiRole): MethodDecorator {
  return SetMetadata(ACCESS, role);
}
