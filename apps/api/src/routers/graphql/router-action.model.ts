import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Health } from '../../graphql/models/enums.js';
import { DateTimeScalar } from '../../graphql/models/scalars.js';

@ObjectType({ description: 'One later transition of an action, applied by the worker when due' })
export class RouterActionStep {
  @Field(() => Int, { description: 'Index in the plan, from 0' })
  step!: number;

  @Field(() => DateTimeScalar, { description: 'When it is due on the wall clock' })
  at!: string;

  @Field(() => Float, { description: 'Simulated ms after the action (not scaled by TWIN_TIME_SCALE)' })
  afterMs!: number;

  @Field(() => String, { description: 'What happens, e.g. R0/1 STANDBY HOT; health degraded → protected' })
  summary!: string;

  @Field(() => Boolean, { description: 'Written to the stored router' })
  applied!: boolean;

  @Field(() => Health, { description: "The router's health once the step is applied" })
  health!: string;
}

@ObjectType({ description: 'An operator action on a router (force-switchover) and the plan of its later transitions' })
export class RouterAction {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'force-switchover' })
  kind!: string;

  @Field(() => String, { description: 'pending (steps to come), completed, or cancelled (another write to the router came first)' })
  status!: string;

  @Field(() => String, { description: 'key:<name> of the API key that started it' })
  actor!: string;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the rest of the plan was dropped' })
  cancelReason!: string | null;

  @Field(() => Float, { description: 'TWIN_TIME_SCALE: factor on the wall-clock delays of the steps' })
  timeScale!: number;

  @Field(() => [RouterActionStep])
  steps!: RouterActionStep[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the plan brings the router back to protected; null when no step does' })
  redundancyAt!: string | null;

  @Field(() => Float, { nullable: true, description: 'The same in simulated ms after the action (not scaled)' })
  redundancyAfterMs!: number | null;
}
