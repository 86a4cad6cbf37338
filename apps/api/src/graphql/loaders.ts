import type { Fleet, StoredScenario } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { FleetService } from '../fleets/fleet.service.js';
import type { RouterTree } from '../routers/router.presenter.js';
import { RouterService } from '../routers/router.service.js';
import { ScenarioService } from '../scenarios/scenario.service.js';

/**
 * Per-request batch loaders: every `load(id)` of one tick becomes one service call for all ids, so a page of
 * 100 routers with their fleets and trees costs one query for the fleets and one for the trees, not 200.
 */
export interface Loaders {
  readonly fleet: DataLoader<string, Fleet | null>;
  readonly routerTree: DataLoader<string, RouterTree | null>;
  readonly scenario: DataLoader<string, StoredScenario | null>;
}

/** Largest batch one query loads; bigger pages are split into several queries of this size. */
const MAX_BATCH = 10_000;

@Injectable()
export class LoaderFactory {
  constructor(
    private readonly fleets: FleetService,
    private readonly routers: RouterService,
    private readonly scenarios: ScenarioService,
  ) {}

  create(): Loaders {
    return {
      fleet: new DataLoader((ids) => this.fleets.getMany(ids), { maxBatchSize: MAX_BATCH }),
      routerTree: new DataLoader((ids) => this.routers.getMany(ids), { maxBatchSize: MAX_BATCH }),
      scenario: new DataLoader((ids) => this.scenarios.getMany(ids), { maxBatchSize: MAX_BATCH }),
    };
  }
}
