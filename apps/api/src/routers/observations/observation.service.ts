import { ConflictError, NotFoundError } from '@asr-twin/domain';
import { type FieldChange, FleetRepository, RouterRepository, RouterStateRepository } from '@asr-twin/persistence';
import { CatalogPublisher, routersAddedMessage, routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import { Injectable } from '@nestjs/common';
import { FreshnessPolicy } from '../freshness.policy.js';
import { presentRouterTree, type RouterTree } from '../router.presenter.js';
import { ObservationParser } from '../../parsing/observation-parser.js';
import { commandsOf } from './observation-parse.js';
import { planObservation } from './observation-plan.js';
import { initialTwin, newRouterOf } from './observed-router.js';
import { twinChanges } from './twin-diff.js';

/** The router after an observation, and every stored field the observation changed. */
export interface ObservationResult {
  readonly router: RouterTree;
  readonly changes: readonly FieldChange[];
}

/**
 * Real device output into the twin. The whole paste is parsed and mapped onto the router before anything is
 * written; the write is one transaction with one change-log row per changed entity. Uptimes printed by the
 * device become stored origins against the wall clock at the time of the request.
 */
@Injectable()
export class ObservationService {
  constructor(
    private readonly routers: RouterRepository,
    private readonly fleets: FleetRepository,
    private readonly states: RouterStateRepository,
    private readonly publisher: RouterStatePublisher,
    private readonly catalog: CatalogPublisher,
    private readonly freshness: FreshnessPolicy,
    private readonly parser: ObservationParser,
  ) {}

  /**
   * Applies device output to a stored router (by id or hostname) and records the observation (now, and its
   * commands) on it. An observation that changes nothing (the twin's own `show` output posted back, say) keeps
   * `stateVersion` and writes no change-log row, but still refreshes the router's freshness: it proved the
   * stored state current.
   */
  async observe(idOrHostname: string, text: string, actor: string): Promise<ObservationResult> {
    const set = await this.parser.parse(text);
    const router = await this.routers.findDetail(idOrHostname);
    if (!router) throw new NotFoundError('router', idOrHostname);
    const nowMs = Date.now();
    const next = planObservation(router, set, nowMs);
    const changes = twinChanges(router.hostname, router, next);
    const observed = { at: new Date(nowMs).toISOString(), command: commandsOf(set) };
    const write = { routerId: router.id, expectedStateVersion: router.stateVersion, next, changes, observed };
    if (changes.length === 0) {
      const [outcome] = await this.states.applyMany([write], actor);
      if (!outcome?.written) throw concurrentChange();
      // Nothing changed but the time it was observed: cached trees must still show it.
      await this.publisher.markChanged();
      return { router: presentRouterTree({ ...router, observedAt: observed.at, observedCommand: observed.command }, this.freshness), changes };
    }
    const updated = await this.states.apply(write, actor);
    await this.publisher.announce(routerStateMessage(updated, 'updated'));
    return { router: presentRouterTree(updated, this.freshness), changes };
  }

  /**
   * Creates a router in a fleet (id or name) from device output alone (`show version` required), then applies
   * the rest of the output to it, in one transaction. `ConflictError` if the hostname is taken.
   */
  async create(fleetIdOrName: string, text: string, actor: string): Promise<ObservationResult> {
    const set = await this.parser.parse(text);
    const fleet = await this.fleets.find(fleetIdOrName);
    if (!fleet) throw new NotFoundError('fleet', fleetIdOrName);
    const router = newRouterOf(set);
    if ((await this.routers.findTakenHostnames([router.hostname])).length > 0) {
      throw new ConflictError(`hostname "${router.hostname}" is already taken`, [{ field: 'hostname', message: 'already taken' }]);
    }
    const nowMs = Date.now();
    const initial = initialTwin(router, nowMs);
    const next = planObservation(initial, set, nowMs);
    const changes = twinChanges(router.hostname, initial, next);
    const observed = { at: new Date(nowMs).toISOString(), command: commandsOf(set) };
    const created = await this.states.insertObserved(fleet.id, router, next, changes, observed, actor);
    await this.publisher.announce(routerStateMessage(created, 'created'));
    await this.catalog.announce(routersAddedMessage(fleet, 1, true));
    return { router: presentRouterTree(created, this.freshness), changes };
  }
}

function concurrentChange(): ConflictError {
  return new ConflictError('the router changed (or was deleted) while this observation was prepared; send the request again', [
    { field: 'router', message: 'concurrent change' },
  ]);
}
