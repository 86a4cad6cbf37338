import {
  chassisAnatomy,
  DOMAIN_STATES,
  ESP_STATES,
  HOST_STATES,
  PSU_SLOTS,
  PSU_STATES,
  SWITCHOVER_REASONS,
  type DomainState,
  type EspState,
  type HostState,
  type PsuState,
  type RouterStart,
  type SwitchoverReason,
} from '@asr-twin/domain';
import { operatingMode, rfName } from './engine-core.js';
import type { SimState } from './sim-state.js';

/**
 * Starts of healthy routers depend only on model, mode and image: built once each and shared (frozen), found
 * without allocating (nested maps keyed by the strings the router already has, and the last one found), since
 * this runs once per router of a campaign.
 */
const HEALTHY = new Map<string, Map<string, Map<string, RouterStart>>>();
const last: { model: string; mode: string; image: string; start: RouterStart | null } = { model: '', mode: '', image: '', start: null };
const MAX_IMAGES_PER_MODE = 1000;

/**
 * The starting state as reports print it (`routers[].start`), read off the engine at t = 0, so that a start
 * declared in a scenario file and the same start frozen from the twin print the same bytes. `healthyImage`
 * names the image of a router reset to the healthy state (its start is cached), or null for a loaded start.
 */
export function startOf(s: SimState, healthyImage: string | null): RouterStart {
  if (healthyImage === null) return build(s);
  if (last.start !== null && last.image === healthyImage && last.model === s.model && last.mode === s.configuredMode) return last.start;
  let byMode = HEALTHY.get(s.model);
  if (byMode === undefined) HEALTHY.set(s.model, (byMode = new Map<string, Map<string, RouterStart>>()));
  let byImage = byMode.get(s.configuredMode);
  if (byImage === undefined) byMode.set(s.configuredMode, (byImage = new Map<string, RouterStart>()));
  let start = byImage.get(healthyImage);
  if (start === undefined) {
    start = deepFreeze(build(s));
    if (byImage.size < MAX_IMAGES_PER_MODE) byImage.set(healthyImage, start);
  }
  last.model = s.model;
  last.mode = s.configuredMode;
  last.image = healthyImage;
  last.start = start;
  return start;
}

function build(s: SimState): RouterStart {
  const anatomy = chassisAnatomy(s.model);
  // A router whose peer RP is down is non-redundant, whatever its configuration (`derivedOperatingMode`).
  const rpDown = anatomy.rpSlots.some((_, k) => HOST_STATES[(s.host[k] as SimState['host'][number]).state] === 'down');
  return {
    operatingMode: rpDown ? 'none' : operatingMode(s),
    instances: anatomy.instances.map((p, k) => {
      const u = s.inst[k] as SimState['inst'][number];
      return {
        name: p.name,
        rfState: rfName(u.rf) as RouterStart['instances'][number]['rfState'],
        domainState: DOMAIN_STATES[u.dom] as DomainState,
        image: u.version,
        configSyncFailure: u.syncFail === 1,
      };
    }),
    hosts: anatomy.rpSlots.map((slot, k) => ({ slot, state: HOST_STATES[(s.host[k] as SimState['host'][number]).state] as HostState })),
    esps: anatomy.espSlots.slice(0, s.espCount).map((slot, k) => {
      const e = s.esp[k] as SimState['esp'][number];
      return { slot, state: ESP_STATES[e.state] as EspState, forwarding: e.forwarding === 1 };
    }),
    counters: {
      switchovers: s.switchovers,
      standbyFailures: s.standbyFailures,
      lastSwitchoverReason: SWITCHOVER_REASONS[s.lastReason] as SwitchoverReason,
    },
    ...(s.psu[0] === 0 && s.psu[1] === 0 ? {} : { psus: PSU_SLOTS.map((slot, p) => ({ slot, state: PSU_STATES[s.psu[p] as number] as PsuState })) }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
