import { EdgeError } from '../common/problem.js';

/** Seconds a client is asked to wait when every parse worker is busy and the queue is full. */
export const PARSER_BUSY_RETRY_AFTER_S = 1;

/** 422: the parse ran out of its time; the input is too costly to read (`PARSE_TIME_LIMIT_MS`). */
export class ParseTimeLimitError extends EdgeError {
  constructor(what: string, limitMs: number) {
    super('PARSE_TIME_LIMIT', 422, `${what} took longer than ${limitMs} ms to parse and was abandoned (PARSE_TIME_LIMIT_MS); simplify it or split it`);
  }
}

/** 422: the parse needed more memory than a parse worker has (`PARSE_MEMORY_LIMIT_MB`). */
export class ParseMemoryLimitError extends EdgeError {
  constructor(what: string, limitMb: number) {
    super('PARSE_MEMORY_LIMIT', 422, `${what} needed more than ${limitMb} MiB to parse and was abandoned (PARSE_MEMORY_LIMIT_MB); simplify it or split it`);
  }
}

/** 503: every parse worker is busy and `PARSE_QUEUE_LIMIT` parses already wait; the client retries shortly. */
export class ParserBusyError extends EdgeError {
  constructor(queueLimit: number) {
    super('PARSER_BUSY', 503, `the parsers are busy (${queueLimit} parses waiting, PARSE_QUEUE_LIMIT); retry in ${PARSER_BUSY_RETRY_AFTER_S} s`, {
      'retry-after': String(PARSER_BUSY_RETRY_AFTER_S),
    });
  }
}

/** 503: a parse worker failed without a reason of the input's (it could not start, say); logged, retried by the client. */
export class ParserFailedError extends EdgeError {
  constructor(what: string) {
    super('SERVICE_UNAVAILABLE', 503, `${what} could not be parsed: the parse worker failed; it has been replaced, retry shortly`);
  }
}
