import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { authOf } from './role.guard.js';

/**
 * The change-log author of a request: `key:<name>` of the API key that authenticated it. Only valid on routes
 * behind {@link RequireRole} (or GraphQL fields behind `RequireGqlRole`), where the guard has already refused
 * requests without a key.
 */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const auth = authOf(context);
  if (auth?.kind !== 'key') throw new Error('@Actor() used on a route that does not require an API key');
  return actorOf(auth.key.name);
});

/** How the change log names a key. */
export function actorOf(keyName: string): string {
  return `key:${keyName}`;
}
