import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FleetChangeEnum, Health, RunStatusEnum, ScenarioChangeEnum, Verdict } from './enums.js';
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

  @Field(() => Boolean, { description: 'True when the run was deleted (the last event of the run): live views drop it' })
  deleted!: boolean;
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

@ObjectType({ description: 'A committed change of a fleet, or routers added to it' })
export class FleetEvent {
  @Field(() => ID)
  fleetId!: string;

  @Field(() => String, { description: 'The fleet’s name after the change (deleted: its last name)' })
  name!: string;

  @Field(() => FleetChangeEnum)
  change!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => Int, {
    nullable: true,
    description: "routersAdded: how many routers the insert created; routersObserved: how many of the fleet's routers the request observed",
  })
  count!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'routersAdded: true when each new router also got its own routerStateChanged `created` event (inserts of up to 100 routers); false for larger inserts, after which a view of the fleet reloads it. routersObserved: true when each router whose state changed got its own `updated` event',
  })
  routersAnnounced!: boolean | null;
}

@ObjectType({ description: 'A committed change of a stored scenario' })
export class ScenarioEvent {
  @Field(() => ID)
  scenarioId!: string;

  @Field(() => String, { description: 'The scenario’s name after the change (deleted: its last name)' })
  name!: string;

  @Field(() => ScenarioChangeEnum)
  change!: string;

  @Field(() => Int, { description: 'Its revision after the change (deleted: the last one)' })
  revision!: number;

  @Field(() => DateTimeScalar)
  at!: string;
}
