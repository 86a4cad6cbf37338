import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LabelInput } from '../../graphql/models/common.model.js';
import { RunStatusEnum } from '../../graphql/models/enums.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { CampaignWaiting } from '../../runs/graphql/run.model.js';
import { DateTimeScalar, JsonScalar } from '../../graphql/models/scalars.js';

@ObjectType()
export class ForecastProgress {
  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true, description: 'Known once the forecast is planned' })
  routerCount!: number | null;

  @Field(() => Int, { nullable: true })
  shards!: number | null;

  @Field(() => Float)
  percent!: number;
}

@ObjectType({ description: 'What one failure class contributes to a router’s expected annual data-plane downtime' })
export class ForecastCause {
  @Field(() => String, { description: 'Failure class, e.g. esp-hardware, rp-hardware, iosd-crash' })
  cause!: string;

  @Field(() => Float, { description: 'Seconds per year' })
  dataPlaneS!: number;

  @Field(() => Float, { description: 'Of the router’s expected data-plane downtime, 0–1' })
  dataPlaneShare!: number;

  @Field(() => Float)
  failuresPerYear!: number;
}

@ObjectType({ description: 'A router ranked by expected annual downtime' })
export class ForecastRouter {
  @Field(() => Int, { description: '1: most expected data-plane downtime' })
  rank!: number;

  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  redundancy!: string;

  @Field(() => String, { nullable: true })
  site!: string | null;

  @Field(() => Float, { description: 'Expected annual control-plane downtime, seconds' })
  controlPlaneMeanS!: number;

  @Field(() => Float, { description: 'Expected annual data-plane downtime, seconds' })
  dataPlaneMeanS!: number;

  @Field(() => Float)
  dataPlaneP95S!: number;

  @Field(() => Float, { nullable: true, description: 'Data-plane availability in nines; null with no downtime' })
  dataPlaneNines!: number | null;

  @Field(() => [ForecastCause], { description: 'Largest first, at most five' })
  causes!: ForecastCause[];
}

@ObjectType({ description: 'A fleet group (by model, redundancy mode or site): mean expected downtime per router' })
export class ForecastRollup {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  routers!: number;

  @Field(() => Float)
  controlPlaneMeanS!: number;

  @Field(() => Float)
  dataPlaneMeanS!: number;

  @Field(() => String, { description: 'The group’s router with the most expected data-plane downtime' })
  worst!: string;
}

@ObjectType()
export class ForecastRollups {
  @Field(() => [ForecastRollup])
  byModel!: ForecastRollup[];

  @Field(() => [ForecastRollup])
  byMode!: ForecastRollup[];

  @Field(() => [ForecastRollup])
  bySite!: ForecastRollup[];
}

@ObjectType({ description: 'Expected annual downtime per router (s) as it is and with the what-if; the difference with its interval (paired trials)' })
export class ForecastDelta {
  @Field(() => Float)
  baselineS!: number;

  @Field(() => Float)
  whatIfS!: number;

  @Field(() => Float, { description: 'Negative: less downtime with the what-if' })
  deltaS!: number;

  @Field(() => Float)
  ciLowS!: number;

  @Field(() => Float)
  ciHighS!: number;
}

@ObjectType()
export class ForecastRouterComparison {
  @Field(() => String)
  hostname!: string;

  @Field(() => ForecastDelta)
  controlPlane!: ForecastDelta;

  @Field(() => ForecastDelta)
  dataPlane!: ForecastDelta;
}

@ObjectType({ description: 'The what-if configuration side by side with the fleet as it is' })
export class ForecastComparison {
  @Field(() => JsonScalar, { description: 'The changes: redundancy, rps, esps, psus, spares' })
  changes!: unknown;

  @Field(() => Int, { description: 'Router changes the chassis could not take (see the report)' })
  refused!: number;

  @Field(() => ForecastDelta)
  controlPlane!: ForecastDelta;

  @Field(() => ForecastDelta)
  dataPlane!: ForecastDelta;

  @Field(() => [ForecastRouterComparison], { description: 'Up to 20 routers the change moves, most changed first (data plane, then control plane)' })
  routers!: ForecastRouterComparison[];
}

@ObjectType({ description: 'Routers by expected annual downtime, bucketed' })
export class ForecastHistogram {
  @Field(() => [String], { description: 'none, < 1 s, 1–10 s, 10 s–1 min, 1–10 min, 10 min–1 h, 1–10 h, ≥ 10 h' })
  buckets!: string[];

  @Field(() => [Int], { description: 'Routers per bucket, control plane' })
  controlPlane!: number[];

  @Field(() => [Int], { description: 'Routers per bucket, data plane' })
  dataPlane!: number[];
}

