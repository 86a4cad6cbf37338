import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ObservationOutcomeEnum } from '../../../graphql/models/enums.js';
import { JsonScalar } from '../../../graphql/models/scalars.js';

@InputType({ description: 'The device output of one router, as an item of POST /observations' })
export class ObservationItemInput {
  @Field(() => String, { description: 'The router the output comes from (its stored hostname)' })
  hostname!: string;

  @Field(() => String, { nullable: true, description: 'The command that printed the output; when given, the output must be of that command' })
  command?: string | null;

  @Field(() => String, { description: 'Raw output of show redundancy, show redundancy states, show version and/or show platform' })
  output!: string;

  @Field(() => String, { nullable: true, description: 'When the device printed it (ISO 8601); default: when the request arrives' })
  observedAt?: string | null;
}

@ObjectType({ description: 'A stored field an observation changed' })
export class ObservedChange {
  @Field(() => String, { description: 'router, host, hypervisor, instance or esp' })
  entity!: string;

  @Field(() => String, { description: 'hostname, slot (R0, F1) or instance (R0/1)' })
  key!: string;

  @Field(() => String)
  field!: string;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;
}

@ObjectType({ description: 'What a bulk observation did with one item' })
export class ObservationItemResult {
  @Field(() => Int, { description: '0-based position of the item in the request' })
  index!: number;

  @Field(() => String, { nullable: true })
  hostname!: string | null;

  @Field(() => String, { nullable: true, description: 'The commands found in the output; null when unreadable' })
  command!: string | null;

  @Field(() => ObservationOutcomeEnum)
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'refused: VALIDATION_FAILED, CONFLICT or INVARIANT_VIOLATION' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'refused and unknown_router: why' })
  reason?: string | null;

  @Field(() => [ObservedChange], { nullable: true, description: "applied: every stored field the router's update changed" })
  changes?: ObservedChange[] | null;
}

@ObjectType({ description: 'Items by outcome' })
export class ObservationSummary {
  @Field(() => Int)
  items!: number;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => Int)
  unknownRouter!: number;
}

@ObjectType({ description: 'The answer of a bulk observation' })
export class ObservationBatch {
  @Field(() => ObservationSummary)
  summary!: ObservationSummary;

  @Field(() => [ObservationItemResult], { description: 'One result per item, in the order given' })
  items!: ObservationItemResult[];
}
