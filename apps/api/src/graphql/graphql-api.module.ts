import type { AppConfig } from '@asr-twin/config';
import { ApiKeyService } from '@asr-twin/persistence';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { type MercuriusDriverConfig, MercuriusDriver } from '@nestjs/mercurius';
import { EVENT_RELAY_OPTIONS, EventRelay } from './event-relay.service.js';
import { graphqlOptions } from './graphql-options.js';
import { LoaderFactory } from './loaders.js';
import { AuditResolver } from '../audits/graphql/audit.resolver.js';
import { ForecastResolver } from '../forecasts/graphql/forecast.resolver.js';
import { EventResolver } from './resolvers/event.resolver.js';
import { FleetResolver } from '../fleets/graphql/fleet.resolver.js';
import { InventoryResolver } from '../inventory/graphql/inventory.resolver.js';
import { MeResolver } from '../auth/graphql/me.resolver.js';
import { ObservationResolver } from '../routers/observations/graphql/observation.resolver.js';
import { RouterResolver } from '../routers/graphql/router.resolver.js';
import { RunDiagnosisResolver } from '../runs/graphql/run-diagnosis.resolver.js';
import { RunResolver } from '../runs/graphql/run.resolver.js';
import { ScenarioResolver } from '../scenarios/graphql/scenario.resolver.js';

/** The feature modules (and the auth module) whose services the resolvers call. */
type FeatureModules = readonly (Type | DynamicModule)[];

/** Every resolver of the schema: the schema is built from these (and the printed schema test lists them). */
export const RESOLVERS = [
  MeResolver,
  FleetResolver,
  RouterResolver,
  ObservationResolver,
  InventoryResolver,
  ScenarioResolver,
  RunResolver,
  RunDiagnosisResolver,
  AuditResolver,
  ForecastResolver,
  EventResolver,
];

/**
 * GraphQL at `/graphql` (queries, mutations, subscriptions over graphql-ws), code first, on the services of
 * the feature modules the composition root passes in (`features`: they export FleetService, RouterService,
 * RouterShowService, BulkObservationService, InventoryService, ScenarioService, RunService, AuditService, ForecastService). The auth module must export ApiKeyService.
 */
@Module({})
export class GraphqlApiModule {
  static forRoot(config: AppConfig, features: FeatureModules): DynamicModule {
    const limits = { ...config.graphql, scenarios: config.scenarios };
    return {
      module: GraphqlApiModule,
      imports: [
        ...features,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [GraphqlLoadersModule.forRoot(features)],
          inject: [ApiKeyService, LoaderFactory],
          useFactory: (keys: ApiKeyService, loaders: LoaderFactory) => graphqlOptions(limits, keys, loaders, config.websocket.maxSubscriptionsPerConnection),
        }),
      ],
      providers: [...RESOLVERS, EventRelay, { provide: EVENT_RELAY_OPTIONS, useValue: { redis: config.redis, queuePrefix: config.redis.queuePrefix } }],
    };
  }
}

/** The batch loaders and the key service, for the GraphQL options factory (which only sees what it imports). */
@Module({})
class GraphqlLoadersModule {
  static forRoot(features: FeatureModules): DynamicModule {
    return { module: GraphqlLoadersModule, imports: [...features], providers: [LoaderFactory], exports: [LoaderFactory, ...features] };
  }
}
