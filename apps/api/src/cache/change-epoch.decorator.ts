import type { ChangeEpochName } from '@asr-twin/jobs';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request's change epoch of one kind (`twin` or `keys`), read by the API key hook before anything else; null
 * when Redis could not tell or the request is not an HTTP one. Pass it to a cached read.
 */
export const ChangeEpoch = createParamDecorator((name: ChangeEpochName, context: ExecutionContext): string | null => {
  if (context.getType() !== 'http') return null;
  return context.switchToHttp().getRequest<FastifyRequest>().changeEpochs?.[name] ?? null;
});
