import type { RouterTwinState } from '@asr-twin/domain';
import type { ChangeLogEntity } from './entities/change-log.entity.js';
import type { FleetEntity } from './entities/fleet.entity.js';
import type { RouterEntity } from './entities/router.entity.js';
import type { ChangeRecord, Fleet, RedundancyRecord, RouterDetail, RouterSummary } from './read-models.js';

export function toFleet(entity: FleetEntity, counts: Fleet['health'] = { protected: 0, degraded: 0, down: 0 }): Fleet {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    labels: entity.labels,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    routerCount: counts.protected + counts.degraded + counts.down,
    health: counts,
  };
}

export function toRouterSummary(e: RouterEntity): RouterSummary {
  return {
    id: e.id,
    fleetId: e.fleetId,
    hostname: e.hostname,
    model: e.model,
    serial: e.serial,
    softwareVersion: e.softwareVersion,
    redundancyMode: e.redundancyMode,
    health: e.health,
    labels: e.labels,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    observedAt: e.observedAt ? e.observedAt.toISOString() : null,
    observedCommand: e.observedCommand ?? null,
  };
}

const bySlot = <T extends { slot: string }>(a: T, b: T) => a.slot.localeCompare(b.slot);

/** Needs `hosts.hypervisor`, `instances` and `esps` loaded. */
export function toRouterDetail(e: RouterEntity): RouterDetail {
  const state: RouterTwinState = {
    model: e.model,
    redundancyMode: e.redundancyMode,
    hosts: [...(e.hosts ?? [])].sort(bySlot).map((h) => ({
      slot: h.slot,
      state: h.state,
      kernelVersion: h.kernelVersion,
      cpuCores: h.cpuCores,
      memoryMb: h.memoryMb,
      hypervisor: { state: h.hypervisor?.state ?? 'down', version: h.hypervisor?.version ?? 'unknown' },
    })),
    instances: [...(e.instances ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((i) => ({
        name: i.name,
        host: i.hostSlot,
        unit: i.unit,
        rfState: i.rfState,
        domainState: i.domainState,
        softwareVersion: i.softwareVersion,
        configVersion: i.configVersion,
      })),
    esps: [...(e.esps ?? [])].sort(bySlot).map((x) => ({
      slot: x.slot,
      state: x.state,
      role: x.role,
      forwarding: x.forwarding,
    })),
    ...(e.psus === null || e.psus === undefined ? {} : { psus: e.psus }),
    ...(e.hardware === null || e.hardware === undefined ? {} : { hardware: e.hardware }),
  };
  return { ...toRouterSummary(e), state, redundancy: toRedundancyRecord(e), stateVersion: e.stateVersion };
}

function toRedundancyRecord(e: RouterEntity): RedundancyRecord {
  return {
    switchovers: e.switchovers,
    standbyFailures: e.standbyFailures,
    lastSwitchoverReason: e.lastSwitchoverReason,
    operatingMode: e.operatingMode,
    bootedAt: e.bootedAt.toISOString(),
    stateSince: Object.fromEntries((e.instances ?? []).map((i) => [i.name, i.stateSince.toISOString()])),
  };
}

export function toChangeRecord(e: ChangeLogEntity): ChangeRecord {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    entity: e.entity,
    entityKey: e.entityKey,
    action: e.action,
    routerId: e.routerId,
    hostname: e.hostname,
    before: e.before,
    after: e.after,
  };
}
