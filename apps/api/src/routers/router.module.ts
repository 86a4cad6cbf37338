import { type DynamicModule, Module } from '@nestjs/common';
import { RouterActionController } from './actions/router-action.controller.js';
import { RouterActionService, TWIN_TIME_SCALE } from './actions/router-action.service.js';
import { FreshnessPolicy } from './freshness.policy.js';
import { BulkObservationController } from './observations/bulk-observation.controller.js';
import { BulkObservationService } from './observations/bulk-observation.service.js';
import { ObservationController } from './observations/observation.controller.js';
import { ObservationService } from './observations/observation.service.js';
import { RouterController } from './router.controller.js';
import { RouterService } from './router.service.js';
import { RouterShowController } from './show/router-show.controller.js';
import { RouterShowService } from './show/router-show.service.js';

/**
 * Routers: management, their `show` output in IOS-XE format, observations of real devices, and operator
 * actions. Exports the services the GraphQL layer calls as well.
 */
@Module({})
export class RouterModule {
  static forRoot(options: { readonly timeScale: number; readonly staleAfterMs: number }): DynamicModule {
    const services = [RouterService, RouterShowService, ObservationService, BulkObservationService, RouterActionService];
    const freshness = { provide: FreshnessPolicy, useValue: new FreshnessPolicy(options.staleAfterMs) };
    return {
      module: RouterModule,
      controllers: [RouterController, RouterShowController, ObservationController, BulkObservationController, RouterActionController],
      providers: [...services, freshness, { provide: TWIN_TIME_SCALE, useValue: options.timeScale }],
      exports: [...services, freshness],
    };
  }
}
