import { CHASSIS_MODELS, FRESHNESS, REDUNDANCY_MODES, ROUTER_HEALTH } from '@asr-twin/domain';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';
import { HOSTNAME, LABELS } from '../common/schemas.js';

/** IOS-XE release strings as `show version` prints them: `17.3.4a`, `16.12.05`, `03.09.01.S`. */
export const SOFTWARE_VERSION = z.string().regex(/^[0-9]{1,2}(\.[0-9A-Za-z]{1,8}){1,4}$/, 'an IOS-XE version such as 17.3.4a or 03.09.01.S');

export const SERIAL = z.string().regex(/^[A-Z0-9]{4,20}$/, '4 to 20 uppercase letters or digits');

/** At most this many routers in one explicit list (bigger sets: several requests, or `generate`). */
export const MAX_ROUTERS_PER_REQUEST = 10_000;
/** At most this many generated routers per request. */
export const MAX_GENERATE = 100_000;

/**
 * RP/ESP product ids, ESPs and power supplies installed (domain §8.9–§8.11); what is left out takes the model's
 * default for the release. Impossible combinations (17.x on an RP1, two ESPs in a single-ESP chassis) are refused.
 */
export const HARDWARE_INPUT = z
  .strictObject({
    rp: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,30}$/, 'an RP product id such as ASR1000-RP2')
      .optional(),
    esp: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,30}$/, 'an ESP product id such as ASR1000-ESP20')
      .optional(),
    rps: z.number().int().min(1).max(2).optional(),
    esps: z.number().int().min(1).max(2).optional(),
    psus: z.number().int().min(1).max(2).optional(),
  })
  .describe('RP/ESP PIDs, ESPs and supplies installed; left out: the model default');

export const ROUTER_INPUT = z.strictObject({
  hostname: HOSTNAME,
  model: z.enum(CHASSIS_MODELS),
  redundancy: z.enum(REDUNDANCY_MODES).optional(),
  /** Absent: 17.3.4a, or 3.16.10S on the RP1-era ASR1001 and ASR1002 (`defaultSoftwareVersion`). */
  version: SOFTWARE_VERSION.optional(),
  hardware: HARDWARE_INPUT.optional(),
  serial: SERIAL.optional(),
  labels: LABELS.default({}),
});

export const ROUTER_LIST_BODY = z.strictObject({
  routers: z.array(ROUTER_INPUT).min(1, 'give at least one router').max(MAX_ROUTERS_PER_REQUEST),
});

export const GENERATE_BODY = z.strictObject({
  generate: z.strictObject({
    count: z.number().int().min(1).max(MAX_GENERATE),
    models: z
      .array(z.enum(CHASSIS_MODELS))
      .min(1)
      .max(CHASSIS_MODELS.length)
      .default([...CHASSIS_MODELS]),
    hostnamePrefix: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,50}$/, 'letters, digits, ".", "_" and "-", at most 51 characters')
      .optional(),
    redundancy: z.enum(REDUNDANCY_MODES).optional(),
    version: SOFTWARE_VERSION.optional(),
    labels: LABELS.default({}),
  }),
});

export type RouterInput = z.output<typeof ROUTER_INPUT>;
export type GenerateSpec = z.output<typeof GENERATE_BODY>['generate'];

export const UPDATE_ROUTER = z
  .strictObject({
    fleet: z.string().min(1).max(100).optional(),
    serial: SERIAL.optional(),
    labels: LABELS.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of fleet, serial, labels');

const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(item).min(1).max(20));

export const LIST_ROUTERS = z.strictObject({
  ...PAGE_QUERY,
  fleet: z.string().min(1).max(100).optional(),
  model: listOf(z.enum(CHASSIS_MODELS)).optional(),
  health: listOf(z.enum(ROUTER_HEALTH)).optional(),
  freshness: listOf(z.enum(FRESHNESS)).optional().describe('fresh, stale (last observed longer ago than OBSERVATION_STALE_AFTER) or never; comma list'),
  label: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().regex(/^[^=]+=.*$/, 'key=value')).max(20)).optional(),
  q: z.string().min(1).max(63).optional(),
});

export const LIST_CHANGES = z.strictObject(PAGE_QUERY);
