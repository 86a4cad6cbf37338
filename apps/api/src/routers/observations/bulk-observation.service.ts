import { CatalogPublisher, ROUTER_STATE_BULK_LIMIT, routersObservedMessage, routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import { FleetRepository, type ObservedRouterOutcome, RouterRepository, RouterStateRepository } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { ObservationParser } from '../../parsing/observation-parser.js';
import type { BulkItem } from './bulk-observation-body.js';
import { type BulkItemResult, type BulkPlan, planBulkObservation, type PlannedRouter } from './bulk-observation-plan.js';

/** Items by outcome. */
export interface BulkObservationSummary {
  readonly items: number;
  readonly applied: number;
  readonly unchanged: number;
  readonly refused: number;
  readonly unknownRouter: number;
}

/** The answer of a bulk observation: the counts, and one result per item in the order of the request. */
export interface BulkObservationResult {
  readonly summary: BulkObservationSummary;
  readonly items: readonly BulkItemResult[];
}

/** The results of the planned routers' items, from what the write did to each router. */
function writtenResults(plan: BulkPlan, outcomes: readonly ObservedRouterOutcome[]): Map<number, BulkItemResult> {
  const results = new Map<number, BulkItemResult>();
  plan.routers.forEach((p, n) => {
    const written = outcomes[n]?.written === true;
    const { changes } = p.write;
    for (const index of p.items) {
      const base = { index, hostname: p.router.hostname, command: plan.commands.get(index) ?? null };
      results.set(
        index,
        !written
          ? {
              ...base,
              outcome: 'refused',
              code: 'CONFLICT',
              reason: 'the router changed (or was deleted) while this observation was prepared; send its items again',
            }
          : changes.length > 0
            ? { ...base, outcome: 'applied', changes }
            : { ...base, outcome: 'unchanged' },
      );
    }
  });
  return results;
}

function summarise(items: readonly BulkItemResult[]): BulkObservationSummary {
  const count = (o: BulkItemResult['outcome']) => items.filter((i) => i.outcome === o).length;
  return { items: items.length, applied: count('applied'), unchanged: count('unchanged'), refused: count('refused'), unknownRouter: count('unknown-router') };
}

/**
 * Many routers' device output at once (`POST /observations`, the `observe` mutation, `twin sync`). The routers
 * are read in one statement, every item is parsed and planned in memory, and the routers are written in
 * batches by {@link RouterStateRepository.applyMany}: a fixed number of statements per batch, never a round trip
 * per router. Each router's update is atomic, and a refused item or router never stops the others.
 */
@Injectable()
export class BulkObservationService {
  constructor(
    private readonly routers: RouterRepository,
    private readonly fleets: FleetRepository,
    private readonly states: RouterStateRepository,
    private readonly publisher: RouterStatePublisher,
    private readonly catalog: CatalogPublisher,
    private readonly parser: ObservationParser,
  ) {}

  /** Applies the items (as read by `bulkItemsOf`) and answers one result per item; the outputs are parsed on the parse workers. */
  async observe(items: readonly BulkItem[], actor: string): Promise<BulkObservationResult> {
    const usable = items.flatMap((i) => (i.ok ? [i] : []));
    const hostnames = [...new Set(usable.map((i) => i.item.hostname))];
    const stored = await this.routers.findDetailsByHostnames(hostnames);
    const storedNames = new Set(stored.map((r) => r.hostname));
    const known = usable.filter((i) => storedNames.has(i.item.hostname));
    const readings = await this.parser.parseMany(known.map((i) => i.item.output));
    const outputs = new Map(known.map((i, n) => [i.index, readings[n]!]));
    const plan = planBulkObservation(items, new Map(stored.map((r) => [r.hostname, r])), Date.now(), outputs);
    const outcomes = await this.states.applyMany(
      plan.routers.map((p) => p.write),
      actor,
    );
    const written = writtenResults(plan, outcomes);
    const results = items.map((i) => plan.decided.get(i.index) ?? written.get(i.index)).filter((r): r is BulkItemResult => r !== undefined);
    // Like every publication, never waited for and never failing the request.
    this.announce(plan.routers.filter((_, n) => outcomes[n]?.written === true)).catch(() => undefined);
    return { summary: summarise(results), items: results };
  }

  /**
   * After the commit: an `updated` router state message per changed router when there are at most
   * {@link ROUTER_STATE_BULK_LIMIT}, and one `routersObserved` catalog message per fleet whatever the count.
   */
  private async announce(observed: readonly PlannedRouter[]): Promise<void> {
    if (observed.length === 0) return;
    const at = new Date();
    const changed = observed.filter((p) => p.write.changes.length > 0);
    const announced = changed.length <= ROUTER_STATE_BULK_LIMIT;
    if (announced) {
      await this.publisher.announce(
        changed.map((p) => routerStateMessage({ ...p.router, health: p.write.next.health, stateVersion: p.write.expectedStateVersion + 1 }, 'updated', { at })),
      );
    }
    const perFleet = new Map<string, number>();
    for (const p of observed) perFleet.set(p.router.fleetId, (perFleet.get(p.router.fleetId) ?? 0) + 1);
    const fleets = await this.fleets.findMany([...perFleet.keys()]);
    await this.catalog.announce(fleets.map((f) => routersObservedMessage(f, perFleet.get(f.id) ?? 0, announced, at)));
  }
}
