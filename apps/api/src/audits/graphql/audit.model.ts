import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LabelInput } from '../../graphql/models/common.model.js';
import { RunStatusEnum } from '../../graphql/models/enums.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { CampaignWaiting } from '../../runs/graphql/run.model.js';
import { DateTimeScalar, JsonScalar } from '../../graphql/models/scalars.js';

@ObjectType()
export class AuditProgress {
  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true, description: 'Known once the audit is planned' })
  routerCount!: number | null;

  @Field(() => Int, { nullable: true })
  shards!: number | null;

  @Field(() => Float)
  percent!: number;

  @Field(() => Int, { description: 'Routers found exposed so far' })
  exposedRouters!: number;
}

@ObjectType({ description: 'Outage limits above which a single fault exposes a router (ms)' })
export class AuditThresholds {
  @Field(() => Float)
  dataPlaneOutageMs!: number;

  @Field(() => Float)
  controlPlaneOutageMs!: number;
}

@ObjectType()
export class AuditCellCount {
  @Field(() => String, { description: 'fault@target, e.g. iosd-crash@active' })
  cell!: string;

  @Field(() => Int)
  routers!: number;
}

@ObjectType()
export class AuditCauseCount {
  @Field(() => String, { description: 'The cause in words, e.g. "peer STANDBY COLD-BULK", "simplex", "single ESP"' })
  cause!: string;

  @Field(() => Int)
  routers!: number;
}

@ObjectType({ description: "The fleet's exposure to single faults" })
export class AuditSummary {
  @Field(() => Int)
  routers!: number;

  @Field(() => Int, { description: 'Routers exposed to at least one single fault' })
  exposedRouters!: number;

  @Field(() => Int, { description: 'Cells that could not be simulated' })
  errors!: number;

  @Field(() => [AuditCellCount], { description: 'Exposed routers per cell, in cell order' })
  byCell!: AuditCellCount[];

  @Field(() => [AuditCauseCount], { description: 'Exposed routers per cause, most first' })
  byCause!: AuditCauseCount[];
}

@ObjectType({ description: 'One router under one single fault' })
export class AuditCellResult {
  @Field(() => String)
  cell!: string;

  @Field(() => Boolean, { description: 'false: the chassis has no such target (no second RP or ESP)' })
  applicable!: boolean;

  @Field(() => Boolean, { description: 'The router could not be simulated from its stored state' })
  error!: boolean;

  @Field(() => Boolean)
  exposed!: boolean;

  @Field(() => Float, { nullable: true })
  controlPlaneOutageMs!: number | null;

  @Field(() => Float, { nullable: true })
  dataPlaneOutageMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'null: not restored within the horizon (or not simulated)' })
  redundancyRestoredMs!: number | null;
}

@ObjectType({ description: "A router's row of the audit matrix" })
export class AuditRouterRow {
  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  model!: string;

  @Field(() => Boolean)
  exposed!: boolean;

  @Field(() => [String], { description: 'Why it is exposed, in words' })
  causes!: string[];

  @Field(() => String, {
    description: 'One character per cell in the audit’s cell order: x exposed, . survived, - not applicable, e error (compact, for heat maps)',
  })
  exposure!: string;

  @Field(() => [AuditCellResult])
  cells!: AuditCellResult[];
}

@ObjectType()
export class AuditRouterRowPage extends Paginated(AuditRouterRow) {}

/** A risk audit; `matrix` is resolved by the audit resolver. */
@ObjectType()
export class Audit {
  @Field(() => ID)
  id!: string;

  @Field(() => RunStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => JsonScalar, { description: 'Which routers: fleet, model, labels, hostnames' })
  selector!: unknown;

  @Field(() => [String])
  faults!: string[];

  @Field(() => [String], { description: 'Audited cells (fault@target), the matrix columns' })
  cells!: string[];

  @Field(() => AuditThresholds)
  thresholds!: AuditThresholds;

  @Field(() => Float)
  horizonMs!: number;

  @Field(() => Float)
  seed!: number;

  @Field(() => AuditProgress)
  progress!: AuditProgress;

  @Field(() => AuditSummary, { nullable: true, description: 'Once completed' })
  summary!: AuditSummary | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => CampaignWaiting, { nullable: true, description: 'Set while the audit waits through an outage of PostgreSQL or Redis' })
  waiting!: CampaignWaiting | null;
}

@ObjectType()
export class AuditPage extends Paginated(Audit) {}

@InputType({ description: 'As POST /api/v1/audits: a selector (fleet, model, labels, hostnames), faults, thresholds, horizon, seed' })
export class StartAuditInput {
  @Field(() => String, { nullable: true })
  fleet?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => [LabelInput], { nullable: true })
  labels?: LabelInput[] | null;

  @Field(() => [String], { nullable: true })
  hostnames?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Default: every fault but power-loss and iosd-hang' })
  faults?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Default 200 ms' })
  dataPlaneOutageMs?: number | null;

  @Field(() => Float, { nullable: true, description: 'Default 1000 ms' })
  controlPlaneOutageMs?: number | null;

  @Field(() => String, { nullable: true, description: 'A duration, e.g. 1h (default)' })
  horizon?: string | null;

  @Field(() => Float, { nullable: true })
  seed?: number | null;

  @Field(() => Int, { nullable: true })
  shardSize?: number | null;
}

@ObjectType({ description: 'A change of an audit’s progress, as the worker publishes it' })
export class AuditProgressEvent {
  @Field(() => ID)
  auditId!: string;

  @Field(() => RunStatusEnum)
  status!: string;

  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true })
  routerCount!: number | null;

  @Field(() => Int)
  exposedRouters!: number;
}
