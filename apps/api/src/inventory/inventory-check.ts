import type { ChassisModel, RedundancyMode } from '@asr-twin/domain';
import type { FleetRef } from '@asr-twin/persistence';
import type { z } from 'zod';
import { HOSTNAME, LABEL_KEY, LABELS } from '../common/schemas.js';
import { SERIAL, SOFTWARE_VERSION } from '../routers/router.schemas.js';
import { chassisModelOf, parseLabelText, type RawInventoryRow, redundancyModeOf, unknownModelReason } from './inventory-rows.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** What happened to one row of an import. */
export interface ImportRowResult {
  /** CSV: the line the record starts on (header = 1). NetBox: the index in `results`. */
  readonly row: number;
  /** The router's hostname; null when the row gives none. */
  readonly hostname: string | null;
  readonly outcome: ImportOutcome;
  /** Why the row was refused (only for `refused`). */
  readonly reason?: string;
  /** What an update changed: `fleet`, `serial`, `labels`, `version`, `redundancy` (only for `updated`). */
  readonly changed?: readonly string[];
  readonly warnings?: readonly string[];
}

/** A row whose own values are valid; whether it fits the stored router is decided later, under lock. */
export interface CheckedRow {
  readonly row: number;
  readonly hostname: string;
  readonly model?: ChassisModel;
  readonly serial?: string;
  readonly version?: string;
  readonly redundancy?: RedundancyMode;
  readonly fleet: FleetRef;
  readonly labels?: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

/** How rows name fleets: the import's own fleet, and the other fleets rows name, by id and by name. */
export interface FleetScope {
  readonly fleet: FleetRef;
  readonly byKey: ReadonlyMap<string, FleetRef>;
}

export function refused(raw: Pick<RawInventoryRow, 'row' | 'hostname' | 'warnings'>, reason: string): ImportRowResult {
  return {
    row: raw.row,
    hostname: raw.hostname ?? null,
    outcome: 'refused',
    reason,
    ...(raw.warnings.length > 0 ? { warnings: raw.warnings } : {}),
  };
}

function firstIssue(result: z.ZodSafeParseResult<unknown>): string {
  return result.success ? '' : (result.error.issues[0]?.message ?? 'invalid');
}

/** The row's labels, checked as the REST API checks labels; a message when they are malformed. */
function labelsOf(raw: RawInventoryRow): { labels?: Record<string, string>; problem?: string } {
  if (raw.labels === undefined) return {};
  let labels: Record<string, string>;
  try {
    labels = typeof raw.labels === 'string' ? parseLabelText(raw.labels) : { ...raw.labels };
  } catch (error) {
    return { problem: `labels: ${(error as Error).message}` };
  }
  const badKey = Object.keys(labels).find((key) => !LABEL_KEY.safeParse(key).success);
  if (badKey !== undefined) return { problem: `labels: "${badKey}": ${firstIssue(LABEL_KEY.safeParse(badKey))}` };
  const result = LABELS.safeParse(labels);
  return result.success ? { labels } : { problem: `labels: ${firstIssue(result)}` };
}

/** Checks one row on its own: each value valid, the fleet it names existing. */
export function checkRow(raw: RawInventoryRow, scope: FleetScope): CheckedRow | ImportRowResult {
  if (raw.refusal) return refused(raw, raw.refusal);
  if (raw.hostname === undefined) return refused(raw, 'no hostname');
  const hostname = HOSTNAME.safeParse(raw.hostname);
  if (!hostname.success) return refused(raw, `hostname "${raw.hostname}": ${firstIssue(hostname)}`);
  const model = raw.model === undefined ? undefined : chassisModelOf(raw.model);
  if (model === null) return refused(raw, unknownModelReason(raw.model as string));
  const serial = raw.serial?.toUpperCase();
  if (serial !== undefined && !SERIAL.safeParse(serial).success) return refused(raw, `serial "${raw.serial}": 4 to 20 letters or digits`);
  if (raw.version !== undefined && !SOFTWARE_VERSION.safeParse(raw.version).success) {
    return refused(raw, `version "${raw.version}": ${firstIssue(SOFTWARE_VERSION.safeParse(raw.version))}`);
  }
  const redundancy = raw.redundancy === undefined ? undefined : redundancyModeOf(raw.redundancy);
  if (redundancy === null) return refused(raw, `redundancy "${raw.redundancy}": one of sso, rpr, none (or simplex)`);
  const fleet = raw.fleet === undefined ? scope.fleet : scope.byKey.get(raw.fleet);
  if (!fleet) return refused(raw, `fleet "${raw.fleet}" does not exist`);
  const { labels, problem } = labelsOf(raw);
  if (problem) return refused(raw, problem);
  return {
    row: raw.row,
    hostname: hostname.data,
    fleet,
    warnings: raw.warnings,
    ...(model === undefined ? {} : { model }),
    ...(serial === undefined ? {} : { serial }),
    ...(raw.version === undefined ? {} : { version: raw.version }),
    ...(redundancy === undefined ? {} : { redundancy }),
    ...(labels === undefined ? {} : { labels }),
  };
}

/**
 * Checks every row; a hostname given again is refused in favour of its first row (which is then checked
 * against the stored router as any other). Results keep the rows' order.
 */
export function checkRows(rows: readonly RawInventoryRow[], scope: FleetScope): (CheckedRow | ImportRowResult)[] {
  const first = new Map<string, number>();
  return rows.map((raw) => {
    const checked = checkRow(raw, scope);
    if ('outcome' in checked) return checked;
    const seen = first.get(checked.hostname);
    if (seen !== undefined) return refused(raw, `hostname "${checked.hostname}" already given in row ${seen}`);
    first.set(checked.hostname, checked.row);
    return checked;
  });
}
