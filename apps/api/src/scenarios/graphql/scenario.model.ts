import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../graphql/models/page.model.js';
import { DateTimeScalar } from '../../graphql/models/scalars.js';

@ObjectType({ description: 'One problem of a scenario source, with its position' })
export class ScenarioError {
  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => Int, { nullable: true })
  column!: number | null;

  @Field(() => String, { nullable: true, description: 'Where in the document, e.g. spec.steps[2].target' })
  path!: string | null;

  @Field(() => String, { description: 'A stable code such as unknown-fault' })
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class ScenarioValidation {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [ScenarioError])
  errors!: ScenarioError[];
}

/** A stored scenario; `source` is resolved (list rows do not carry it). */
@ObjectType()
export class Scenario {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType()
export class ScenarioPage extends Paginated(Scenario) {}
