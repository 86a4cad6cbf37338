import { initialRouterState, NotFoundError, routerHealth } from '@asr-twin/domain';
import { CatalogPublisher, ROUTER_STATE_BULK_LIMIT, routersAddedMessage, routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import { type AppliedImport, type FleetRef, RouterImportRepository, type RouterImportWrites } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { checkRows, type FleetScope, type ImportOutcome, type ImportRowResult } from './inventory-check.js';
import { parseCsvInventory } from './inventory-csv.parser.js';
import { parseNetboxInventory } from './inventory-netbox.parser.js';
import { planImport } from './inventory-plan.js';
import type { ImportFormat, ParsedInventory, RawInventoryRow } from './inventory-rows.js';

/** An import's input: CSV text, or a NetBox device list as parsed JSON. */
export type ImportRequest = { readonly format: 'csv'; readonly text: string } | { readonly format: 'netbox'; readonly document: unknown };

/** The answer of an import: what happened to each row, and the counts. */
export interface ImportReport {
  /** The import's fleet: where rows that name no fleet go. */
  readonly fleet: FleetRef;
  readonly format: ImportFormat;
  readonly summary: Readonly<Record<ImportOutcome, number>>;
  /** Warnings about the file as a whole (unknown CSV columns, unmapped NetBox custom fields, a partial page). */
  readonly warnings: readonly string[];
  readonly rows: readonly ImportRowResult[];
}

/**
 * Inventory import: routers created or updated in bulk from a CSV file or a NetBox device list, idempotent by
 * hostname. Each row is applied whole or refused with its reason; the good rows are written in one transaction
 * with bulk statements.
 */
@Injectable()
export class InventoryService {
  constructor(
    private readonly imports: RouterImportRepository,
    private readonly states: RouterStatePublisher,
    private readonly catalog: CatalogPublisher,
  ) {}

  async import(fleetIdOrName: string, request: ImportRequest, actor: string): Promise<ImportReport> {
    const parsed: ParsedInventory = request.format === 'csv' ? parseCsvInventory(request.text) : parseNetboxInventory(request.document);
    const scope = await this.scopeOf(fleetIdOrName, parsed.rows);
    const checked = checkRows(parsed.rows, scope);
    const hostnames = checked.flatMap((r) => ('outcome' in r ? [] : [r.hostname]));
    const { result, applied } = await this.imports.importRouters(
      hostnames,
      (stored) => {
        const plan = planImport(checked, stored);
        return { writes: plan.writes, result: plan };
      },
      actor,
    );
    await this.announce(scope, result.writes, applied);
    const summary = { created: 0, updated: 0, unchanged: 0, refused: 0 };
    for (const row of result.results) summary[row.outcome]++;
    return { fleet: scope.fleet, format: request.format, summary, warnings: parsed.warnings, rows: result.results };
  }

  /** The import's fleet and every fleet a row names, in one query; the import's fleet must exist. */
  private async scopeOf(fleetIdOrName: string, rows: readonly RawInventoryRow[]): Promise<FleetScope> {
    const named = new Set(rows.flatMap((r) => (r.fleet === undefined ? [] : [r.fleet])));
    const fleets = await this.imports.findFleets([fleetIdOrName, ...named]);
    const byKey = new Map<string, FleetRef>();
    for (const f of fleets) byKey.set(f.id, f).set(f.name, f);
    const fleet = byKey.get(fleetIdOrName);
    if (!fleet) throw new NotFoundError('fleet', fleetIdOrName);
    return { fleet, byKey };
  }

  /**
   * After the commit: one `routersAdded` per fleet that got routers; a `created` router-state message per new
   * router and an `updated` one per router whose twin state was reset or that moved fleet, each only while the
   * import has at most {@link ROUTER_STATE_BULK_LIMIT} of them (as for bulk creation: no flood).
   */
  private async announce(scope: FleetScope, writes: RouterImportWrites, applied: AppliedImport): Promise<void> {
    // Updates that change no state or fleet publish nothing, but cached reads must still see them.
    await this.catalog.markChanged();
    const at = new Date();
    const createdCount = applied.created.reduce((n, g) => n + g.ids.length, 0);
    const announced = createdCount <= ROUTER_STATE_BULK_LIMIT;
    if (announced && createdCount > 0) {
      await this.states.announce(
        applied.created.flatMap((group) => {
          const routers = writes.creates.find((c) => c.fleetId === group.fleetId)?.routers ?? [];
          return group.ids.map((id, i) => {
            const r = routers[i]!;
            const health = routerHealth(initialRouterState({ model: r.model, redundancyMode: r.redundancyMode, softwareVersion: r.softwareVersion }));
            return routerStateMessage({ id, hostname: r.hostname, fleetId: group.fleetId, health, stateVersion: 1 }, 'created', { at });
          });
        }),
      );
    }
    for (const group of applied.created) {
      const fleet = scope.byKey.get(group.fleetId);
      if (fleet && group.ids.length > 0) await this.catalog.announce(routersAddedMessage(fleet, group.ids.length, announced, at));
    }
    const changed = applied.updated.filter((u) => u.reset || u.fleetId !== u.previousFleetId);
    if (changed.length > 0 && changed.length <= ROUTER_STATE_BULK_LIMIT) {
      await this.states.announce(
        changed.map((u) => routerStateMessage(u, 'updated', { at, ...(u.fleetId === u.previousFleetId ? {} : { previousFleetId: u.previousFleetId }) })),
      );
    }
  }
}
