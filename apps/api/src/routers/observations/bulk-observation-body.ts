import { type FieldIssue, ValidationError } from '@asr-twin/domain';
import { z } from 'zod';
import { EdgeError } from '../../common/problem.js';
import { HOSTNAME } from '../../common/schemas.js';
import { checkText } from './observation-body.js';

/** Most items one bulk request may carry: 10,000 routers × 3 outputs fit with room to spare. */
export const MAX_BULK_ITEMS = 50_000;

/** Media type of the line-by-line form: one JSON item per line. */
export const NDJSON = 'application/x-ndjson';

/** One item of `POST /observations`: the device output of one router. */
export const BULK_ITEM = z.strictObject({
  hostname: HOSTNAME.describe('the router the output comes from (its stored hostname)'),
  command: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('the command that printed the output (abbreviations work: sh red); when given, the output must be of that command'),
  output: z.string().describe('raw output of show redundancy, show redundancy states, show version and/or show platform'),
  observedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('when the device printed the output (ISO 8601); default: when the request arrives. Uptimes count back from it'),
});

export type BulkItemInput = z.output<typeof BULK_ITEM>;

/** An item as read from the body: usable, or refused on its own (the others go on). */
export type BulkItem =
  | { readonly index: number; readonly ok: true; readonly item: BulkItemInput }
  | { readonly index: number; readonly ok: false; readonly hostname: string | null; readonly reason: string; readonly issues: readonly FieldIssue[] };

function hostnameOf(raw: unknown): string | null {
  const h = typeof raw === 'object' && raw !== null ? (raw as { hostname?: unknown }).hostname : undefined;
  return typeof h === 'string' ? h.slice(0, 100) : null;
}

function refused(index: number, raw: unknown, reason: string, issues: readonly FieldIssue[]): BulkItem {
  return { index, ok: false, hostname: hostnameOf(raw), reason, issues };
}

/** One item checked: its shape, then its text (over-long text stops the whole request with 413). */
function readItem(index: number, raw: unknown): BulkItem {
  const parsed = BULK_ITEM.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.length > 0 ? i.path.join('.') : 'item', message: i.message }));
    return refused(index, raw, `invalid item: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  try {
    return { index, ok: true, item: { ...parsed.data, output: checkText(parsed.data.output) } };
  } catch (error) {
    if (error instanceof EdgeError) {
      throw new EdgeError(error.code, error.status, `item ${index} (${parsed.data.hostname}): ${error.message}`);
    }
    if (error instanceof ValidationError) return refused(index, raw, error.message, error.issues);
    throw error;
  }
}

/** The values of an NDJSON text, one per non-blank line; a line that is not JSON is a refused item. */
type RawItem = { readonly value: unknown; readonly error: string | null };

function ndjsonValues(text: string): RawItem[] {
  return text.split('\n').flatMap((line, n): RawItem[] => {
    if (line.trim() === '') return [];
    try {
      return [{ value: JSON.parse(line) as unknown, error: null }];
    } catch (error) {
      return [{ value: undefined, error: `line ${n + 1} is not JSON: ${(error as Error).message}` }];
    }
  });
}

/**
 * The items of a bulk observation body: a JSON array, or NDJSON text (`contentType` {@link NDJSON}) with one
 * item per line. Throws `ValidationError` (400) for another shape or no item, and `EdgeError` 413 for more
 * than {@link MAX_BULK_ITEMS} items or an item's output over the per-observation limit. Everything else is
 * answered per item: a malformed item is refused and the others go on.
 */
export function bulkItemsOf(body: unknown, contentType: string | undefined): BulkItem[] {
  const values: RawItem[] =
    typeof body === 'string' && (contentType ?? '').toLowerCase().startsWith(NDJSON)
      ? ndjsonValues(body)
      : Array.isArray(body)
        ? body.map((value: unknown): RawItem => ({ value, error: null }))
        : shapeError(body);
  if (values.length > MAX_BULK_ITEMS) {
    throw new EdgeError('PAYLOAD_TOO_LARGE', 413, `a request may carry at most ${MAX_BULK_ITEMS} items; got ${values.length}`);
  }
  if (values.length === 0) {
    throw new ValidationError('give at least one item', [{ field: 'body', message: 'no item: send [{ "hostname", "output" }, …] or NDJSON lines' }]);
  }
  return values.map(({ value, error }, index) => (error === null ? readItem(index, value) : refused(index, value, error, [{ field: 'item', message: error }])));
}

function shapeError(body: unknown): never {
  const got = body === undefined ? 'no body' : body === null ? 'null' : typeof body === 'string' ? 'text' : typeof body;
  throw new ValidationError(`send a JSON array of items, or ${NDJSON} with one item per line`, [
    { field: 'body', message: `expected an array of { hostname, command?, output, observedAt? }, got ${got}` },
  ]);
}
