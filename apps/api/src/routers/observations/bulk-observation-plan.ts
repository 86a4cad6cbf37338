import { DomainError, type ErrorCode } from '@asr-twin/domain';
import { commandFromCommandLine, SHOW_COMMANDS } from '@asr-twin/ios-cli';
import type { FieldChange, ObservedRouterWrite, RouterDetail } from '@asr-twin/persistence';
import type { BulkItem, BulkItemInput } from './bulk-observation-body.js';
import type { ObservationOutcome } from '../../parsing/parse-tasks.js';
import { commandsOf, type ObservationSet, parseObservation } from './observation-parse.js';
import { planObservation } from './observation-plan.js';
import { twinChanges } from './twin-diff.js';

/** What a bulk observation did with one item. */
export type BulkOutcome = 'applied' | 'unchanged' | 'refused' | 'unknown-router';

/** The answer for one item, in the order of the request. */
export interface BulkItemResult {
  /** 0-based position of the item in the request (array index, or the n-th NDJSON item). */
  readonly index: number;
  readonly hostname: string | null;
  /** The commands found in the output (`show redundancy`), `null` when none could be read. */
  readonly command: string | null;
  readonly outcome: BulkOutcome;
  /** Why it was refused: a stable error code (`VALIDATION_FAILED`, `CONFLICT`, `INVARIANT_VIOLATION`). */
  readonly code?: ErrorCode;
  readonly reason?: string;
  /** `applied`: every stored field the router's update changed (the same list on each item of the router). */
  readonly changes?: readonly FieldChange[];
}

/** A router's update, ready to write, and the items it comes from. */
export interface PlannedRouter {
  readonly router: RouterDetail;
  readonly items: readonly number[];
  readonly write: ObservedRouterWrite;
}

export interface BulkPlan {
  /** Answers already known (refused, unknown router), by item index. */
  readonly decided: ReadonlyMap<number, BulkItemResult>;
  /** Commands found per usable item, by index. */
  readonly commands: ReadonlyMap<number, string>;
  readonly routers: readonly PlannedRouter[];
}

/** How far in the future an `observedAt` may lie (clocks of collectors drift). */
const FUTURE_SLACK_MS = 5 * 60_000;

class ItemRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Parsed = { readonly index: number; readonly item: BulkItemInput; readonly set: ObservationSet };

/** The item's output read here, when the parse workers have not read it already. */
function readOutput(output: string): ObservationSet {
  try {
    return parseObservation(output);
  } catch (error) {
    if (error instanceof DomainError) throw new ItemRefusal(error.code, error.message);
    throw error;
  }
}

/** Parses (or takes the parse workers' reading of) one item's output and checks its `command` and `observedAt`; throws {@link ItemRefusal}. */
function parseItem(index: number, item: BulkItemInput, nowMs: number, outcome: ObservationOutcome | undefined): Parsed {
  if (outcome !== undefined && !outcome.ok) throw new ItemRefusal(outcome.error.code, outcome.error.message);
  const set = outcome === undefined ? readOutput(item.output) : outcome.set;
  if (item.command !== undefined) {
    const said = commandFromCommandLine(item.command.replace(/[_-]+/g, ' '));
    const found = commandsOf(set);
    if (said === undefined) throw new ItemRefusal('VALIDATION_FAILED', `command "${item.command}" is not one of ${SHOW_COMMANDS.join(', ')}`);
    if (found !== said) throw new ItemRefusal('VALIDATION_FAILED', `command is "${said}" but the output is that of ${found}`);
  }
  if (item.observedAt !== undefined && Date.parse(item.observedAt) > nowMs + FUTURE_SLACK_MS) {
    throw new ItemRefusal('VALIDATION_FAILED', `observedAt ${item.observedAt} lies in the future`);
  }
  return { index, item, set };
}

/** The outputs of a router's items as one set; a command in two items refuses the router. */
function merge(parsed: readonly Parsed[]): ObservationSet {
  const keys = ['redundancy', 'states', 'version', 'platform'] as const;
  const merged: { -readonly [K in keyof ObservationSet]: ObservationSet[K] } = { redundancy: null, states: null, version: null, platform: null };
  const from: Partial<Record<(typeof keys)[number], number>> = {};
  for (const p of parsed) {
    for (const key of keys) {
      const entry = p.set[key];
      if (entry === null) continue;
      if (merged[key] !== null) {
        throw new ItemRefusal(
          'VALIDATION_FAILED',
          `items ${from[key]} and ${p.index} both hold ${entry.value.command}; send one output per command and router`,
        );
      }
      (merged as Record<string, unknown>)[key] = entry;
      from[key] = p.index;
    }
  }
  return merged;
}

