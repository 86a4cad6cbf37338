import type { SourcePosition } from '@asr-twin/domain';
import { childPath, indexPath, type Diagnostics, type Where } from './diagnostics.js';
import { suggestion } from './did-you-mean.js';
import { parseDuration } from './duration.js';
import type { ScenarioErrorCode } from './scenario-error.js';
import { describeNode, quoteValue, type MapNode, type SourceNode } from './source-node.js';

/** A value with its document path and, for map values, the position of its key. */
export interface Field {
  readonly node: SourceNode;
  readonly path: string;
  readonly keyPos?: SourcePosition;
  /** Its name in messages: `horizon`, `steps[2]`, `labels.site`. */
  readonly name?: string;
}

export function rootField(node: SourceNode): Field {
  return { node, path: '' };
}

/** Where a problem with the value points: the value, or its key when the value is empty or unplaced. */
export function at(f: Field): Where {
  const useKey = f.node.pos === undefined || (f.node.kind === 'scalar' && f.node.value === null);
  const pos = useKey ? (f.keyPos ?? f.node.pos) : f.node.pos;
  return pos === undefined ? { path: f.path } : { path: f.path, pos };
}

/** Where a problem with the key itself points (an unknown or conflicting key). */
export function atKey(f: Field): Where {
  const pos = f.keyPos ?? f.node.pos;
  return pos === undefined ? { path: f.path } : { path: f.path, pos };
}

/** The field's name in messages: `horizon`, `steps[2]`, `labels.site`. */
export function label(f: Field): string {
  return f.name ?? (f.path === '' ? 'the document' : f.path);
}

/** Reports `wrong-type` with what was found; returns false. */
export function wrongType(f: Field, expected: string, d: Diagnostics, hint = ''): false {
  d.error('wrong-type', at(f), `${label(f)} must be ${expected}; found ${describeNode(f.node)}${hint}`);
  return false;
}

export interface FieldSpec<K extends string> {
  readonly keys: readonly K[];
  readonly required?: readonly K[];
  /** Extra advice for unknown keys known elsewhere, e.g. `toVersion` outside `params`. */
  readonly hints?: Readonly<Record<string, string>>;
  /** The map's role in messages: `a step`, `metadata`. */
  readonly what: string;
}

/**
 * Reads a map with a fixed set of keys: reports a non-map, every unknown key (with a suggestion) and every
 * missing required key, and returns the known fields. Undefined only when the value is not a map.
 */
export function readFields<K extends string>(f: Field, spec: FieldSpec<K>, d: Diagnostics): Partial<Record<K, Field>> | undefined {
  if (f.node.kind !== 'map') {
    const role = spec.what === label(f) ? '' : ` (${spec.what})`;
    wrongType(f, `a map${role} with keys ${spec.keys.join(', ')}`, d);
    return undefined;
  }
  const fields: Partial<Record<K, Field>> = {};
  for (const entry of keyedFields(f.node, f.path)) {
    if ((spec.keys as readonly string[]).includes(entry.key)) {
      fields[entry.key as K] = entry;
    } else {
      const hint = spec.hints !== undefined && Object.hasOwn(spec.hints, entry.key) ? spec.hints[entry.key] : keyHint(entry.key, spec.keys);
      const message = `unknown key ${quoteValue(entry.key)} in ${spec.what}; expected ${spec.keys.join(', ')}${hint}`;
      d.error('unknown-key', atKey(entry), message);
    }
  }
  for (const key of spec.required ?? []) {
    if (fields[key] === undefined) {
      const message = `${spec.what} is missing the required key ${quoteValue(key)}`;
      d.error('missing-field', { ...atKey(f), path: childPath(f.path, key) }, message);
    }
  }
  return fields;
}

function keyHint(key: string, keys: readonly string[]): string {
  // YAML 1.1 merge keys are not expanded (the library leaves them to toJS, which the walker does not use).
  return key === '<<' ? '; merge keys (<<) are not supported, write the keys out (anchors and aliases work)' : suggestion(key, keys);
}

