import { defaultRedundancyMode, initialRouterState, isChassisModel, routerHealth, ValidationError, type ChassisModel } from '@asr-twin/domain';
import type { NewRouter } from '@asr-twin/persistence';
import type { z } from 'zod';
import { HOSTNAME } from '../../common/schemas.js';
import { SERIAL } from '../router.schemas.js';
import { lineOf, PROCESSOR_LINE, type ObservationSet } from './observation-parse.js';
import { redundancyObservation, twinVersion } from './observed-redundancy.js';
import type { TwinOfRouter } from './twin-view.js';

/** Longest release text kept: IOS-XE releases and engineering labels are far shorter. */
const MAX_VERSION_CHARS = 100;

function invalid(message: string): never {
  throw new ValidationError(`a router cannot be created from this output: ${message}`, [{ field: 'output', message }]);
}

function checked(schema: z.ZodString, value: string | null, what: string, line: number): string {
  if (value === null) invalid(`show version (line ${line}) has no ${what}`);
  const result = schema.safeParse(value);
  if (!result.success) invalid(`show version (line ${line}): ${what} "${value}" is not usable (${result.error.issues[0]?.message ?? 'invalid'})`);
  return result.data;
}

function modelOf(set: ObservationSet): ChassisModel {
  const version = set.version;
  if (!version) invalid('show version is required: it names the hostname, model, serial and release');
  const line = lineOf(version.part, PROCESSOR_LINE);
  const chassis = version.value.chassis;
  if (chassis === null) invalid(`show version (line ${line}) has no "cisco <model> (…) processor" line`);
  if (!isChassisModel(chassis)) invalid(`show version (line ${line}): ${chassis} is not an ASR 1000 model the twin knows`);
  const platform = set.platform?.value.chassis;
  if (set.platform && platform !== null && platform !== undefined && platform !== chassis) {
    invalid(`show platform (line ${lineOf(set.platform.part, /Chassis type/)}) is from an ${platform}, show version from an ${chassis}`);
  }
  return chassis;
}

/**
 * The router a paste describes, for creating it: hostname, model, serial and release from `show version`
 * (required), the configured redundancy mode from `show redundancy`/`states` (default: the model's, sso).
 * Throws `ValidationError` when `show version` is missing, lacks one of these, or names a chassis the twin
 * does not model, and when `show platform` names another chassis.
 */
export function newRouterOf(set: ObservationSet): NewRouter {
  const model = modelOf(set);
  const version = set.version;
  if (!version) return invalid('show version is required');
  const v = version.value;
  const release = v.xeVersion ?? twinVersion(v.iosVersion);
  if (release.length > MAX_VERSION_CHARS) invalid(`show version (line ${version.part.firstLine}): the release is too long`);
  return {
    hostname: checked(HOSTNAME, v.hostname, 'hostname', lineOf(version.part, / uptime is /)),
    model,
    serial: checked(SERIAL, v.serial, 'serial (Processor board ID)', lineOf(version.part, /Processor board ID/)),
    softwareVersion: release,
    redundancyMode: redundancyObservation(set, model)?.configuredMode ?? defaultRedundancyMode(model),
    labels: {},
  };
}

/**
 * The twin a freshly inserted `router` has (what the bulk insert stores): the healthy initial state of its
 * model, booted at `nowMs`, no switchover.
 */
export function initialTwin(router: NewRouter, nowMs: number): TwinOfRouter {
  const state = initialRouterState({ model: router.model, redundancyMode: router.redundancyMode, softwareVersion: router.softwareVersion });
  const now = new Date(nowMs).toISOString();
  return {
    hostname: router.hostname,
    model: router.model,
    softwareVersion: router.softwareVersion,
    redundancyMode: router.redundancyMode,
    health: routerHealth(state),
    state,
    redundancy: {
      switchovers: 0,
      standbyFailures: 0,
      lastSwitchoverReason: 'none',
      operatingMode: null,
      bootedAt: now,
      stateSince: Object.fromEntries(state.instances.map((i) => [i.name, now])),
    },
  };
}
