import { Module } from '@nestjs/common';
import { ObservationController } from './observations/observation.controller.js';
import { ObservationService } from './observations/observation.service.js';
import { RouterController } from './router.controller.js';
import { RouterService } from './router.service.js';
import { RouterShowController } from './show/router-show.controller.js';
import { RouterShowService } from './show/router-show.service.js';

/** Routers: management, their `show` output in IOS-XE format, and observations of real devices. */
@Module({
  controllers: [RouterController, RouterShowController, ObservationController],
  providers: [RouterService, RouterShowService, ObservationService],
  exports: [RouterService, RouterShowService],
})
export class RouterModule {}
