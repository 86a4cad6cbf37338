import type { RouterStart } from '@asr-twin/domain';
import type { HistogramBucket as BucketRecord, OutageMetric, Page, RunStatus, StoredTimelineEntry } from '@asr-twin/persistence';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../../auth/actor.decorator.js';
import { RunService } from '../run.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import { OutageMetricEnum, RunStatusEnum } from '../../graphql/models/enums.js';
import { HistogramBucket, Run, RunPage, StartRunInput, TimelinePage } from './run.model.js';
import { JsonScalar } from '../../graphql/models/scalars.js';
import { runRequestOf } from './run-input.js';
import { type GqlRunView, presentGqlRun } from './run.presenter.js';

const MAX_RUNS_PAGE = 1000;
const MAX_TIMELINE_PAGE = 10_000;

@Resolver(() => Run)
export class RunResolver {
  constructor(private readonly runService: RunService) {}

  @Query(() => RunPage, { complexity: pagedComplexity, description: 'Runs, newest first; filter by status. Role: viewer.' })
  @RequireGqlRole('viewer')
  async runs(
    @Args('status', { type: () => [RunStatusEnum], nullable: true }) status: RunStatus[] | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<GqlRunView>> {
    const page = await this.runService.list(status && status.length > 0 ? status : undefined, pageOf({ limit, offset }, MAX_RUNS_PAGE));
    return { ...page, items: page.items.map(presentGqlRun) };
  }

  @Query(() => Run, { nullable: true, description: 'A run by id; null when there is none. Role: viewer.' })
  @RequireGqlRole('viewer')
  async run(@Args('id', { type: () => ID }) id: string): Promise<GqlRunView | null> {
    const run = await orNull(this.runService.get(id));
    return run && presentGqlRun(run);
  }

  @Mutation(() => Run, { description: 'Start a run, as POST /api/v1/runs: queued, then progress by runProgress. Role: operator.' })
  @RequireGqlRole('operator')
  async startRun(@Args('input', { type: () => StartRunInput }) input: StartRunInput, @Actor() actor: string): Promise<GqlRunView> {
    const { request, idempotencyKey } = runRequestOf(input);
    return presentGqlRun((await this.runService.create(request, actor, idempotencyKey)).run);
  }

  @Mutation(() => Run, { description: 'Cancel a queued or running run (a finished run is returned unchanged). Role: operator.' })
  @RequireGqlRole('operator')
  async cancelRun(@Args('id', { type: () => ID }) id: string): Promise<GqlRunView> {
    return presentGqlRun(await this.runService.cancel(id));
  }

  @Mutation(() => Boolean, {
    description: 'Delete a run with its targets, results and timeline, as DELETE /api/v1/runs/:id; a queued or running run is cancelled first. Role: operator.',
  })
  @RequireGqlRole('operator')
  async deleteRun(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.runService.delete(id);
    return true;
  }

  @ResolveField(() => [HistogramBucket], {
    complexity: ({ args, childComplexity }) => 1 + (typeof args['buckets'] === 'number' ? Math.max(1, args['buckets']) : 20) * childComplexity,
    description: 'How a metric is distributed over all results (every iteration), in equally wide buckets (1 to 100), computed in SQL',
  })
  histogram(
    @Parent() run: GqlRunView,
    @Args('metric', { type: () => OutageMetricEnum }) metric: OutageMetric,
    @Args('buckets', { type: () => Int, defaultValue: 20 }) buckets: number,
  ): Promise<readonly BucketRecord[]> {
    return this.runService.histogram(run.id, metric, buckets);
  }

  @ResolveField(() => JsonScalar, {
    nullable: true,
    description:
      "Where a router of the run started (the report's routers[].start): operating mode, instances, hosts, ESPs, RF counters; null without a result for it",
  })
  routerStart(@Parent() run: GqlRunView, @Args('hostname', { type: () => String }) hostname: string): Promise<RouterStart | null> {
    return this.runService.routerStart(run.id, hostname);
  }

  @ResolveField(() => TimelinePage, { complexity: pagedComplexity, description: 'The timeline of the first iteration in report order' })
  timeline(
    @Parent() run: GqlRunView,
    @Args('router', { type: () => String, nullable: true }) router: string | null,
    @Args('limit', { type: () => Int, defaultValue: 1000 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<StoredTimelineEntry>> {
    return this.runService.timeline(run.id, router, pageOf({ limit, offset }, MAX_TIMELINE_PAGE));
  }
}