@ObjectType({ description: 'What a failure class adds to the fleet’s expected downtime (mean per router)' })
export class ForecastFleetCause {
  @Field(() => String)
  cause!: string;

  @Field(() => Float)
  controlPlaneS!: number;

  @Field(() => Float)
  dataPlaneS!: number;

  @Field(() => Float, { description: 'Of the fleet’s expected data-plane downtime, 0–1' })
  dataPlaneShare!: number;
}

@ObjectType({ description: 'What a completed forecast found, in brief (the report has every router)' })
export class ForecastSummary {
  @Field(() => Int)
  routers!: number;

  @Field(() => Int)
  simulations!: number;

  @Field(() => Int)
  errors!: number;

  @Field(() => Float, { description: 'Mean expected annual control-plane downtime per router, seconds' })
  controlPlaneMeanS!: number;

  @Field(() => Float, { description: 'Mean expected annual data-plane downtime per router, seconds' })
  dataPlaneMeanS!: number;

  @Field(() => ForecastHistogram)
  histogram!: ForecastHistogram;

  @Field(() => [ForecastFleetCause], { description: 'Most data-plane downtime first' })
  causes!: ForecastFleetCause[];

  @Field(() => [ForecastRouter], { description: 'Up to 20 routers, most expected data-plane downtime first' })
  worstRouters!: ForecastRouter[];

  @Field(() => ForecastRollups)
  rollups!: ForecastRollups;

  @Field(() => ForecastComparison, { nullable: true, description: 'With a what-if' })
  comparison!: ForecastComparison | null;
}

@ObjectType({ description: 'An availability forecast: a Monte Carlo of failures and repairs over the selected routers' })
export class Forecast {
  @Field(() => ID)
  id!: string;

  @Field(() => RunStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => JsonScalar, { description: 'Which routers: fleet, model, labels, hostnames' })
  selector!: unknown;

  @Field(() => Float)
  periodMs!: number;

  @Field(() => Int)
  trials!: number;

  @Field(() => Float)
  seed!: number;

  @Field(() => JsonScalar, { description: 'Rate overrides of the request, by failure class' })
  rates!: unknown;

  @Field(() => JsonScalar, { nullable: true, description: 'The what-if: redundancy, rps, esps, psus, spares' })
  whatIf!: unknown;

  @Field(() => ForecastProgress)
  progress!: ForecastProgress;

  @Field(() => ForecastSummary, { nullable: true, description: 'Once completed' })
  summary!: ForecastSummary | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => CampaignWaiting, { nullable: true, description: 'Set while the forecast waits through an outage of PostgreSQL or Redis' })
  waiting!: CampaignWaiting | null;
}

@ObjectType()
export class ForecastPage extends Paginated(Forecast) {}

@InputType({ description: 'A configuration to compare with, as POST /api/v1/forecasts takes it' })
export class ForecastWhatIfInput {
  @Field(() => String, { nullable: true, description: 'sso, rpr or none' })
  redundancy?: string | null;

  @Field(() => Int, { nullable: true, description: '1 or 2' })
  rps?: number | null;

  @Field(() => Int, { nullable: true, description: '1 or 2' })
  esps?: number | null;

  @Field(() => Int, { nullable: true, description: '1 or 2' })
  psus?: number | null;

  @Field(() => Boolean, { nullable: true })
  spares?: boolean | null;
}

@InputType({ description: 'As POST /api/v1/forecasts: a selector (fleet, model, labels, hostnames), period, trials, seed, rates, what-if' })
export class CreateForecastInput {
  @Field(() => String, { nullable: true })
  fleet?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => [LabelInput], { nullable: true })
  labels?: LabelInput[] | null;

  @Field(() => [String], { nullable: true })
  hostnames?: string[] | null;

  @Field(() => String, { nullable: true, description: 'e.g. 1y (default), 90d, 720h' })
  period?: string | null;

  @Field(() => Int, { nullable: true, description: 'Trials per router (default 200)' })
  trials?: number | null;

  @Field(() => Float, { nullable: true })
  seed?: number | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Rate overrides by failure class, e.g. {"esp-hardware": {"mtbfHours": 150000}}' })
  rates?: unknown;

  @Field(() => ForecastWhatIfInput, { nullable: true })
  whatIf?: ForecastWhatIfInput | null;

  @Field(() => Int, { nullable: true })
  shardSize?: number | null;
}

@ObjectType({ description: 'A change of a forecast’s progress, as the worker publishes it' })
export class ForecastProgressEvent {
  @Field(() => ID)
  forecastId!: string;

  @Field(() => RunStatusEnum)
  status!: string;

  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true })
  routerCount!: number | null;
}
