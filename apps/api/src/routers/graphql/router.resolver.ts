import { type Freshness, NotFoundError, ValidationError } from '@asr-twin/domain';
import type { ShowCommand } from '@asr-twin/ios-cli';
import type { ChangeComponent, ChangeRecord, Fleet as FleetRecord, Page, RouterSummary, TwinEntity } from '@asr-twin/persistence';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../auth/actor.decorator.js';
import { parseInput } from '../../common/validation.js';
import { type RouterActionPlan, RouterActionService } from '../actions/router-action.service.js';
import { FreshnessPolicy } from '../freshness.policy.js';
import { presentRouterTree, type RouterTree } from '../router.presenter.js';
import { GENERATE_BODY, UPDATE_ROUTER } from '../router.schemas.js';
import { RouterService } from '../router.service.js';
import { RouterShowService } from '../show/router-show.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { given, labelRecord, labelsOf, orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import type { Loaders } from '../../graphql/loaders.js';
import { Label, LabelInput } from '../../graphql/models/common.model.js';
import { FreshnessEnum, ShowCommandEnum, TwinEntityEnum } from '../../graphql/models/enums.js';
import { Fleet } from '../../fleets/graphql/fleet.model.js';
import { ChangePage, Chassis, Esp, Hardware, PowerSupply, Redundancy, RouteProcessor, Router, RouterFilter, RouterPage } from './router.model.js';
import { RouterAction } from './router-action.model.js';
import { routerFilterOf } from './router-filter.js';

/** A router as a list row (no tree) or with its whole tree; the tree fields load the tree when missing. */
type RouterParent = RouterSummary | RouterTree;

const MAX_ROUTERS_PAGE = 10_000;
const MAX_CHANGES_PAGE = 1000;

@Resolver(() => Router)
export class RouterResolver {
  constructor(
    private readonly routerService: RouterService,
    private readonly shows: RouterShowService,
    private readonly actions: RouterActionService,
    private readonly freshnessPolicy: FreshnessPolicy,
  ) {}

