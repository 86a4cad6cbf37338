import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Role } from './enums.js';

@ObjectType({ description: 'The API key that sent the request' })
export class Me {
  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: string;
}

@ObjectType()
export class Label {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class LabelInput {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: 'Routers by redundancy health' })
export class HealthCounts {
  @Field(() => Int)
  protected!: number;

  @Field(() => Int)
  degraded!: number;

  @Field(() => Int)
  down!: number;
}
