import { DomainError } from '@asr-twin/domain';
import { isDependencyUnavailable } from '@asr-twin/persistence';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toGraphqlError } from '../graphql/graphql-errors.js';
import { DEPENDENCY_RETRY_AFTER_S, DEPENDENCY_UNAVAILABLE } from './dependency-unavailable.js';
import { EdgeError, type EdgeErrorCode, problem, PROBLEM_CONTENT_TYPE, type Problem, STATUS_BY_DOMAIN_CODE } from './problem.js';

const EDGE_CODE_BY_STATUS: Record<number, EdgeErrorCode> = {
  400: 'MALFORMED_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Longest `instance` a problem document carries: the request path is echoed, but never a huge one in full. */
const MAX_INSTANCE_LENGTH = 256;

/** The request's path without its query string, cut to {@link MAX_INSTANCE_LENGTH} characters. */
export function problemInstance(url: string): string {
  const path = url.split('?', 1)[0] as string;
  return path.length <= MAX_INSTANCE_LENGTH ? path : `${path.slice(0, MAX_INSTANCE_LENGTH)}…`;
}

/** Maps any error to a problem document; anything unexpected is logged and becomes a 500. GraphQL: see graphql-errors.ts. */
function toProblem(error: unknown, request: FastifyRequest, logger: Logger): Problem {
  const instance = problemInstance(request.url);
  if (error instanceof DomainError) {
    return problem(error.code, STATUS_BY_DOMAIN_CODE[error.code], error.message, instance, error.issues);
  }
  if (error instanceof EdgeError) return problem(error.code, error.status, error.message, instance);
  const status = statusOf(error);
  if (status === 413 && (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problem('PAYLOAD_TOO_LARGE', 413, bodyTooLarge(request), instance);
  }
  if (status === 404) return problem('ROUTE_NOT_FOUND', 404, `no route answers ${request.method} ${instance}`, instance);
  if (status !== undefined && status < 500) {
    const detail = error instanceof HttpException ? httpDetail(error) : (error as Error).message;
    return problem(EDGE_CODE_BY_STATUS[status] ?? 'HTTP_ERROR', status, detail, instance);
  }
  if (isDependencyUnavailable(error)) {
    logger.warn(`dependency unavailable at ${instance}: ${(error as Error).message}`);
    return problem('SERVICE_UNAVAILABLE', 503, DEPENDENCY_UNAVAILABLE, instance);
  }
  logger.error(error instanceof Error ? error : new Error(String(error)), `unhandled error at ${instance}`);
  return problem('INTERNAL_ERROR', 500, 'the server failed to handle the request; it has been logged', instance);
}

/** Names the limit of the route and, when the client declared it, the size of the body. */
function bodyTooLarge(request: FastifyRequest): string {
  const limit = request.routeOptions.bodyLimit;
  const length = Number(request.headers['content-length']);
  const got = Number.isFinite(length) && length > 0 ? `; got ${length} bytes` : '';
  return `the request body is too large: this route takes at most ${limit} bytes${got}`;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const s = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
}

/** Terminus reports an unhealthy dependency as a 503 whose body is the health report itself: keep it. */
function isHealthReport(error: unknown): error is HttpException {
  if (!(error instanceof HttpException)) return false;
  const body = error.getResponse();
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}

/**
 * Installs the problem filter as the Fastify error handler of the root context now, before the app initialises,
 * in place of Nest's (which runs the same filter). Nest installs its own only after the modules' init hooks;
 * the GraphQL driver registers Mercurius in such a hook, which makes Fastify bind the error handler of every
 * route already declared, so the REST routes would keep Fastify's default handler for errors raised before
 * they run (malformed JSON, oversized bodies). The adapter's later call is then skipped (Fastify would warn
 * about a second handler in the same scope).
 */
export function installProblemErrorHandler(adapter: FastifyAdapter): void {
  const filter = new ProblemFilter();
  adapter.getInstance().setErrorHandler((error, request, reply) => filter.catch(error, httpHost(request, reply)));
  adapter.setErrorHandler = () => adapter.getInstance();
}

function httpHost(request: FastifyRequest, reply: FastifyReply): ArgumentsHost {
  const args = [request, reply];
  const http = { getRequest: <T>() => request as T, getResponse: <T>() => reply as T, getNext: <T>() => undefined as T };
  const unsupported = (): never => {
    throw new Error('an HTTP error handler has no RPC or WebSocket context');
  };
  return {
    getArgs: <T extends unknown[]>() => args as T,
    getArgByIndex: <T>(index: number) => args[index] as T,
    getType: <T extends string>() => 'http' as T,
    switchToHttp: () => http,
    switchToRpc: unsupported,
    switchToWs: unsupported,
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    // GraphQL fields (and subscriptions, whose refusals never reach the error formatter) get the same mapping
    // as GraphQL errors; thrown, so that graphql-js and Mercurius report it where the field failed.
    if (host.getType<GqlContextType>() === 'graphql') throw toGraphqlError(error);
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (isHealthReport(error)) {
      void reply.status(error.getStatus()).type('application/json').send(error.getResponse());
      return;
    }
    const body = toProblem(error, request, this.logger);
    if (error instanceof EdgeError) void reply.headers(error.headers);
    if (body.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', DEPENDENCY_RETRY_AFTER_S);
    void reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}
