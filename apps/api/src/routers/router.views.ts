import {
  CHASSIS_MODELS,
  DOMAIN_STATES,
  ESP_STATES,
  FRESHNESS,
  HOST_STATES,
  HYPERVISOR_STATES,
  PSU_STATES,
  REDUNDANCY_MODES,
  RF_STATES,
  ROUTER_HEALTH,
  type RfStateCode,
  type RfStateName,
} from '@asr-twin/domain';
import type { ChangeRecord } from '@asr-twin/persistence';
import { z } from 'zod';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { LABEL_MAP, pageSchema, TIMESTAMP } from '../common/response-schemas.js';
import type { AddRoutersResult, RouterListItem } from './router.service.js';

const RP_SLOT = z.enum(['R0', 'R1']);
const ESP_SLOT = z.enum(['F0', 'F1']);
const RF_CODE = z.literal(RF_STATES.map((s) => s.code) as RfStateCode[]);
const RF_NAME = z.literal(RF_STATES.map((s) => s.name) as RfStateName[]);
const FRESHNESS_VALUE = z.enum(FRESHNESS).describe('of the last observation now: fresh, stale, or never observed');
const OBSERVED = {
  observedAt: TIMESTAMP.nullable().describe('when real device output of the router was last observed; null: never'),
  observedCommand: z.string().nullable().describe('the commands of that observation; null: never observed'),
};

/** The stored facts of a router, shared by the list row and the tree. */
const ROUTER_FACTS = {
  id: z.uuid(),
  fleetId: z.uuid(),
  hostname: z.string(),
  model: z.enum(CHASSIS_MODELS),
  serial: z.string(),
  softwareVersion: z.string().describe('IOS-XE release (`17.3.4a`)'),
  redundancyMode: z.enum(REDUNDANCY_MODES).describe('as configured'),
  health: z.enum(ROUTER_HEALTH),
  labels: LABEL_MAP,
  createdAt: TIMESTAMP,
  updatedAt: TIMESTAMP,
};

const IOS_INSTANCE = z.object({
  name: z.enum(['R0/0', 'R0/1', 'R1/0']),
  role: z.enum(['active', 'standby', 'down']).describe('read from the RF state'),
  unit: z.enum(['primary', 'secondary']),
  rfState: z.object({ code: RF_CODE, name: RF_NAME }).describe('CLI number and text (`13 ACTIVE`, `8 STANDBY HOT`)'),
  stateSince: TIMESTAMP.nullable().describe('when the instance entered its RF state (origin of `Uptime in current state`)'),
  domainState: z.enum(DOMAIN_STATES).describe('libvirt domain state'),
  softwareVersion: z.string(),
  configVersion: z.number().int().describe('configuration revision applied; a standby behind the active is out of sync'),
});