/** The entries of a map as fields with their keys, in source order. */
function keyedFields(map: MapNode, path: string, prefix = ''): readonly KeyedField[] {
  return map.entries.map((e) => ({
    key: e.key,
    node: e.value,
    path: childPath(path, e.key),
    name: `${prefix}${e.key}`,
    ...(e.keyPos === undefined ? {} : { keyPos: e.keyPos }),
  }));
}

export type KeyedField = Field & { readonly key: string };

/** The items of a list as fields; undefined (reported) when the value is not a list. */
export function readList(f: Field, expected: string, d: Diagnostics): readonly Field[] | undefined {
  if (f.node.kind !== 'seq') return wrongType(f, `a list of ${expected}`, d) || undefined;
  return f.node.items.map((node, i) => ({ node, path: indexPath(f.path, i), name: `${label(f)}[${i}]` }));
}

/** A map read as key → field, for maps with free keys (timing, labels); entries are named `labels.site`. */
export function readMap(f: Field, expected: string, d: Diagnostics): readonly KeyedField[] | undefined {
  if (f.node.kind !== 'map') return wrongType(f, `a map of ${expected}`, d) || undefined;
  return keyedFields(f.node, f.path, `${label(f)}.`);
}

export function readString(f: Field, expected: string, d: Diagnostics): string | undefined {
  if (f.node.kind === 'scalar' && typeof f.node.value === 'string') return f.node.value;
  const hint =
    f.node.kind === 'scalar' && (typeof f.node.value === 'number' || typeof f.node.value === 'boolean')
      ? ` (quote it, "${String(f.node.value)}", to keep it as text)`
      : '';
  return wrongType(f, expected, d, hint) || undefined;
}

export function readBoolean(f: Field, d: Diagnostics): boolean | undefined {
  if (f.node.kind === 'scalar' && typeof f.node.value === 'boolean') return f.node.value;
  return wrongType(f, 'true or false', d) || undefined;
}

/** One of a fixed list of names; `code` names the unknown-value error (`unknown-fault`, …). */
export function readEnum<T extends string>(f: Field, values: readonly T[], noun: string, code: ScenarioErrorCode, d: Diagnostics): T | undefined {
  const expected = `one of ${values.join(', ')}`;
  if (f.node.kind !== 'scalar' || typeof f.node.value !== 'string') return wrongType(f, `a ${noun}, ${expected}`, d) || undefined;
  const value = f.node.value;
  if ((values as readonly string[]).includes(value)) return value as T;
  d.error(code, at(f), `unknown ${noun} ${quoteValue(value)}; expected ${expected}${suggestion(value, values)}`);
  return undefined;
}

/** A duration (see `duration.ts`) in ms; a YAML number other than 0 is reported as missing its unit. */
export function readDuration(f: Field, d: Diagnostics): number | undefined {
  const value = f.node.kind === 'scalar' ? f.node.value : undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    if (value === 0) return 0;
    const message = `${label(f)} must be a duration with a unit; found the number ${value} (units are required: ms, s, m or h, e.g. ${value}s)`;
    d.error('missing-duration-unit', at(f), message);
    return undefined;
  }
  if (typeof value !== 'string') return wrongType(f, 'a duration of 0 or more such as 250ms, 60s, 1.5m or 1h30m', d) || undefined;
  const result = parseDuration(value);
  if (result.ok) return result.ms;
  d.error(result.code, at(f), `${label(f)}: ${result.message}`);
  return undefined;
}

/** A non-negative integer up to `max`, reported with `code` when out of range or not whole. */
export function readCount(f: Field, max: number, code: ScenarioErrorCode, d: Diagnostics, what = 'a whole number'): number | undefined {
  const value = f.node.kind === 'scalar' ? f.node.value : undefined;
  if (typeof value !== 'number') return wrongType(f, `${what} from 0 to ${max}`, d) || undefined;
  if (Number.isInteger(value) && value >= 0 && value <= max) return value;
  d.error(code, at(f), `${label(f)} must be a whole number from 0 to ${max}; found ${value}`);
  return undefined;
}
