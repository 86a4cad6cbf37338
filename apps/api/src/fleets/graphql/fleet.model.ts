import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { HealthCounts } from '../../graphql/models/common.model.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { DateTimeScalar } from '../../graphql/models/scalars.js';

/** A fleet; `labels` and `routers` are resolved by the fleet resolver. */
@ObjectType()
export class Fleet {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => Int)
  routerCount!: number;

  @Field(() => HealthCounts)
  health!: HealthCounts;
}

@ObjectType()
export class FleetPage extends Paginated(Fleet) {}
