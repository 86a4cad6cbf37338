/**
 * The one rule for text the service cannot keep: U+0000 (PostgreSQL's `text` cannot hold it, so the write fails)
 * and unpaired UTF-16 surrogates (not Unicode; the driver would silently store U+FFFD instead). Every REST input
 * (path and query parameters, JSON bodies with their keys, text bodies) and every GraphQL argument and variable is
 * checked with it before any route or resolver runs, so such text is refused as a 400 naming the field instead of
 * failing deep inside a write.
 */

/** One offending string: where it is and why it cannot be kept. */
export interface UnstorableText {
  /** Field path, e.g. `routers.3.hostname`, `labels["a\u0000"]` for a key, `id` for a path parameter. */
  readonly field: string;
  /** Why, with the position in the string (or line and column in a text body). */
  readonly message: string;
  /** 1-based line and column, for a text body. */
  readonly line?: number;
  readonly column?: number;
}

/** `String.prototype.isWellFormed` (ES2024, in every supported Node.js; the project's type library is ES2023). */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Index of the first U+0000 or unpaired surrogate in `text`, or -1. */
export function unstorableIndex(text: string): number {
  const nul = text.indexOf('\u0000');
  if (isWellFormed(text)) return nul;
  for (let i = 0; i < text.length; i++) {
    if (i === nul) return i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return nul;
}

/** What the character at `index` is and why it is refused; `where` says where it sits. */
function describe(text: string, index: number, where: string): string {
  const code = text.charCodeAt(index);
  if (code === 0) return `U+0000 (NUL) ${where}, which PostgreSQL cannot store`;
  return `an unpaired surrogate U+${code.toString(16).toUpperCase()} ${where}, which is not valid Unicode`;
}

/** Checks one string; `label` names it in the message (`path parameter id`, `body field name`). */
export function checkString(text: string, field: string, label: string): UnstorableText | null {
  const index = unstorableIndex(text);
  if (index < 0) return null;
  return { field, message: `${label} contains ${describe(text, index, `at character ${index + 1}`)}` };
}

/** Checks a text body (YAML, CSV, NDJSON), giving the line and column of the first offending character. */
export function checkTextBody(text: string): UnstorableText | null {
  const index = unstorableIndex(text);
  if (index < 0) return null;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { field: 'body', message: `the body contains ${describe(text, index, `at line ${line}, column ${column}`)}`, line, column };
}

function childField(parent: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key) || /^\d+$/.test(key);
  if (parent === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The first unstorable string in a parsed JSON value (strings, object keys, nested arrays and objects), walked
 * without recursion so any nesting JSON.parse accepted is fine. `label` prefixes the field in the message.
 */
export function checkValue(value: unknown, root: string, label: string): UnstorableText | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, field] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const found = checkString(current, field, `${label} ${field || 'value'}`.trim());
      if (found) return found;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], childField(field, String(i))]);
    } else if (typeof current === 'object' && current !== null) {
      const keys = Object.keys(current);
      for (const key of keys) {
        const keyIndex = unstorableIndex(key);
        if (keyIndex >= 0) {
          return {
            field: childField(field, key),
            message: `${label} key ${JSON.stringify(key)} contains ${describe(key, keyIndex, `at character ${keyIndex + 1}`)}`,
          };
        }
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push([(current as Record<string, unknown>)[key], childField(field, key)]);
      }
    }
  }
  return null;
}

/** Every unstorable string of one REST request (path, query, body), first found first; empty when all can be kept. */
export function checkRequestInput(input: { readonly params: unknown; readonly query: unknown; readonly body: unknown }): UnstorableText | null {
  return (
    checkValue(input.params, '', 'path parameter') ??
    checkValue(input.query, '', 'query parameter') ??
    (typeof input.body === 'string' ? checkTextBody(input.body) : checkValue(input.body, '', 'body field'))
  );
}
