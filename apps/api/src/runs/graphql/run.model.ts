import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LabelInput } from '../../graphql/models/common.model.js';
import { RunStatusEnum, StartModeEnum, Verdict } from '../../graphql/models/enums.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { DateTimeScalar, JsonScalar } from '../../graphql/models/scalars.js';
import type { GqlRunView } from './run.presenter.js';
import type { TimelineEntry as SimTimelineEntry } from '@asr-twin/simulator';

/** The parts of the run view the object types below implement (a class may only implement a named type). */
type ProgressView = GqlRunView['progress'];
type AggregateView = NonNullable<GqlRunView['aggregate']>;
type DistributionView = AggregateView['switchovers'];
type WaitingView = NonNullable<GqlRunView['waiting']>;
type RunFields = Omit<GqlRunView, 'links'>;

@ObjectType()
export class RunProgress implements ProgressView {
  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true, description: 'Known once the run is planned' })
  routerCount!: number | null;

  @Field(() => Int, { nullable: true })
  shards!: number | null;

  @Field(() => Float)
  percent!: number;
}

@ObjectType({ description: 'Distribution of one metric over the results (ms, or a count)' })
export class Distribution implements DistributionView {
  @Field(() => Float, { nullable: true })
  p50!: number | null;

  @Field(() => Float, { nullable: true })
  p95!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;

  @Field(() => Int, { description: 'Results without a value (redundancy never restored)' })
  missing!: number;
}

@ObjectType()
export class RunAggregate implements AggregateView {
  @Field(() => Int)
  results!: number;

  @Field(() => Int)
  pass!: number;

  @Field(() => Int)
  fail!: number;

  @Field(() => Int)
  error!: number;

  @Field(() => Distribution)
  controlPlaneOutageMs!: Distribution;

  @Field(() => Distribution)
  dataPlaneOutageMs!: Distribution;

  @Field(() => Distribution)
  redundancyRestoredMs!: Distribution;

  @Field(() => Distribution)
  switchovers!: Distribution;
}

@ObjectType({ description: 'Results with lower <= value < upper (the last bucket includes upper)' })
export class HistogramBucket {
  @Field(() => Float)
  lower!: number;

  @Field(() => Float)
  upper!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
/** The simulator's `TimelineEntry`, as GraphQL serves it. */
export class TimelineEntry implements SimTimelineEntry {
  @Field(() => Float, { description: 'Simulated time, ms' })
  tMs!: number;

  @Field(() => String)
  router!: string;

  @Field(() => String)
  component!: string;

  @Field(() => String)
  event!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

@ObjectType()
export class TimelinePage extends Paginated(TimelineEntry) {}

@ObjectType({ description: "One router's result in the first iteration of a run" })
export class RouterResult {
  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  model!: string;

  @Field(() => Verdict)
  verdict!: string;

  @Field(() => Float, { nullable: true })
  controlPlaneOutageMs!: number | null;

  @Field(() => Float, { nullable: true })
  dataPlaneOutageMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'null: redundancy never restored within the horizon' })
  redundancyRestoredMs!: number | null;

  @Field(() => Int)
  switchovers!: number;

  @Field(() => Float, { nullable: true })
  dualActiveMs!: number | null;

  @Field(() => String, { description: 'Operating redundancy mode it started in' })
  mode!: string;

  @Field(() => String, { description: 'Its starting state in words, as cause groups spell it' })
  startState!: string;

  @Field(() => [String], { description: 'Expectations that failed on it, in scenario order' })
  failedExpectations!: string[];
}

@ObjectType()
export class RouterResultPage extends Paginated(RouterResult) {}

/** A run; `results`, `histogram` and `timeline` are resolved by the run resolver. */
@ObjectType({ description: 'A run or audit whose work waits through an outage of PostgreSQL or Redis; it resumes by itself' })
export class CampaignWaiting implements WaitingView {
  @Field(() => DateTimeScalar, { description: 'When the wait began' })
  since!: string;

  @Field(() => String, { description: 'Which dependency is unavailable and what it answered' })
  reason!: string;
}

@ObjectType()
/**
 * The GraphQL run: the REST view of a run (`presentRun`, itself built from the stored `RunRecord`) with the
 * aggregate flattened. It implements that view's type, so a field that drifts from it fails to compile.
 */
export class Run implements RunFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The scenario name' })
  scenario!: string;

  @Field(() => ID, { nullable: true })
  scenarioId!: string | null;

  @Field(() => RunStatusEnum)
  status!: GqlRunView['status'];

  @Field(() => Verdict, { nullable: true })
  verdict!: GqlRunView['verdict'];

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Float)
  seed!: number;

  @Field(() => Int)
  iterations!: number;

  @Field(() => JsonScalar, { description: 'Which routers the run simulates' })
  target!: GqlRunView['target'];

  @Field(() => StartModeEnum, { description: "Where its routers start; each router's starting state is in the report (routers[].start)" })
  start!: GqlRunView['start'];

  @Field(() => RunProgress)
  progress!: RunProgress;

  @Field(() => RunAggregate, { nullable: true })
  aggregate!: RunAggregate | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => CampaignWaiting, { nullable: true, description: 'Set while the run waits through an outage of PostgreSQL or Redis' })
  waiting!: CampaignWaiting | null;
}

@ObjectType()
export class RunPage extends Paginated(Run) {}

@InputType({ description: 'routers: explicit hostnames; the other fields form a selector over the twin' })
export class RunTargetInput {
  @Field(() => String, { nullable: true })
  fleet?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => [LabelInput], { nullable: true })
  labels?: LabelInput[] | null;

  @Field(() => [String], { nullable: true })
  hostnames?: string[] | null;

  @Field(() => [String], { nullable: true })
  routers?: string[] | null;
}

@InputType({ description: 'As POST /api/v1/runs: exactly one of scenario (name or id) and source (YAML)' })
export class StartRunInput {
  @Field(() => String, { nullable: true })
  scenario?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => RunTargetInput, { nullable: true })
  target?: RunTargetInput | null;

  @Field(() => Float, { nullable: true })
  seed?: number | null;

  @Field(() => Int, { nullable: true })
  iterations?: number | null;

  @Field(() => Int, { nullable: true })
  shardSize?: number | null;

  @Field(() => StartModeEnum, { nullable: true, description: 'Where the routers start; default twin' })
  start?: string | null;

  @Field(() => String, { nullable: true, description: 'As the Idempotency-Key header' })
  idempotencyKey?: string | null;
}
