import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../../auth/actor.decorator.js';
import { bulkItemsOf } from '../bulk-observation-body.js';
import { type BulkObservationResult, BulkObservationService } from '../bulk-observation.service.js';
import { RequireGqlRole } from '../../../graphql/gql-access.decorator.js';
import { given } from '../../../graphql/graphql-inputs.js';
import { ObservationBatch, ObservationItemInput } from './observation.model.js';

@Resolver()
export class ObservationResolver {
  constructor(private readonly observations: BulkObservationService) {}

  @Mutation(() => ObservationBatch, {
    description:
      "Many routers' device output at once, as POST /observations: the items of one hostname form one atomic update of that router, " +
      'a refused item refuses its router and never the others; one result per item. Role: operator.',
  })
  @RequireGqlRole('operator')
  observe(@Args('items', { type: () => [ObservationItemInput] }) items: ObservationItemInput[], @Actor() actor: string): Promise<BulkObservationResult> {
    return this.observations.observe(
      bulkItemsOf(
        items.map((i) => given({ ...i })),
        'application/json',
      ),
      actor,
    );
  }
}