/** The router's update from its parsed items, or the refusal of all of them. */
function planRouter(router: RouterDetail, parsed: readonly Parsed[], nowMs: number): ObservedRouterWrite {
  const set = merge(parsed);
  const atMs = Math.max(...parsed.map((p) => (p.item.observedAt === undefined ? nowMs : Date.parse(p.item.observedAt))));
  if (router.observedAt !== null && atMs < Date.parse(router.observedAt)) {
    throw new ItemRefusal(
      'CONFLICT',
      `observed at ${new Date(atMs).toISOString()}, before the router's last observation (${router.observedAt}); the twin keeps the newer`,
    );
  }
  let next;
  try {
    next = planObservation(router, set, atMs);
  } catch (error) {
    if (error instanceof DomainError) throw new ItemRefusal(error.code, error.message);
    throw error;
  }
  const changes = twinChanges(router.hostname, router, next);
  return {
    routerId: router.id,
    expectedStateVersion: router.stateVersion,
    next,
    changes,
    observed: { at: new Date(atMs).toISOString(), command: commandsOf(set) },
  };
}

function refusal(index: number, hostname: string | null, command: string | null, code: ErrorCode, reason: string): BulkItemResult {
  return { index, hostname, command, outcome: 'refused', code, reason };
}

/**
 * Plans a bulk observation (pure; `nowMs` is the wall clock of the request): groups the items by hostname, reads
 * every item of a known router, and maps each router's items together onto its stored state, as one update.
 * A router whose item is refused is refused whole: that item says why, its other items name it. Items of
 * unknown hostnames are `unknown-router`; items refused on their own shape are refused. Nothing is written here.
 * `outputs` holds the items' outputs as the parse workers read them, by item index; an item without one is read here.
 */
export function planBulkObservation(
  items: readonly BulkItem[],
  routers: ReadonlyMap<string, RouterDetail>,
  nowMs: number,
  outputs: ReadonlyMap<number, ObservationOutcome> = new Map(),
): BulkPlan {
  const decided = new Map<number, BulkItemResult>();
  const commands = new Map<number, string>();
  const byHostname = new Map<string, { index: number; item: BulkItemInput }[]>();
  for (const entry of items) {
    if (!entry.ok) {
      decided.set(entry.index, refusal(entry.index, entry.hostname, null, 'VALIDATION_FAILED', entry.reason));
      continue;
    }
    const list = byHostname.get(entry.item.hostname) ?? [];
    list.push({ index: entry.index, item: entry.item });
    byHostname.set(entry.item.hostname, list);
  }
  const planned: PlannedRouter[] = [];
  for (const [hostname, group] of byHostname) {
    const router = routers.get(hostname);
    if (!router) {
      for (const g of group)
        decided.set(g.index, { index: g.index, hostname, command: null, outcome: 'unknown-router', reason: `no router is named ${hostname}` });
      continue;
    }
    const parsed: Parsed[] = [];
    let failed: { index: number; refusal: ItemRefusal } | null = null;
    for (const g of group) {
      try {
        const p = parseItem(g.index, g.item, nowMs, outputs.get(g.index));
        parsed.push(p);
        commands.set(g.index, commandsOf(p.set));
      } catch (error) {
        if (!(error instanceof ItemRefusal)) throw error;
        decided.set(g.index, refusal(g.index, hostname, null, error.code, error.message));
        failed ??= { index: g.index, refusal: error };
      }
    }
    if (failed !== null) {
      const { index, refusal: why } = failed;
      for (const p of parsed) {
        decided.set(
          p.index,
          refusal(p.index, hostname, commands.get(p.index) ?? null, why.code, `not applied: item ${index} of ${hostname} was refused (${why.message})`),
        );
      }
      continue;
    }
    try {
      planned.push({ router, items: group.map((g) => g.index), write: planRouter(router, parsed, nowMs) });
    } catch (error) {
      if (!(error instanceof ItemRefusal)) throw error;
      for (const p of parsed) decided.set(p.index, refusal(p.index, hostname, commands.get(p.index) ?? null, error.code, error.message));
    }
  }
  return { decided, commands, routers: planned };
}
