import { roleSatisfies } from '@asr-twin/persistence';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { ACCESS, type Access } from './access.decorators.js';
import type { RequestAuth } from './api-key.hook.js';
import { ForbiddenError, KeyCheckUnavailableError, UnauthenticatedError } from './auth.errors.js';

/**
 * Who sent the request or operation: the API key hook's outcome on the HTTP request, or for GraphQL the
 * `auth` of the operation's context (the HTTP request's, or a WebSocket's `connection_init` payload's).
 */
export function authOf(context: ExecutionContext): RequestAuth | null {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ auth?: RequestAuth | null }>().auth ?? null;
  }
  return context.switchToHttp().getRequest<FastifyRequest>().auth;
}

/**
 * Enforces each route's {@link Access} rule on the outcome of the API key hook, and the same rules on every
 * GraphQL query, mutation and subscription field. A route or field without a rule needs `admin`: forgetting
 * the annotation locks it down instead of opening it.
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ?? 'admin';
    if (access === 'public') return true;
    const auth = authOf(context);
    const what =
      context.getType<GqlContextType>() === 'graphql' ? `${GqlExecutionContext.create(context).getInfo<{ fieldName: string }>().fieldName}` : 'this route';
    if (auth === null || auth.kind === 'anonymous') {
      throw new UnauthenticatedError(`${what} needs an API key: send "Authorization: Bearer <key>"`, false);
    }
    if (auth.kind === 'rejected') throw new UnauthenticatedError(auth.reason, true);
    if (auth.kind === 'failed') throw new KeyCheckUnavailableError();
    if (!roleSatisfies(auth.key.role, access)) throw new ForbiddenError(access, auth.key.role, what);
    return true;
  }
}
