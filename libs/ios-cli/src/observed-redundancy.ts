import { chassisAnatomy, type ChassisModel, type InstanceName, type RfStateCode } from '@asr-twin/domain';
import { fail, ok, type ParseResult } from './parse-result.js';
import type { ObservedRedundancyMode } from './redundancy-labels.js';
import type { ShowRedundancyStatesObservation } from './show-redundancy-states.parser.js';
import type { ShowRedundancyObservation } from './show-redundancy.parser.js';

/** An IOS instance of the twin with the RF state a device reported for it. */
export interface ObservedInstanceState {
  readonly name: InstanceName;
  readonly rfState: RfStateCode;
}

/** What an observation says about the twin's redundancy state, in the twin's own terms. */
export interface ObservedRedundancyFacts {
  readonly configuredMode: ObservedRedundancyMode;
  readonly operatingMode: ObservedRedundancyMode;
  /** The answering instance first; the peer when the output names it. */
  readonly instances: readonly ObservedInstanceState[];
}

function instanceAtSlot(model: ChassisModel, slot: string): InstanceName | undefined {
  return chassisAnatomy(model).instances.find((p) => String(p.redundancySlot) === slot.trim())?.name;
}

/**
 * Maps `show redundancy` of a router of `model` onto its instances: location `slot 6`/`slot 7` is the
 * instance with that `redundancySlot` (domain §1.3). Fails with `INVALID_VALUE` for other locations.
 */
export function redundancyFactsFromShowRedundancy(obs: ShowRedundancyObservation, model: ChassisModel): ParseResult<ObservedRedundancyFacts> {
  const peer = obs.peer ?? obs.unavailablePeer;
  const units = [obs.current, ...(peer ? [peer] : [])];
  const instances: ObservedInstanceState[] = [];
  for (const unit of units) {
    const name = instanceAtSlot(model, unit.slot);
    if (!name) return fail('INVALID_VALUE', `slot ${unit.slot} is not a redundancy slot of an ${model} (6 or 7)`);
    instances.push({ name, rfState: unit.rfState });
  }
  return ok({ configuredMode: obs.configuredMode, operatingMode: obs.operatingMode, instances });
}

/**
 * Maps `show redundancy states` of a router of `model` onto its instances: `Unit = Primary` is the
 * anatomy's primary instance (`my state`), the other one has `peer state`.
 */
export function redundancyFactsFromShowRedundancyStates(obs: ShowRedundancyStatesObservation, model: ChassisModel): ParseResult<ObservedRedundancyFacts> {
  if (obs.unit === null) return fail('MISSING_FIELD', 'no "Unit" line: the answering instance is unknown');
  const [first, second] = chassisAnatomy(model).instances;
  const [mine, theirs] = obs.unit === first.unit ? [first, second] : [second, first];
  return ok({
    configuredMode: obs.configuredMode,
    operatingMode: obs.operatingMode,
    instances: [
      { name: mine.name, rfState: obs.myState },
      { name: theirs.name, rfState: obs.peerState },
    ],
  });
}
