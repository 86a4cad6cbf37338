import { PSU_SLOTS, type RouterStart, type StartInstance, type StepTarget } from '@asr-twin/domain';

/** A component under repair when a later failure strikes: what the simulator must start without. */
export interface Hold {
  readonly kind: 'host' | 'esp' | 'psu' | 'sync';
  /** Slot (`R1`, `F0`, `P0`); the router for `sync`. */
  readonly unit: string;
  /** End of the repair window, ms from the start of the period. */
  readonly untilMs: number;
}

/** The start of a router with its held components missing, and the repair steps that bring them back. */
export interface DegradedStart {
  readonly start: RouterStart;
  /** Repair target of each hold, in `holds` order; null for a configuration fix while no standby runs. */
  readonly repairTargets: readonly (StepTarget | null)[];
}

function runningOn(i: StartInstance, downHosts: ReadonlySet<string>): boolean {
  return i.domainState === 'RUNNING' && !downHosts.has(i.name.slice(0, 2));
}

/**
 * The router's healthy start with every held component missing (domain §8.9, §8.10, §8.17): an RP under
 * replacement is a host `down` with its IOS instance shut off (the chassis then operates simplex), a failed ESP is
 * `failed` and the forwarding role moves to an ESP still ok, a supply bay without supply or feed is `failed`, and
 * a configuration the standby cannot apply marks the standby (held at STANDBY COLD). Returns null when the router
 * is down as a whole (no supply ok, or no RP left), which the simulator cannot start from: a failure then changes
 * nothing until power or an RP returns.
 */
export function degradedStart(healthy: RouterStart, holds: readonly Hold[]): DegradedStart | null {
  if (holds.length === 0) return { start: healthy, repairTargets: [] };
  const held = (kind: Hold['kind']): Set<string> => new Set(holds.filter((h) => h.kind === kind).map((h) => h.unit));
  const downHosts = held('host');
  const failedEsps = held('esp');
  const failedPsus = held('psu');
  const hosts = healthy.hosts.map((h) => (downHosts.has(h.slot) ? { ...h, state: 'down' as const } : h));
  if (hosts.every((h) => h.state !== 'up')) return null;
  const bays = healthy.psus ?? PSU_SLOTS.map((slot) => ({ slot, state: 'ok' as const }));
  const psus = bays.map((p) => (p.state === 'ok' && failedPsus.has(p.slot) ? { ...p, state: 'failed' as const } : p));
  if (psus.every((p) => p.state !== 'ok')) return null;

  const running = healthy.instances.filter((i) => runningOn(i, downHosts));
  const active = running.find((i) => i.rfState === 'ACTIVE') ?? running[0];
  const standby = downHosts.size === 0 ? running.find((i) => i !== active) : undefined;
  const sync = held('sync').size > 0;
  const instances = healthy.instances.map((i): StartInstance => {
    if (i === active) return { ...i, rfState: 'ACTIVE' };
    if (i !== standby) return { ...i, rfState: 'DISABLED', domainState: 'SHUTOFF' };
    return sync ? { ...i, rfState: 'STANDBY COLD', configSyncFailure: true } : i;
  });

  const espsOk = healthy.esps.filter((e) => !failedEsps.has(e.slot));
  const forwarder = espsOk.find((e) => e.forwarding) ?? espsOk[0];
  const esps = healthy.esps.map((e) =>
    failedEsps.has(e.slot) ? { ...e, state: 'failed' as const, forwarding: false } : { ...e, forwarding: e === forwarder },
  );
  const start: RouterStart = {
    ...healthy,
    operatingMode: downHosts.size > 0 ? 'none' : healthy.operatingMode,
    instances,
    hosts,
    esps,
    ...(failedPsus.size > 0 || healthy.psus !== undefined ? { psus } : {}),
  };
  const repairTargets = holds.map((h): StepTarget | null => {
    if (h.kind === 'host') return { kind: 'host', slot: h.unit as 'R0' | 'R1' };
    if (h.kind === 'esp') return { kind: 'esp', slot: h.unit as 'F0' | 'F1' };
    if (h.kind === 'psu') return { kind: 'psu', slot: h.unit as 'P0' | 'P1' };
    return standby ? { kind: 'instance', name: standby.name } : null;
  });
  return { start, repairTargets };
}
