import { childPath, indexPath, type Issue } from './diagnostics.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import type { MapEntry, SourceNode } from './source-node.js';

/** Thrown inside the conversion only, to stop at the first limit; turned into an issue below. */
class LimitReached extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

/**
 * Turns an already-parsed value (a JSON request body) into a {@link SourceNode} tree without positions.
 * Keys whose value is `undefined` are treated as absent, as `JSON.stringify` would. Cycles and very deep
 * values stop at {@link SCENARIO_LIMITS.maxDepth}.
 */
export function plainToSource(value: unknown): { readonly root?: SourceNode; readonly issues: readonly Issue[] } {
  const counter = { nodes: 0 };
  try {
    return { root: convert(value, '', 0, counter), issues: [] };
  } catch (error) {
    if (error instanceof LimitReached) return { issues: [error.issue] };
    throw error;
  }
}

function convert(value: unknown, path: string, depth: number, counter: { nodes: number }): SourceNode {
  counter.nodes += 1;
  if (counter.nodes > SCENARIO_LIMITS.maxNodes) {
    throw new LimitReached({ code: 'alias-limit', path, message: `the value holds more than ${SCENARIO_LIMITS.maxNodes} values` });
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    return { kind: 'scalar', value };
  }
  if (typeof value !== 'object') return { kind: 'other', description: typeof value === 'undefined' ? 'undefined' : `a ${typeof value}` };
  if (depth >= SCENARIO_LIMITS.maxDepth) {
    const message = `value is nested deeper than ${SCENARIO_LIMITS.maxDepth} levels (or contains a cycle)`;
    throw new LimitReached({ code: 'nesting-too-deep', path, message });
  }
  if (Array.isArray(value)) {
    return { kind: 'seq', items: value.map((item: unknown, i) => convert(item, indexPath(path, i), depth + 1, counter)) };
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { kind: 'other', description: `an object of type ${typeName(value)}` };
  const entries: MapEntry[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) entries.push({ key, value: convert(item, childPath(path, key), depth + 1, counter) });
  }
  return { kind: 'map', entries };
}

function typeName(value: object): string {
  const name: unknown = value.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}
