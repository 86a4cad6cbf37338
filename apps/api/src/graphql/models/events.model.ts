import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Health, RunStatusEnum, Verdict } from './enums.js';
import { DateTimeScalar } from './scalars.js';

@ObjectType({ description: 'A change of a run’s progress, as the worker publishes it' })
export class RunProgressEvent {
  @Field(() => ID)
  runId!: string;

  @Field(() => RunStatusEnum)
  status!: string;

  @Field(() => Int)
  routersDone!: number;

  @Field(() => Int, { nullable: true })
  routerCount!: number | null;

  @Field(() => Verdict, { nullable: true })
  verdict!: string | null;
}

@ObjectType({ description: 'A committed change of a router’s twin state' })
export class RouterStateEvent {
  @Field(() => ID)
  routerId!: string;

  @Field(() => String)
  hostname!: string;

  @Field(() => ID)
  fleetId!: string;

  @Field(() => Health)
  health!: string;

  @Field(() => Int)
  stateVersion!: number;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => String, { description: 'created, updated (twin state, health or fleet) or deleted' })
  change!: string;

  @Field(() => ID, { nullable: true, description: 'Set when the router moved to another fleet: the fleet it left' })
  previousFleetId!: string | null;
}
