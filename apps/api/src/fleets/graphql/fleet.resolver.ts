import type { Fleet as FleetRecord, Page, RouterSummary } from '@asr-twin/persistence';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../auth/actor.decorator.js';
import { parseInput } from '../../common/validation.js';
import { CREATE_FLEET, UPDATE_FLEET } from '../fleet.schemas.js';
import { FleetService } from '../fleet.service.js';
import { RouterService } from '../../routers/router.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { given, labelRecord, labelsOf, orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import { Label, LabelInput } from '../../graphql/models/common.model.js';
import { Fleet, FleetPage } from './fleet.model.js';
import { RouterFilter, RouterPage } from '../../routers/graphql/router.model.js';
import { routerFilterOf } from '../../routers/graphql/router-filter.js';

const MAX_FLEETS_PAGE = 1000;
const MAX_ROUTERS_PAGE = 10_000;

@Resolver(() => Fleet)
export class FleetResolver {
  constructor(
    private readonly fleetService: FleetService,
    private readonly routerService: RouterService,
  ) {}

  @Query(() => FleetPage, { complexity: pagedComplexity, description: 'Fleets by name, with router counts by health. Role: viewer.' })
  @RequireGqlRole('viewer')
  fleets(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<FleetRecord>> {
    return this.fleetService.list(pageOf({ limit, offset }, MAX_FLEETS_PAGE));
  }

  @Query(() => Fleet, { nullable: true, description: 'A fleet by id or name; null when there is none. Role: viewer.' })
  @RequireGqlRole('viewer')
  fleet(@Args('id', { type: () => ID }) id: string): Promise<FleetRecord | null> {
    return orNull(this.fleetService.get(id));
  }

  @Mutation(() => Fleet, { description: 'Create a fleet. Role: admin.' })
  @RequireGqlRole('admin')
  createFleet(
    @Args('name', { type: () => String }) name: string,
    @Args('description', { type: () => String, nullable: true }) description: string | null,
    @Args('labels', { type: () => [LabelInput], nullable: true }) labels: LabelInput[] | null,
    @Actor() actor: string,
  ): Promise<FleetRecord> {
    const input = given({ name, description, labels: labels ? labelRecord(labels) : null });
    return this.fleetService.create(parseInput(CREATE_FLEET, input, 'arguments'), actor);
  }

  @Mutation(() => Fleet, { description: 'Change a fleet (by id or name): give at least one of name, description, labels. Role: admin.' })
  @RequireGqlRole('admin')
  updateFleet(
    @Args('id', { type: () => ID }) id: string,
    @Args('name', { type: () => String, nullable: true }) name: string | null,
    @Args('description', { type: () => String, nullable: true }) description: string | null,
    @Args('labels', { type: () => [LabelInput], nullable: true }) labels: LabelInput[] | null,
    @Actor() actor: string,
  ): Promise<FleetRecord> {
    const patch = given({ name, description, labels: labels ? labelRecord(labels) : null });
    return this.fleetService.update(id, parseInput(UPDATE_FLEET, patch, 'arguments'), actor);
  }

  @Mutation(() => Boolean, { description: 'Delete a fleet (by id or name) and its routers. Role: admin.' })
  @RequireGqlRole('admin')
  async deleteFleet(@Args('id', { type: () => ID }) id: string, @Actor() actor: string): Promise<boolean> {
    await this.fleetService.delete(id, actor);
    return true;
  }

  @ResolveField(() => [Label])
  labels(@Parent() fleet: FleetRecord): Label[] {
    return labelsOf(fleet.labels);
  }

  @ResolveField(() => RouterPage, { complexity: pagedComplexity, description: 'The routers of this fleet, by hostname' })
  routers(
    @Parent() fleet: FleetRecord,
    @Args('filter', { type: () => RouterFilter, nullable: true }) filter: RouterFilter | null,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<RouterSummary>> {
    return this.routerService.list({ ...routerFilterOf(filter), fleet: fleet.id }, pageOf({ limit, offset }, MAX_ROUTERS_PAGE));
  }
}
