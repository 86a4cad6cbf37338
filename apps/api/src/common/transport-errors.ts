import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type EdgeErrorCode, problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * Answers to requests that fail before any route can run, in the same problem+json as every other error and
 * without echoing the offending input: Fastify's framework errors (a URL that is not valid percent-encoding) and
 * the HTTP parser's client errors (headers over the limit, a request that timed out, bytes that are not HTTP).
 */

/** Fastify `frameworkErrors`: a URL whose percent-encoding does not decode. */
export function frameworkErrorHandler(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const bad = error.code === 'FST_ERR_BAD_URL';
  const detail = bad ? 'the request URL is not valid: a percent-encoded sequence does not decode to UTF-8' : 'the request could not be routed';
  void reply
    .code(400)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem('MALFORMED_REQUEST', 400, detail));
  request.log.info({ code: error.code }, 'request refused before routing');
}

const BY_PARSER_CODE: Readonly<Record<string, readonly [number, EdgeErrorCode, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'the request line and headers are larger than the server accepts (16 KiB)'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'the request was not received in time'],
};

/** Fastify `clientErrorHandler`: the HTTP parser refused the request; the connection is closed after the answer. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, detail] = BY_PARSER_CODE[error.code ?? ''] ?? [400, 'MALFORMED_REQUEST' as const, 'the request is not valid HTTP'];
  const body = JSON.stringify(problem(code, status, detail));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
