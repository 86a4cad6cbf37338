import type { SourcePosition } from '@asr-twin/domain';

/**
 * A document as the validator sees it: maps, lists and scalars, each with its position when it came from
 * text. YAML (with aliases expanded) and already-parsed JSON values are both turned into this, so one
 * validator serves both and positions are never lost on the way.
 */
export type SourceNode = MapNode | SeqNode | ScalarNode | OtherNode;

export interface MapNode {
  readonly kind: 'map';
  /** Entries in source order; duplicate keys are already reported and dropped. */
  readonly entries: readonly MapEntry[];
  readonly pos?: SourcePosition;
}

export interface MapEntry {
  readonly key: string;
  readonly keyPos?: SourcePosition;
  readonly value: SourceNode;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly SourceNode[];
  readonly pos?: SourcePosition;
}

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly pos?: SourcePosition;
}

/** A value no scenario field accepts (a YAML 1.1 timestamp or binary, a JS function, `undefined`, …). */
export interface OtherNode {
  readonly kind: 'other';
  /** What it is, for messages: `a timestamp`, `undefined`. */
  readonly description: string;
  readonly pos?: SourcePosition;
}

/** How a node reads in a message: `a list`, `the number 42`, `an empty value (null)`. */
export function describeNode(node: SourceNode): string {
  switch (node.kind) {
    case 'map':
      return 'a map';
    case 'seq':
      return 'a list';
    case 'other':
      return node.description;
    case 'scalar':
      return describeScalar(node.value);
  }
}

function describeScalar(value: string | number | boolean | null): string {
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return `the string ${quoteValue(value)}`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  return `the boolean ${String(value)}`;
}

/** A string as shown in messages: JSON-quoted (control characters escaped) and cut at 60 characters. */
export function quoteValue(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
