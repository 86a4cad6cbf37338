import { ValidationError } from '@asr-twin/domain';
import { EdgeError } from '../common/problem.js';
import { parseInput } from '../common/validation.js';
import type { ImportRequest } from './inventory.service.js';
import { CSV_CONTENT_TYPES, IMPORT_BODY } from './inventory.schemas.js';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A NetBox device list given as JSON text (the `content` of `{ format: "netbox" }`, or GraphQL's argument). */
export function parseNetboxText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(`content is not JSON: ${(error as Error).message}`, [{ field: 'content', message: 'not JSON' }]);
  }
}

/** `{ format, content }` (REST's JSON wrapper and GraphQL's arguments) as an import request. */
export function importRequestOf(body: unknown): ImportRequest {
  const { format, content } = parseInput(IMPORT_BODY, body, 'body');
  if (format === 'csv') {
    if (typeof content !== 'string') throw new ValidationError('CSV content must be text', [{ field: 'content', message: 'expected a string' }]);
    return { format, text: content };
  }
  return { format, document: typeof content === 'string' ? parseNetboxText(content) : content };
}

/**
 * The body of `POST /fleets/:id/import`, by content type: `text/csv` is a CSV file; `application/json` is
 * either `{ "format", "content" }` or a NetBox device list as NetBox answers it (an object with `results`, or
 * an array of devices).
 */
export function parseImportBody(body: unknown, contentType: string | undefined): ImportRequest {
  const type = mediaType(contentType);
  if ((CSV_CONTENT_TYPES as readonly string[]).includes(type)) return { format: 'csv', text: typeof body === 'string' ? body : '' };
  if (type !== 'application/json') {
    throw new EdgeError('UNSUPPORTED_MEDIA_TYPE', 415, `send text/csv or application/json, not ${type || 'no content type'}`);
  }
  if (Array.isArray(body)) return { format: 'netbox', document: body };
  if (typeof body === 'object' && body !== null && 'format' in body) return importRequestOf(body);
  if (typeof body === 'object' && body !== null && 'results' in body) return { format: 'netbox', document: body };
  throw new ValidationError('the body must be { "format", "content" } or a NetBox device list ({ "results": [...] } or [...])', [
    { field: 'body', message: 'expected { format, content } or a NetBox device list' },
  ]);
}
