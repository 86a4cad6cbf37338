import type { SourcePosition } from '@asr-twin/domain';
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { childPath, indexPath, type Diagnostics, type Issue } from './diagnostics.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import { quoteValue, type MapEntry, type ScalarNode, type SourceNode } from './source-node.js';

type YamlNode = NonNullable<Document.Parsed['contents']>;

/** Thrown inside the conversion only, to stop at the first exceeded limit. */
class LimitReached extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

/**
 * Walks a composed YAML document into {@link SourceNode}s, expanding aliases itself: an anchor table built
 * in document order (the library's `Alias.resolve` rescans the whole document per alias), a node budget
 * against alias bombs, a depth limit for aliases nested in aliases, and cycle detection (`&a [*a]`).
 * Problems found inside an alias expansion are reported once, at the anchored text, not per use.
 */
export class YamlConverter {
  private readonly anchors = new Map<string, YamlNode>();
  private readonly open = new Set<YamlNode>();
  private nodes = 0;
  private aliasDepth = 0;
  private outermostAlias: SourcePosition | undefined;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly position: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** The root node, or undefined when a limit stopped the walk (the issue is reported). */
  run(): SourceNode | undefined {
    try {
      return this.doc.contents === null ? undefined : this.convert(this.doc.contents, '', 0);
    } catch (error) {
      if (!(error instanceof LimitReached)) throw error;
      this.diagnostics.errors.push(error.issue);
      return undefined;
    }
  }

  private convert(node: YamlNode | Alias, path: string, depth: number): SourceNode {
    this.nodes += 1;
    if (this.nodes > SCENARIO_LIMITS.maxNodes) {
      const message = `the document holds more than ${SCENARIO_LIMITS.maxNodes} values once its aliases are expanded (an alias bomb?)`;
      this.stop('alias-limit', path, message, this.outermostAlias ?? this.pos(node));
    }
    if (depth >= SCENARIO_LIMITS.maxDepth && (isMap(node) || isSeq(node))) {
      const message = `aliases nest maps and lists deeper than ${SCENARIO_LIMITS.maxDepth} levels`;
      this.stop('nesting-too-deep', path, message, this.outermostAlias ?? this.pos(node));
    }
    if (isAlias(node)) return this.alias(node, path, depth);
    if (node.anchor !== undefined && this.aliasDepth === 0) this.anchors.set(node.anchor, node);
    if (isScalar(node)) return this.scalar(node.value, this.pos(node));
    this.open.add(node);
    try {
      return isMap(node) ? this.map(node, path, depth) : this.seq(node as YAMLSeq, path, depth);
    } finally {
      this.open.delete(node);
    }
  }

  private alias(node: Alias, path: string, depth: number): SourceNode {
    const target = this.anchors.get(node.source);
    const pos = this.pos(node);
    if (target === undefined || this.open.has(target)) {
      const why = target === undefined ? 'names no anchor defined before it' : 'refers to a node that contains it';
      this.report('yaml-alias', path, `alias *${node.source} ${why}`, pos);
      return { kind: 'other', description: `an unresolvable alias *${node.source}`, ...(pos === undefined ? {} : { pos }) };
    }
    if (this.aliasDepth === 0) this.outermostAlias = pos;
    this.aliasDepth += 1;
    try {
      return this.convert(target, path, depth);
    } finally {
      this.aliasDepth -= 1;
    }
  }

  private map(node: YAMLMap, path: string, depth: number): SourceNode {
    const entries: MapEntry[] = [];
    const seen = new Map<string, SourcePosition | undefined>();
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const key = this.key(pair.key, path, this.pos(node));
      if (key === undefined) continue;
      const keyPos = this.pos(pair.key);
      const where = childPath(path, key);
      if (seen.has(key)) {
        const first = seen.get(key);
        const firstAt = first === undefined ? '' : ` (first given at line ${first.line})`;
        this.report('duplicate-key', where, `duplicate key ${quoteValue(key)}${firstAt}; each key may appear once`, keyPos);
        continue;
      }
      seen.set(key, keyPos);
      const value = isNode(pair.value) ? this.convert(pair.value, where, depth + 1) : this.scalar(null, keyPos);
      entries.push({ key, value, ...(keyPos === undefined ? {} : { keyPos }) });
    }
    return { kind: 'map', entries, ...this.posField(node) };
  }

  private seq(node: YAMLSeq, path: string, depth: number): SourceNode {
    const items = (node.items as unknown[]).map((item, i) =>
      isNode(item) ? this.convert(item, indexPath(path, i), depth + 1) : this.scalar(null, this.pos(node)),
    );
    return { kind: 'seq', items, ...this.posField(node) };
  }

  /** Keys must be plain scalars: a scenario has no use for list or map keys. */
  private key(key: unknown, path: string, mapPos: SourcePosition | undefined): string | undefined {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- not an object here: a YAML scalar (string, number, boolean)
    if (isScalar(key) && key.value !== null && typeof key.value !== 'object') return String(key.value);
    const pos = this.pos(key) ?? mapPos;
    const found = isScalar(key) || key === null ? 'an empty key' : isAlias(key) ? `an alias (*${key.source}) as a key` : 'a map or list as a key';
    this.report('invalid-key', path, `found ${found}; keys are plain names such as "spec"`, pos);
    return undefined;
  }

  private scalar(value: unknown, pos: SourcePosition | undefined): SourceNode {
    const at = pos === undefined ? {} : { pos };
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const node: ScalarNode = { kind: 'scalar', value, ...at };
      return node;
    }
    if (typeof value === 'bigint') return { kind: 'scalar', value: Number(value), ...at };
    const description = value instanceof Date ? 'a timestamp' : value instanceof Uint8Array ? 'binary data' : `a ${typeof value}`;
    return { kind: 'other', description, ...at };
  }

  private report(code: Issue['code'], path: string, message: string, pos: SourcePosition | undefined): void {
    // Inside an alias the same text is walked once per use; its problems were reported at the anchor.
    if (this.aliasDepth === 0) this.diagnostics.error(code, { path, ...(pos === undefined ? {} : { pos }) }, message);
  }

  private stop(code: Issue['code'], path: string, message: string, pos: SourcePosition | undefined): never {
    throw new LimitReached({ code, path, message, ...(pos === undefined ? {} : { pos }) });
  }

  private pos(node: unknown): SourcePosition | undefined {
    const range = (node as { range?: unknown } | null | undefined)?.range;
    return Array.isArray(range) && typeof range[0] === 'number' ? this.position(range[0]) : undefined;
  }

  private posField(node: unknown): { pos?: SourcePosition } {
    const pos = this.pos(node);
    return pos === undefined ? {} : { pos };
  }
}

function isNode(value: unknown): value is YamlNode | Alias {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}
