import { chassisAnatomy, type ChassisModel } from './chassis.js';
import { FAULTS, type FaultName, type Scenario, type StepTarget } from './scenario-model.js';

/**
 * One single fault of a risk audit (DESIGN.md "Risk audit"): a fault of the catalogue at one target. A router
 * is audited against every cell whose fault the audit asks for and that exists on its chassis.
 *
 * The set, and why:
 * - IOS faults (`iosd-crash`, `iosd-hang`, `vm-crash`) on the active and on the standby unit: the active's
 *   loss tests the standby's readiness; the standby's loss tests that it does not take the active with it.
 * - Host faults (`host-kernel-panic`, `host-oom`, `rp-failure`) on the active unit's host, and on the standby
 *   unit's host where that is another RP (dual-RP chassis). On a single-RP chassis both units share host R0:
 *   the standby's host is the active's, so a second cell would repeat the first.
 * - `esp-failure` on the forwarding ESP, and on the standby ESP where the chassis has two.
 * - `config-sync-failure` and `image-mismatch` on the standby (the only targets they accept besides naming
 *   an instance, which would repeat the standby cell).
 * - Router-wide faults (`power-loss`, `ipc-loss`) once, on the router.
 * - `psu-failure` on P0: survived without impact while another supply is ok (domain §8.9), so it exposes the
 *   routers running on one supply. Not in the default set: an audit asks for it by name.
 */
export interface AuditCell {
  /** `fault@target`, e.g. `iosd-crash@active`: the column name in reports. */
  readonly key: string;
  readonly fault: FaultName;
  readonly target: StepTarget;
  /** Chassis the cell exists on: every chassis, or only dual-RP / dual-ESP ones. */
  readonly scope: 'any' | 'dual-rp' | 'dual-esp';
}

const cell = (fault: FaultName, target: 'active' | 'standby' | 'router', scope: AuditCell['scope'] = 'any'): AuditCell => ({
  key: `${fault}@${target}`,
  fault,
  target: { kind: target },
  scope,
});

const PSU_CELL: AuditCell = { key: 'psu-failure@P0', fault: 'psu-failure', target: { kind: 'psu', slot: 'P0' }, scope: 'any' };

/** Every audit cell, in report column order (catalogue order of the faults). */
export const AUDIT_CELLS: readonly AuditCell[] = [
  cell('iosd-crash', 'active'),
  cell('iosd-crash', 'standby'),
  cell('iosd-hang', 'active'),
  cell('iosd-hang', 'standby'),
  cell('vm-crash', 'active'),
  cell('vm-crash', 'standby'),
  cell('host-kernel-panic', 'active'),
  cell('host-kernel-panic', 'standby', 'dual-rp'),
  cell('host-oom', 'active'),
  cell('host-oom', 'standby', 'dual-rp'),
  cell('rp-failure', 'active'),
  cell('rp-failure', 'standby', 'dual-rp'),
  cell('esp-failure', 'active'),
  cell('esp-failure', 'standby', 'dual-esp'),
  cell('power-loss', 'router'),
  cell('config-sync-failure', 'standby'),
  cell('ipc-loss', 'router'),
  cell('image-mismatch', 'standby'),
  PSU_CELL,
];

/**
 * Faults an audit runs when the request names none: every fault but two that exceed the default thresholds on
 * every router whatever its redundancy state, and so would mark the whole fleet exposed and hide the findings:
 * `power-loss` (the whole chassis loses power; the twin models no redundant feeds) and `iosd-hang` (a hung
 * active is only caught by the libvirt watchdog, ≈ 30 s of control-plane outage even with a hot standby). Both
 * can be asked for by name, `iosd-hang` best with a control-plane threshold above the watchdog's 30 s. `psu-failure`
 * is left out too: it finds only routers on one supply, and stored routers without a declared population have two.
 */
export const DEFAULT_AUDIT_FAULTS: readonly FaultName[] = FAULTS.filter((f) => f !== 'power-loss' && f !== 'iosd-hang' && f !== 'psu-failure');

/** The cells of the given faults, in column order. */
export function auditCellsOf(faults: readonly FaultName[]): AuditCell[] {
  const wanted = new Set(faults);
  return AUDIT_CELLS.filter((c) => wanted.has(c.fault));
}

/** The cell named by `key`, or undefined. */
export function auditCellOf(key: string): AuditCell | undefined {
  return AUDIT_CELLS.find((c) => c.key === key);
}

/** Whether the cell exists on the chassis (a second RP or ESP when it needs one). */
export function auditCellApplies(cellToCheck: AuditCell, model: ChassisModel): boolean {
  if (cellToCheck.scope === 'any') return true;
  const anatomy = chassisAnatomy(model);
  return cellToCheck.scope === 'dual-rp' ? anatomy.rpSlots.length > 1 : anatomy.espSlots.length > 1;
}

/**
 * Outage limits above which a cell exposes its router (ms, inclusive limits: exposed when the outage is
 * strictly greater).
 */
export interface AuditThresholds {
  readonly dataPlaneOutageMs: number;
  readonly controlPlaneOutageMs: number;
}

/**
 * Default limits. Control plane: 1 s (DESIGN.md). Data plane: 200 ms, not 0: a dual-ESP chassis losing its
 * active ESP forwards again after the ESP switchover, rated "under 200 ms" (domain §1.5, timing key
 * `espSwitchover`); that interruption is what hardware redundancy delivers, not an exposure.
 */
export const DEFAULT_AUDIT_THRESHOLDS: AuditThresholds = { dataPlaneOutageMs: 200, controlPlaneOutageMs: 1000 };

/** Simulated time at which an audit injects its fault, ms: after start-up settles, well inside any horizon. */
export const AUDIT_FAULT_AT_MS = 60_000;
/** Default simulated horizon of each audit simulation, ms (1 h: room for a standby to boot back to HOT). */
export const DEFAULT_AUDIT_HORIZON_MS = 3_600_000;

/** Whether outages exceed the thresholds. */
export function isExposed(outage: { readonly controlPlaneOutageMs: number; readonly dataPlaneOutageMs: number }, thresholds: AuditThresholds): boolean {
  return outage.dataPlaneOutageMs > thresholds.dataPlaneOutageMs || outage.controlPlaneOutageMs > thresholds.controlPlaneOutageMs;
}

/** The one-step scenario of a cell: its fault at {@link AUDIT_FAULT_AT_MS}, run to the horizon, no expectations. */
export function auditScenario(auditCell: AuditCell, horizonMs: number): Scenario {
  return {
    apiVersion: 'asr-twin/v1',
    kind: 'Scenario',
    metadata: { name: `audit-${auditCell.fault}-${auditCell.target.kind}` },
    spec: {
      horizonMs,
      timing: {},
      steps: [{ kind: 'fault', atMs: AUDIT_FAULT_AT_MS, fault: auditCell.fault, target: auditCell.target }],
      expect: [],
    },
  };
}
