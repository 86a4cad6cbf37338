import { ConflictError, type Freshness, initialRouterState, NotFoundError, routerHealth, ValidationError } from '@asr-twin/domain';
import { CatalogPublisher, ROUTER_STATE_BULK_LIMIT, routersAddedMessage, routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import {
  type ChangeComponent,
  type ChangeRecord,
  ChangeLogRepository,
  type Fleet,
  FleetRepository,
  type NewRouter,
  type Page,
  type PageRequest,
  type RouterFilter,
  RouterRepository,
  type RouterSummary,
} from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { RouterTreeCache } from '../cache/read-cache.module.js';
import { FreshnessPolicy } from './freshness.policy.js';
import { checkPopulation, fromInput, generateRouters } from './router-generator.js';
import { presentRouterTree, type RouterTree } from './router.presenter.js';
import type { RouterQuery } from './router.requests.js';
import type { GenerateSpec, RouterInput } from './router.schemas.js';

export interface AddRoutersResult {
  readonly fleetId: string;
  readonly created: number;
  readonly routers: readonly { readonly id: string; readonly hostname: string; readonly model: string }[];
}

/** A list row: the stored summary and its freshness now. */
export type RouterListItem = RouterSummary & { readonly freshness: Freshness };

export interface RouterPatchInput {
  readonly fleet?: string;
  readonly serial?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

@Injectable()
export class RouterService {
  constructor(
    private readonly routers: RouterRepository,
    private readonly fleets: FleetRepository,
    private readonly changeLog: ChangeLogRepository,
    private readonly publisher: RouterStatePublisher,
    private readonly catalog: CatalogPublisher,
    private readonly freshness: FreshnessPolicy,
    private readonly cache: RouterTreeCache,
  ) {}

  async addRouters(fleetIdOrName: string, inputs: readonly RouterInput[], actor: string): Promise<AddRoutersResult> {
    const fleet = await this.requireFleet(fleetIdOrName);
    assertUniqueHostnames(inputs);
    const taken = await this.routers.findTakenHostnames(inputs.map((r) => r.hostname));
    if (taken.length > 0) {
      const index = new Map(inputs.map((r, i) => [r.hostname, i]));
      const issues = taken.map((h) => ({ field: `routers.${index.get(h)}.hostname`, message: `"${h}" is already taken` }));
      throw new ConflictError(`${taken.length} hostname(s) already taken: ${taken.slice(0, 5).join(', ')}`, issues);
    }
    const routers = inputs.map(fromInput);
    checkPopulation(routers, (k) => `routers.${k}.`);
    return this.insert(fleet, routers, actor);
  }

  async generate(fleetIdOrName: string, spec: GenerateSpec, actor: string): Promise<AddRoutersResult> {
    const fleet = await this.requireFleet(fleetIdOrName);
    const prefix = spec.hostnamePrefix ?? `${fleet.name}-`;
    const first = (await this.routers.maxHostnameIndex(prefix)) + 1;
    const lastName = `${prefix}${String(first + spec.count - 1).padStart(5, '0')}`;
    if (lastName.length > 63) {
      throw new ValidationError(`generated hostnames would exceed 63 characters (${lastName})`, [
        { field: 'generate.hostnamePrefix', message: 'too long for the number of routers' },
      ]);
    }
    // Every router of one model gets the same release and population: checking one per model checks them all.
    checkPopulation(generateRouters({ ...spec, count: spec.models.length }, prefix, first), () => 'generate.');
    return this.insert(fleet, generateRouters(spec, prefix, first), actor);
  }

  /**
   * {@link get} as the JSON bytes of the answer, from this process's cache while nothing in the twin changed
   * (`twinEpoch`, read by the request before anything else; null reads PostgreSQL) and the router's freshness now
   * is the one the cached bytes carry; otherwise presented and serialised again (and cached).
   */
  async getCachedJson(idOrHostname: string, twinEpoch: string | null): Promise<Buffer> {
    const cached = this.cachedJson(idOrHostname, twinEpoch);
    if (cached !== undefined) return cached;
    const router = await this.routers.findDetail(idOrHostname);
    if (!router) throw new NotFoundError('router', idOrHostname);
    const tree = presentRouterTree(router, this.freshness);
    const body = Buffer.from(JSON.stringify(tree));
    this.cache.set(idOrHostname, twinEpoch, { observedAt: tree.observedAt, freshness: tree.freshness, body });
    return body;
  }

  /**
   * The cached JSON bytes {@link getCachedJson} would answer without reading PostgreSQL, or undefined when there
   * are none for `twinEpoch` or the router's freshness has changed since they were cached.
   */
  cachedJson(idOrHostname: string, twinEpoch: string | null): Buffer | undefined {
    const cached = this.cache.get(idOrHostname, twinEpoch);
    return cached !== undefined && this.freshness.of(cached.observedAt) === cached.freshness ? cached.body : undefined;
  }

  async get(idOrHostname: string): Promise<RouterTree> {
    const router = await this.routers.findDetail(idOrHostname);
    if (!router) throw new NotFoundError('router', idOrHostname);
    return presentRouterTree(router, this.freshness);
  }

  /** Routers by id with their whole trees, in the order asked, null for unknown ids; one query for the batch. */
  async getMany(ids: readonly string[]): Promise<(RouterTree | null)[]> {
    const byId = new Map((await this.routers.findDetails(ids)).map((r) => [r.id, r]));
    return ids.map((id) => {
      const detail = byId.get(id);
      return detail ? presentRouterTree(detail, this.freshness) : null;
    });
  }

  /** A page of routers; the freshness filter and each row's freshness are judged against the same clock. */
  async list(query: RouterQuery, page: PageRequest): Promise<Page<RouterListItem>> {
    const nowMs = Date.now();
    const { freshness, ...rest } = query;
    const filter: RouterFilter = freshness?.length ? { ...rest, freshness: this.freshness.filter(freshness, nowMs) } : rest;
    const found = await this.routers.list(filter, page);
    return { ...found, items: found.items.map((r) => ({ ...r, freshness: this.freshness.of(r.observedAt, nowMs) })) };
  }

  async update(idOrHostname: string, patch: RouterPatchInput, actor: string): Promise<RouterTree> {
    const router = await this.get(idOrHostname);
    const { fleet, ...rest } = patch;
    const fleetId = fleet === undefined ? undefined : (await this.requireFleet(fleet)).id;
    const updated = await this.routers.update(router.id, { ...rest, ...(fleetId ? { fleetId } : {}) }, actor);
    if (!updated) throw new NotFoundError('router', idOrHostname);
    if (updated.fleetId !== router.fleetId) {
      await this.publisher.announce(routerStateMessage(updated, 'updated', { previousFleetId: router.fleetId }));
    } else {
      await this.publisher.markChanged();
    }
    return presentRouterTree(updated, this.freshness);
  }

  async delete(idOrHostname: string, actor: string): Promise<void> {
    const router = await this.get(idOrHostname);
    if (!(await this.routers.delete(router.id, actor))) throw new NotFoundError('router', idOrHostname);
    await this.publisher.announce(routerStateMessage(router, 'deleted'));
  }

  /** The router's change log, newest first; with `component`, only that part's rows. */
  async changes(idOrHostname: string, page: PageRequest, component?: ChangeComponent): Promise<Page<ChangeRecord>> {
    const router = await this.get(idOrHostname);
    return this.changeLog.listForRouter(router.id, page, component);
  }

  /** One bulk insert; then a `created` message per router (small inserts only) and one `routersAdded` for the fleet. */
  private async insert(fleet: Fleet, routers: readonly NewRouter[], actor: string): Promise<AddRoutersResult> {
    const ids = await this.routers.insertMany(fleet.id, routers, actor);
    const announced = await this.publishCreated(fleet.id, routers, ids);
    if (ids.length > 0) await this.catalog.announce(routersAddedMessage(fleet, ids.length, announced));
    return {
      fleetId: fleet.id,
      created: ids.length,
      routers: ids.map((id, i) => ({ id, hostname: routers[i]!.hostname, model: routers[i]!.model })),
    };
  }

  /**
   * One `created` message per new router, each in its healthy initial state at the first state version; nothing
   * for bulk creations larger than {@link ROUTER_STATE_BULK_LIMIT} (see there). Whether it published them.
   */
  private async publishCreated(fleetId: string, routers: readonly NewRouter[], ids: readonly string[]): Promise<boolean> {
    if (ids.length > ROUTER_STATE_BULK_LIMIT) return false;
    const at = new Date();
    await this.publisher.announce(
      routers.map((r, i) => {
        const health = routerHealth(initialRouterState({ model: r.model, redundancyMode: r.redundancyMode, softwareVersion: r.softwareVersion }));
        return routerStateMessage({ id: ids[i]!, hostname: r.hostname, fleetId, health, stateVersion: 1 }, 'created', { at });
      }),
    );
    return true;
  }

  private async requireFleet(idOrName: string) {
    const fleet = await this.fleets.find(idOrName);
    if (!fleet) throw new NotFoundError('fleet', idOrName);
    return fleet;
  }
}

function assertUniqueHostnames(inputs: readonly RouterInput[]): void {
  const first = new Map<string, number>();
  const issues = inputs.flatMap((r, i) => {
    const seen = first.get(r.hostname);
    if (seen === undefined) {
      first.set(r.hostname, i);
      return [];
    }
    return [{ field: `routers.${i}.hostname`, message: `duplicate of routers.${seen}.hostname ("${r.hostname}")` }];
  });
  if (issues.length > 0) throw new ValidationError(`duplicate hostnames in the request`, issues);
}
