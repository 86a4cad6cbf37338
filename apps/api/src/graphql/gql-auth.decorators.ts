import type { AuthenticatedKey } from '@asr-twin/persistence';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { authOf } from '../auth/role.guard.js';

/**
 * The API key that sent the operation. Only on fields behind `RequireGqlRole`, where the guard has already
 * refused operations without a valid key.
 */
export const CurrentKey = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedKey => {
  const auth = authOf(context);
  if (auth?.kind !== 'key') throw new Error('@CurrentKey() used on a field that does not require an API key');
  return auth.key;
});
