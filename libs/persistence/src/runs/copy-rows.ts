import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value of one column in PostgreSQL's COPY text format; `null` is SQL NULL. */
export type CopyValue = string | number | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY text format: backslash, tab, newline and carriage return escaped; NULL as `\N`. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, (c) => ESCAPED[c] as string) : text;
}

/** Rows per chunk written to the COPY stream: large enough to amortise the stream, small enough to stay flat. */
const ROWS_PER_CHUNK = 2_000;

function* textChunks<T>(rows: readonly T[], toFields: (row: T) => readonly CopyValue[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const row of rows.slice(i, i + ROWS_PER_CHUNK)) chunk += `${toFields(row).map(copyField).join('\t')}\n`;
    yield chunk;
  }
}

/**
 * Streams `rows` into `table (columns)` with `COPY … FROM STDIN` on the connection of the transaction that
 * `manager` belongs to, so the rows commit or roll back with the rest of it. COPY has no `ON CONFLICT`: a
 * duplicate key fails the whole transaction, which callers prevent by claiming the rows' owner first.
 */
export async function copyRows<T>(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  toFields: (row: T) => readonly CopyValue[],
): Promise<void> {
  if (rows.length === 0) return;
  const runner = manager.queryRunner;
  if (!runner) throw new Error('copyRows needs a transaction-bound entity manager');
  const client = (await runner.connect()) as PoolClient;
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(textChunks(rows, toFields)), sink);
}
