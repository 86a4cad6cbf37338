import { ValidationError } from '@asr-twin/domain';
import { MAX_IMPORT_ROWS, type ParsedInventory, type RawInventoryRow } from './inventory-rows.js';

/** The columns an inventory CSV may have, in the documented order; only `hostname` is required. */
export const CSV_COLUMNS = ['hostname', 'model', 'serial', 'version', 'redundancy', 'fleet', 'labels'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

interface CsvRecord {
  /** The line the record starts on (1-based). */
  readonly line: number;
  readonly fields: string[];
}

function syntaxError(line: number, column: number, message: string): ValidationError {
  return new ValidationError(`CSV line ${line}: ${message}`, [{ field: 'content', message, line, column }]);
}

/**
 * The records of a CSV text (RFC 4180): fields separated by commas, records by CRLF or LF, a field in double
 * quotes may hold commas, line breaks and `""` for a quote. Blank lines are skipped. A quote inside an
 * unquoted field is kept as text; text after a closing quote, or a quote never closed, is a syntax error.
 */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 0;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let afterQuote = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '' || afterQuote) records.push({ line: start, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    column++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
        column++;
      } else if (c === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        field += c;
        if (c === '\n') {
          line++;
          column = 0;
        }
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      column = 0;
      start = line;
    } else if (afterQuote) {
      throw syntaxError(line, column, 'a quoted field must end at a comma or the end of the line');
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw syntaxError(quoteLine, 1, 'a quoted field is never closed');
  endRecord();
  return records;
}

function headerOf(record: CsvRecord): { columns: (CsvColumn | null)[]; warnings: string[] } {
  const names = record.fields.map((f) => f.trim().toLowerCase());
  if (!names.includes('hostname')) {
    throw new ValidationError(`the first line must be the header, naming the columns (${CSV_COLUMNS.join(',')}); it has no hostname column`, [
      { field: 'content', message: 'a header with a hostname column is required', line: record.line, column: 1 },
    ]);
  }
  const seen = new Set<string>();
  const unknown: string[] = [];
  const columns = names.map((name, i) => {
    if (seen.has(name) && name !== '') {
      throw new ValidationError(`the header names column "${name}" twice`, [{ field: 'content', message: `column "${name}" twice`, line: 1, column: i + 1 }]);
    }
    seen.add(name);
    if ((CSV_COLUMNS as readonly string[]).includes(name)) return name as CsvColumn;
    unknown.push(name === '' ? `(column ${i + 1}, no name)` : name);
    return null;
  });
  const warnings = unknown.length > 0 ? [`unknown column(s) ignored: ${unknown.join(', ')} (known: ${CSV_COLUMNS.join(', ')})`] : [];
  return { columns, warnings };
}

/**
 * An inventory CSV: a required header line naming the columns (any order, any case; see {@link CSV_COLUMNS}),
 * then one router per record. Unknown columns are reported once, as a warning of the file. Throws
 * `ValidationError` for a file that cannot be read as a whole (syntax, no header, too many rows).
 */
export function parseCsvInventory(text: string): ParsedInventory {
  const records = csvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const [header, ...data] = records;
  if (!header) throw new ValidationError('the CSV is empty: its first line must be the header', [{ field: 'content', message: 'empty' }]);
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ValidationError(`${data.length} rows: an import takes at most ${MAX_IMPORT_ROWS}`, [
      { field: 'content', message: `at most ${MAX_IMPORT_ROWS} rows` },
    ]);
  }
  const { columns, warnings } = headerOf(header);
  const rows = data.map((record): RawInventoryRow => {
    if (record.fields.length !== columns.length) {
      return { row: record.line, warnings: [], refusal: `has ${record.fields.length} field(s), the header ${columns.length}` };
    }
    const values: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((column, i) => {
      const value = (record.fields[i] as string).trim();
      if (column && value !== '') values[column] = value;
    });
    return { row: record.line, ...values, warnings: [] };
  });
  return { rows, warnings };
}