  @Query(() => RouterPage, { complexity: pagedComplexity, description: 'Routers by hostname; limit up to 10,000. Role: viewer.' })
  @RequireGqlRole('viewer')
  routers(
    @Args('filter', { type: () => RouterFilter, nullable: true }) filter: RouterFilter | null,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<RouterSummary>> {
    return this.routerService.list(routerFilterOf(filter), pageOf({ limit, offset }, MAX_ROUTERS_PAGE));
  }

  @Query(() => Router, { nullable: true, description: 'A router by id or hostname; null when there is none. Role: viewer.' })
  @RequireGqlRole('viewer')
  router(@Args('id', { type: () => ID }) id: string): Promise<RouterTree | null> {
    return orNull(this.routerService.get(id));
  }

  @Mutation(() => Int, { description: 'Generate routers in a fleet (by id or name); answers how many were created. Role: admin.' })
  @RequireGqlRole('admin')
  async generateRouters(
    @Args('fleet', { type: () => ID }) fleet: string,
    @Args('count', { type: () => Int }) count: number,
    @Args('models', { type: () => [String], nullable: true }) models: string[] | null,
    @Args('hostnamePrefix', { type: () => String, nullable: true }) hostnamePrefix: string | null,
    @Actor() actor: string,
  ): Promise<number> {
    const body = parseInput(GENERATE_BODY, { generate: given({ count, models, hostnamePrefix }) }, 'arguments');
    return (await this.routerService.generate(fleet, body.generate, actor)).created;
  }

  @Mutation(() => Router, { description: 'Move a router (by id or hostname) to another fleet, or change its serial or labels. Role: admin.' })
  @RequireGqlRole('admin')
  updateRouter(
    @Args('id', { type: () => ID }) id: string,
    @Args('fleet', { type: () => String, nullable: true }) fleet: string | null,
    @Args('serial', { type: () => String, nullable: true }) serial: string | null,
    @Args('labels', { type: () => [LabelInput], nullable: true }) labels: LabelInput[] | null,
    @Actor() actor: string,
  ): Promise<RouterTree> {
    const patch = given({ fleet, serial, labels: labels ? labelRecord(labels) : null });
    return this.routerService.update(id, parseInput(UPDATE_ROUTER, patch, 'arguments'), actor);
  }

  @Mutation(() => Boolean, { description: 'Delete a router (by id or hostname). Role: admin.' })
  @RequireGqlRole('admin')
  async deleteRouter(@Args('id', { type: () => ID }) id: string, @Actor() actor: string): Promise<boolean> {
    await this.routerService.delete(id, actor);
    return true;
  }

  @Mutation(() => Router, {
    description:
      'redundancy force-switchover on a router (by id or hostname), as POST /routers/:id/actions/force-switchover: the peer takes activity now, the later transitions follow (routerStateChanged). Role: operator.',
  })
  @RequireGqlRole('operator')
  async forceSwitchover(@Args('router', { type: () => ID }) router: string, @Actor() actor: string): Promise<RouterTree> {
    return presentRouterTree((await this.actions.forceSwitchover(router, actor)).router, this.freshnessPolicy);
  }

  @ResolveField(() => Fleet, { description: 'Batched: one query for the fleets of a whole page' })
  async fleet(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<FleetRecord> {
    const fleet = await loaders.fleet.load(router.fleetId);
    if (!fleet) throw new NotFoundError('fleet', router.fleetId);
    return fleet;
  }

  @ResolveField(() => FreshnessEnum, { description: 'fresh, stale (last observed longer ago than OBSERVATION_STALE_AFTER) or never, now' })
  freshness(@Parent() router: RouterParent): Freshness {
    return this.freshnessPolicy.of(router.observedAt);
  }

  @ResolveField(() => [Label])
  labels(@Parent() router: RouterParent): Label[] {
    return labelsOf(router.labels);
  }

  @ResolveField(() => Int, { description: 'Incremented by every change of the twin state' })
  async stateVersion(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<number> {
    return (await treeOf(router, loaders)).stateVersion;
  }

  @ResolveField(() => Chassis, { description: 'rpSlots and espSlots count the slots (REST lists their names)' })
  async chassis(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<Chassis> {
    const { chassis } = await treeOf(router, loaders);
    return { ...chassis, rpSlots: chassis.rpSlots.length, espSlots: chassis.espSlots.length, notes: chassis.notes.length > 0 ? chassis.notes.join(' ') : null };
  }

  @ResolveField(() => Redundancy)
  async redundancy(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<RouterTree['redundancy']> {
    return (await treeOf(router, loaders)).redundancy;
  }

  @ResolveField(() => [RouteProcessor], { description: 'Batched: one query for the trees of a whole page' })
  async routeProcessors(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<RouterTree['routeProcessors']> {
    return (await treeOf(router, loaders)).routeProcessors;
  }

  @ResolveField(() => [Esp])
  async esps(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<RouterTree['esps']> {
    return (await treeOf(router, loaders)).esps;
  }

  @ResolveField(() => Hardware, { description: 'RP/ESP generation and population' })
  async hardware(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<RouterTree['hardware']> {
    return (await treeOf(router, loaders)).hardware;
  }

  @ResolveField(() => [PowerSupply], { description: 'Power-supply bays' })
  async powerSupplies(@Parent() router: RouterParent, @Context('loaders') loaders: Loaders): Promise<RouterTree['powerSupplies']> {
    return (await treeOf(router, loaders)).powerSupplies;
  }

  @ResolveField(() => ChangePage, {
    complexity: pagedComplexity,
    description: "The change log of the router, newest first; with entity (and entityKey, e.g. instance R0/1), only that component's rows",
  })
  changes(
    @Parent() router: RouterParent,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
    @Args('entity', { type: () => TwinEntityEnum, nullable: true }) entity: TwinEntity | null | undefined,
    @Args('entityKey', { type: () => String, nullable: true, description: 'Slot or instance name (F0, R0/1); needs entity' })
    entityKey: string | null | undefined,
  ): Promise<Page<ChangeRecord>> {
    return this.routerService.changes(router.id, pageOf({ limit, offset }, MAX_CHANGES_PAGE), componentOf(entity, entityKey));
  }

  @ResolveField(() => RouterAction, {
    nullable: true,
    complexity: 5,
    description: "The router's most recent operator action (force-switchover) with the plan of its later transitions; null when none",
  })
  lastAction(@Parent() router: RouterParent): Promise<RouterActionPlan | null> {
    return this.actions.latestPlan(router.id);
  }

  @ResolveField(() => String, { complexity: 10, description: 'What the command prints on the router now, in IOS-XE format (as REST /show/*)' })
  show(@Parent() router: RouterParent, @Args('command', { type: () => ShowCommandEnum }) command: ShowCommand): Promise<string> {
    return this.shows.render(router.id, command);
  }
}

/** An omitted argument arrives as undefined, an explicit null as null: both mean "every component". */
function componentOf(entity: TwinEntity | null | undefined, entityKey: string | null | undefined): ChangeComponent | undefined {
  if (entity === null || entity === undefined) {
    if (entityKey !== null && entityKey !== undefined)
      throw new ValidationError('entityKey needs entity', [{ field: 'entityKey', message: 'give entity too (router, host, hypervisor, instance or esp)' }]);
    return undefined;
  }
  return entityKey === null || entityKey === undefined ? { entity } : { entity, entityKey };
}

async function treeOf(router: RouterParent, loaders: Loaders): Promise<RouterTree> {
  if ('routeProcessors' in router) return router;
  const tree = await loaders.routerTree.load(router.id);
  if (!tree) throw new NotFoundError('router', router.id);
  return tree;
}
