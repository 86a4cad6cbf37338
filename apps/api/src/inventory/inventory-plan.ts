import { defaultRedundancyMode, defaultSoftwareVersion, hardwareProblems, initialRouterState, routerHealth, type RouterTwinState } from '@asr-twin/domain';
import type { NewRouter, RouterDetail, RouterImportUpdate, RouterImportWrites } from '@asr-twin/persistence';
import { syntheticSerial } from '../routers/router-generator.js';
import { type CheckedRow, type ImportRowResult, refused } from './inventory-check.js';

/**
 * Whether a router's stored twin state is exactly the one a router of its configuration starts in: every host,
 * hypervisor, IOS instance and ESP as created, no operating mode reported by a device. Only such a router may
 * have its release or redundancy mode changed by an import, which resets the state for the new configuration:
 * a router that failed over, or whose state came from observations, keeps the state it has.
 */
export function isAtRest(router: RouterDetail): boolean {
  const s = router.state;
  const initial = initialRouterState({
    model: router.model,
    redundancyMode: router.redundancyMode,
    softwareVersion: router.softwareVersion,
    ...(s.hardware === undefined ? {} : { hardware: s.hardware }),
  });
  const sameInstances = initial.instances.every((i) => {
    const stored = s.instances.find((x) => x.name === i.name);
    return stored?.rfState === i.rfState && stored.domainState === i.domainState && stored.softwareVersion === i.softwareVersion;
  });
  const sameHosts = initial.hosts.every((h) => {
    const stored = s.hosts.find((x) => x.slot === h.slot);
    return stored?.state === h.state && stored.hypervisor.state === h.hypervisor.state;
  });
  const sameEsps = initial.esps.every((e) => {
    const stored = s.esps.find((x) => x.slot === e.slot);
    return stored?.state === e.state && stored.role === e.role && stored.forwarding === e.forwarding;
  });
  return router.redundancy.operatingMode === null && sameInstances && sameHosts && sameEsps;
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

function newRouter(row: CheckedRow & { model: NonNullable<CheckedRow['model']> }): NewRouter {
  return {
    hostname: row.hostname,
    model: row.model,
    serial: row.serial ?? syntheticSerial(row.hostname),
    softwareVersion: row.version ?? defaultSoftwareVersion(row.model),
    redundancyMode: row.redundancy ?? defaultRedundancyMode(row.model),
    labels: row.labels ?? {},
  };
}

function withWarnings(row: CheckedRow, result: Omit<ImportRowResult, 'row' | 'hostname'>): ImportRowResult {
  return { row: row.row, hostname: row.hostname, ...result, ...(row.warnings.length > 0 ? { warnings: row.warnings } : {}) };
}

/** What an update of a stored router from a row is: refused, unchanged, or the write. */
function updateOf(row: CheckedRow, stored: RouterDetail): { result: ImportRowResult; update?: RouterImportUpdate } {
  if (row.model !== undefined && row.model !== stored.model) {
    const reason = `model ${row.model} differs from the stored ${stored.model}: a chassis cannot change model in place (delete the router, then import it)`;
    return { result: refused(row, reason) };
  }
  const next = {
    fleetId: row.fleet.id,
    serial: row.serial ?? stored.serial,
    labels: row.labels ?? stored.labels,
    softwareVersion: row.version ?? stored.softwareVersion,
    redundancyMode: row.redundancy ?? stored.redundancyMode,
  };
  const changed = {
    fleet: next.fleetId !== stored.fleetId,
    serial: next.serial !== stored.serial,
    labels: !sameLabels(next.labels, stored.labels),
    version: next.softwareVersion !== stored.softwareVersion,
    redundancy: next.redundancyMode !== stored.redundancyMode,
  };
  const names = Object.entries(changed)
    .filter(([, c]) => c)
    .map(([name]) => name);
  if (names.length === 0) return { result: withWarnings(row, { outcome: 'unchanged' }) };
  const impossible = changed.version ? hardwareProblems(stored.model, next.softwareVersion, stored.state.hardware)[0] : undefined;
  if (impossible) return { result: refused(row, `version ${next.softwareVersion} refused: ${impossible.message}`) };
  const resets = changed.version || changed.redundancy;
  if (resets && !isAtRest(stored)) {
    const what = [
      changed.version ? `version ${stored.softwareVersion} → ${next.softwareVersion}` : '',
      changed.redundancy ? `redundancy ${stored.redundancyMode} → ${next.redundancyMode}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const reason = `${what} refused: the router's twin state has moved from the state its configuration starts in (a failover, an observation); feed the device's output as an observation instead`;
    return { result: refused(row, reason) };
  }
  const fields = {
    fleetId: changed.fleet,
    serial: changed.serial,
    labels: changed.labels,
    softwareVersion: changed.version,
    redundancyMode: changed.redundancy,
  };
  const keys = Object.entries(fields)
    .filter(([, c]) => c)
    .map(([k]) => k as keyof typeof next);
  const before = Object.fromEntries(keys.map((k) => [k, stored[k]]));
  const after = Object.fromEntries(keys.map((k) => [k, next[k]]));
  const update: RouterImportUpdate = {
    id: stored.id,
    fleetId: next.fleetId,
    serial: next.serial,
    labels: next.labels,
    before,
    after,
    ...(resets ? { reset: resetOf(stored, next.softwareVersion, next.redundancyMode) } : {}),
  };
  return { result: withWarnings(row, { outcome: 'updated', changed: names }), update };
}

function resetOf(stored: RouterDetail, softwareVersion: string, redundancyMode: RouterTwinState['redundancyMode']): NonNullable<RouterImportUpdate['reset']> {
  const state = initialRouterState({
    model: stored.model,
    redundancyMode,
    softwareVersion,
    ...(stored.state.hardware === undefined ? {} : { hardware: stored.state.hardware }),
  });
  return {
    softwareVersion,
    redundancyMode,
    health: routerHealth(state),
    instances: state.instances.map((i) => ({ name: i.name, rfState: i.rfState, domainState: i.domainState, softwareVersion: i.softwareVersion })),
  };
}

/**
 * Decides each checked row against the stored routers (by hostname): create, update, unchanged or refused.
 * Rows refused by their own checks pass through. Results keep the rows' order.
 */
export function planImport(
  rows: readonly (CheckedRow | ImportRowResult)[],
  stored: readonly RouterDetail[],
): { readonly writes: RouterImportWrites; readonly results: ImportRowResult[] } {
  const byHostname = new Map(stored.map((r) => [r.hostname, r]));
  const creates = new Map<string, NewRouter[]>();
  const updates: RouterImportUpdate[] = [];
  const results = rows.map((row): ImportRowResult => {
    if ('outcome' in row) return row;
    const existing = byHostname.get(row.hostname);
    if (existing) {
      const { result, update } = updateOf(row, existing);
      if (update) updates.push(update);
      return result;
    }
    if (row.model === undefined) return refused(row, 'no model: a new router needs one');
    const created = newRouter({ ...row, model: row.model });
    // A release the model's RP or ESP has no image for (domain §8.11) is refused, naming the PID and release.
    const impossible = hardwareProblems(created.model, created.softwareVersion, undefined)[0];
    if (impossible) return refused(row, `impossible ${created.model} on ${created.softwareVersion}: ${impossible.message}`);
    const group = creates.get(row.fleet.id) ?? [];
    group.push(created);
    creates.set(row.fleet.id, group);
    return withWarnings(row, { outcome: 'created' });
  });
  return { writes: { creates: [...creates].map(([fleetId, routers]) => ({ fleetId, routers })), updates }, results };
}
