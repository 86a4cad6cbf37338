import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

/** The shape every paginated list shares: the items, how many match in all, and the window asked for. */
export function Paginated<T>(item: Type<T>): Type<{ items: T[]; total: number; limit: number; offset: number }> {
  @ObjectType({ isAbstract: true })
  abstract class Page {
    @Field(() => [item])
    items!: T[];

    @Field(() => Int, { description: 'How many items match, over all pages' })
    total!: number;

    @Field(() => Int)
    limit!: number;

    @Field(() => Int)
    offset!: number;
  }
  return Page as Type<{ items: T[]; total: number; limit: number; offset: number }>;
}
