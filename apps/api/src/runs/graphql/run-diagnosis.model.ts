import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CauseDimensionEnum, Verdict } from '../../graphql/models/enums.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { JsonScalar } from '../../graphql/models/scalars.js';

@ObjectType({ description: 'Inclusive bounds of an expectation (ms, or a count); null: unbounded' })
export class ExpectationLimit {
  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;
}

@ObjectType({ description: 'An expectation on one router: what the run observed and the limit' })
export class ExpectationOutcome {
  @Field(() => String, { description: 'hostname' })
  router!: string;

  @Field(() => String, { description: 'Metric (dataPlaneOutage) or invariant (single-active)' })
  expect!: string;

  @Field(() => Verdict)
  verdict!: string;

  @Field(() => Float, { nullable: true, description: 'ms or a count; null: no value (never restored)' })
  observed!: number | null;

  @Field(() => ExpectationLimit)
  limit!: ExpectationLimit;
}

@ObjectType({ description: 'A failing router of an expectation: what it observed and the limit' })
export class ExpectationSample {
  @Field(() => String)
  router!: string;

  @Field(() => Float, { nullable: true })
  observed!: number | null;

  @Field(() => ExpectationLimit)
  limit!: ExpectationLimit;
}

@ObjectType({ description: 'An expectation that failed on routers of the first iteration' })
export class FailingExpectation {
  @Field(() => String)
  expect!: string;

  @Field(() => Int, { description: 'Routers on which it failed' })
  failed!: number;

  @Field(() => Int, { description: 'Routers on which it was evaluated' })
  evaluated!: number;

  @Field(() => Float, { nullable: true, description: 'Smallest value observed where it failed' })
  observedMin!: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest value observed where it failed' })
  observedMax!: number | null;

  @Field(() => [ExpectationSample], { description: 'The first failing routers in router order' })
  samples!: ExpectationSample[];
}

@ObjectType()
export class FailingExpectationPage extends Paginated(FailingExpectation) {}

@ObjectType({ description: 'Results sharing a model, operating mode, starting state or failed expectation; list them with Run.results and the same filter' })
export class CauseGroup {
  @Field(() => CauseDimensionEnum)
  dimension!: string;

  @Field(() => String, { description: 'The model, mode, starting state in words, or expectation name' })
  value!: string;

  @Field(() => Int, { description: 'Routers of the group with verdict fail' })
  failed!: number;

  @Field(() => Int, { description: 'Routers in the group (expectation: routers it was evaluated on)' })
  routers!: number;
}

@ObjectType()
export class CauseGroupPage extends Paginated(CauseGroup) {}

@ObjectType({ description: 'Why one router of a run got its verdict' })
export class RouterDiagnosis {
  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  model!: string;

  @Field(() => Verdict)
  verdict!: string;

  @Field(() => String, { nullable: true, description: 'Set only when the verdict is error' })
  error!: string | null;

  @Field(() => String, { description: 'Operating redundancy mode it started in' })
  mode!: string;

  @Field(() => String, { description: 'Its starting state in words, as cause groups spell it' })
  startState!: string;

  @Field(() => JsonScalar, { nullable: true, description: "The report's routers[].start" })
  start!: unknown;

  @Field(() => JsonScalar, { description: 'Its metrics as the report prints them (ms, or a count)' })
  metrics!: unknown;

  @Field(() => [ExpectationOutcome], { description: 'Every expectation with its outcome, observed value and limit' })
  expectations!: ExpectationOutcome[];
}
