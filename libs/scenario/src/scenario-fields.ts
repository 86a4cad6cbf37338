import { DEFAULT_HORIZON_MS, DEFAULT_SOFTWARE_VERSION, type ActionName, type FaultName } from '@asr-twin/domain';

/**
 * Every key a scenario file may hold, by its place in the document. The validators read exactly these
 * lists (a key not listed is an `unknown-key` error), and the scenario file reference is checked against
 * them, so a field cannot be added without the reference naming it.
 */
export const SCENARIO_FIELDS = {
  root: ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: ['name', 'description'],
  spec: ['seed', 'horizon', 'routers', 'selector', 'timing', 'steps', 'expect', 'behaviour'],
  router: ['hostname', 'model', 'redundancy', 'version', 'hardware', 'state'],
  hardware: ['rp', 'esp', 'rps', 'esps', 'psus'],
  state: ['operatingMode', 'instances', 'hosts', 'esps', 'psus', 'counters'],
  stateInstance: ['rfState', 'domainState', 'image', 'configSyncFailure'],
  stateHost: ['state'],
  stateEsp: ['state', 'forwarding'],
  stateCounters: ['switchovers', 'standbyFailures', 'lastSwitchoverReason'],
  selector: ['fleet', 'model', 'labels', 'hostnames'],
  step: ['at', 'fault', 'action', 'target', 'params'],
  issuParams: ['toVersion', 'accept', 'stepDelay', 'method', 'package'],
  imageMismatchParams: ['version'],
  expectation: ['metric', 'max', 'min', 'invariant'],
  behaviour: ['splitBrain', 'integratedEspFailure', 'singleRpImageIssu', 'configSyncFailure', 'espColdStartRole'],
} as const;

export type ScenarioFieldPlace = keyof typeof SCENARIO_FIELDS;

/** The `params` keys each fault and action takes; an empty list means a step with `params` is refused. */
export const STEP_PARAMS: Readonly<Record<FaultName | ActionName, readonly string[]>> = {
  'iosd-crash': [],
  'iosd-hang': [],
  'vm-crash': [],
  'host-kernel-panic': [],
  'host-oom': [],
  'rp-failure': [],
  'esp-failure': [],
  'psu-failure': [],
  'power-loss': [],
  'config-sync-failure': [],
  'ipc-loss': [],
  'image-mismatch': SCENARIO_FIELDS.imageMismatchParams,
  'force-switchover': [],
  reload: [],
  issu: SCENARIO_FIELDS.issuParams,
  repair: [],
};

/** Defaults the validator applies to fields a file leaves out (durations in ms of simulated time). */
export const SCENARIO_DEFAULTS = {
  horizonMs: DEFAULT_HORIZON_MS,
  redundancy: 'sso',
  version: DEFAULT_SOFTWARE_VERSION,
  issuAccept: true,
  issuStepDelayMs: 60_000,
  issuPackage: 'image',
} as const;