/** A router's whole tree as `GET /routers/{id}` answers it; `presentRouterTree` returns this type. */
export const ROUTER_TREE = apiSchema(
  'RouterTree',
  z
    .object({
      ...ROUTER_FACTS,
      stateVersion: z.number().int().describe('increases with every write of the router state'),
      ...OBSERVED,
      freshness: FRESHNESS_VALUE,
      redundancy: z
        .object({
          operatingMode: z.enum(REDUNDANCY_MODES).nullable().describe('null: as configured (non-redundant in simplex)'),
          switchovers: z.number().int().min(0),
          standbyFailures: z.number().int().min(0),
          lastSwitchoverReason: z.string().describe('CLI spelling (`none`, `user forced`, `active unit failed`)'),
          bootedAt: TIMESTAMP,
          manualSwitchover: z
            .object({ enabled: z.boolean(), reason: z.string().nullable() })
            .describe('whether `redundancy force-switchover` would be accepted now, else the reason IOS gives'),
        })
        .describe('`show redundancy` facts beyond the RF states'),
      chassis: z.object({
        model: z.enum(CHASSIS_MODELS),
        rackUnits: z.number().int(),
        redundancyType: z.enum(['software', 'hardware']).describe('software: two IOS VMs on one RP; hardware: two RPs'),
        rpSlots: z.array(RP_SLOT),
        espSlots: z.array(ESP_SLOT),
        sipSlots: z.number().int(),
        integrated: z.boolean().describe('RP and ESP built into the chassis'),
        notes: z.array(z.string()),
      }),
      routeProcessors: z.array(
        z.object({
          slot: RP_SLOT,
          pid: z.string().describe('RP product id (`ASR1000-RP2`)'),
          host: z.object({
            state: z.enum(HOST_STATES).describe('Linux host'),
            kernelVersion: z.string(),
            cpuCores: z.number().int(),
            memoryMb: z.number().int(),
            hypervisor: z.object({
              kind: z.literal('kvm'),
              state: z.enum(HYPERVISOR_STATES),
              version: z.string(),
              guests: z.array(IOS_INSTANCE).describe('the IOS instances this host runs'),
            }),
          }),
        }),
      ),
      esps: z.array(
        z.object({
          slot: ESP_SLOT,
          pid: z.string().describe('ESP product id (`ASR1000-ESP20`)'),
          state: z.enum(ESP_STATES),
          role: z.enum(['active', 'standby']),
          forwarding: z.boolean().describe('packet-ready and carrying transit traffic'),
        }),
      ),
      hardware: z
        .object({
          rp: z.string(),
          esp: z.string(),
          rps: z.number().int(),
          esps: z.number().int(),
          psus: z.number().int(),
          declared: z.boolean().describe("false: the model's default for its release"),
        })
        .describe('RP/ESP generation and population'),
      powerSupplies: z.array(z.object({ slot: z.enum(['P0', 'P1']), state: z.enum(PSU_STATES) })),
    })
    .meta({ description: 'a router with its whole tree: chassis → route processors → Linux host → KVM → IOS instances, and the ESPs' }),
);

/** A row of the router list. */
export const ROUTER_LIST_ITEM = describes<RouterListItem>()(
  apiSchema(
    'RouterListItem',
    z.object({ ...ROUTER_FACTS, ...OBSERVED, freshness: FRESHNESS_VALUE }).meta({
      description: 'a router as lists show it',
      example: {
        id: '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        fleetId: '0b6f3c52-8a51-4a7e-9d1c-3f0e2a4b5c6d',
        hostname: 'ams-edge-01',
        model: 'ASR1002-X',
        serial: 'FOX1234ABCD',
        softwareVersion: '17.3.4a',
        redundancyMode: 'sso',
        health: 'protected',
        labels: { site: 'ams' },
        createdAt: '2026-01-31T12:00:00.000Z',
        updatedAt: '2026-01-31T12:00:00.000Z',
        observedAt: '2026-01-31T12:05:00.000Z',
        observedCommand: 'show redundancy, show version',
        freshness: 'fresh',
      },
    }),
  ),
);

/** A page of routers. */
export const ROUTER_PAGE = pageSchema('RouterPage', ROUTER_LIST_ITEM, 'a page of routers');

/** The answer to adding routers to a fleet. */
export const ADD_ROUTERS_RESULT = describes<AddRoutersResult>()(
  apiSchema(
    'AddRoutersResult',
    z
      .object({
        fleetId: z.uuid(),
        created: z.number().int().min(0),
        routers: z.array(z.object({ id: z.uuid(), hostname: z.string(), model: z.string() })),
      })
      .meta({
        description: 'the routers created',
        example: {
          fleetId: '0b6f3c52-8a51-4a7e-9d1c-3f0e2a4b5c6d',
          created: 1,
          routers: [{ id: '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f', hostname: 'ams-edge-01', model: 'ASR1002-X' }],
        },
      }),
  ),
);

/** An entry of a router's change log. */
export const CHANGE_RECORD = describes<ChangeRecord>()(
  apiSchema(
    'ChangeRecord',
    z
      .object({
        id: z.string(),
        at: TIMESTAMP,
        actor: z.string().describe('the API key name, or the worker'),
        entity: z.string(),
        entityKey: z.string(),
        action: z.string(),
        routerId: z.uuid().nullable(),
        hostname: z.string().nullable(),
        before: z.unknown().describe('the entity before; any JSON value'),
        after: z.unknown().describe('the entity after; any JSON value'),
      })
      .meta({ description: 'one change of the change log' }),
  ),
);

/** A page of the change log. */
export const CHANGE_PAGE = pageSchema('ChangeRecordPage', CHANGE_RECORD, 'a page of the change log, newest first');
