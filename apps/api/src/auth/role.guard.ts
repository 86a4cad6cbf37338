import { roleSatisfies } from '@asr-twin/persistence';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS, type Access } from './access.decorators.js';
import { ForbiddenError, KeyCheckUnavailableError, UnauthenticatedError } from './auth.errors.js';

/**
 * Enforces each route's {@link Access} rule on the outcome of the API key hook. A route without a rule needs
 * `admin`: forgetting the annotation locks a route down instead of opening it.
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ?? 'admin';
    if (access === 'public') return true;
    const auth = context.switchToHttp().getRequest<FastifyRequest>().auth;
    if (auth === null || auth.kind === 'anonymous') {
      throw new UnauthenticatedError('this route needs an API key: send "Authorization: Bearer <key>"', false);
    }
    if (auth.kind === 'rejected') throw new UnauthenticatedError(auth.reason, true);
    if (auth.kind === 'failed') throw new KeyCheckUnavailableError();
    if (!roleSatisfies(auth.key.role, access)) throw new ForbiddenError(access, auth.key.role);
    return true;
  }
}
