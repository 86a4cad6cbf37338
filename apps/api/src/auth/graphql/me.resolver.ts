import type { AuthenticatedKey } from '@asr-twin/persistence';
import { Query, Resolver } from '@nestjs/graphql';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { CurrentKey } from '../../graphql/gql-auth.decorators.js';
import { Me } from '../../graphql/models/common.model.js';

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'The API key that sent the request: its name and role. Role: viewer.' })
  @RequireGqlRole('viewer')
  me(@CurrentKey() key: AuthenticatedKey): Me {
    return { name: key.name, role: key.role };
  }
}
