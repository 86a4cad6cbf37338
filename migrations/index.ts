import { InitialSchema1764190000000 } from './1764190000000-initial-schema.js';
import { ApiKeys1764300000000 } from './1764300000000-api-keys.js';
import { RedundancyFacts1764400000000 } from './1764400000000-redundancy-facts.js';
import { ScenariosAndRuns1764500000000 } from './1764500000000-scenarios-and-runs.js';
import { RouterActions1764600000000 } from './1764600000000-router-actions.js';
import { ApiKeyChangesNotify1764700000000 } from './1764700000000-api-key-changes-notify.js';
import { ObservationFreshness1764800000000 } from './1764800000000-observation-freshness.js';
import { RunStart1764900000000 } from './1764900000000-run-start.js';
import { RiskAudits1765000000000 } from './1765000000000-risk-audits.js';
import { CampaignWaiting1765100000000 } from './1765100000000-campaign-waiting.js';
import { RouterHardware1765300000000 } from './1765300000000-router-hardware.js';
import { Forecasts1765400000000 } from './1765400000000-forecasts.js';
import { TimelineChunks1765500000000 } from './1765500000000-timeline-chunks.js';
import { ResultChunks1765700000000 } from './1765700000000-result-chunks.js';
import { TargetChunks1765800000000 } from './1765800000000-target-chunks.js';
import { FrozenStartColumn1765900000000 } from './1765900000000-frozen-start-column.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  InitialSchema1764190000000,
  ApiKeys1764300000000,
  RedundancyFacts1764400000000,
  ScenariosAndRuns1764500000000,
  RouterActions1764600000000,
  ApiKeyChangesNotify1764700000000,
  ObservationFreshness1764800000000,
  RunStart1764900000000,
  RiskAudits1765000000000,
  CampaignWaiting1765100000000,
  RouterHardware1765300000000,
  Forecasts1765400000000,
  TimelineChunks1765500000000,
  ResultChunks1765700000000,
  TargetChunks1765800000000,
  FrozenStartColumn1765900000000,
];
