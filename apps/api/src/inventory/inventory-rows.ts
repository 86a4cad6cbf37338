import { CHASSIS_MODELS, type ChassisModel, isChassisModel, type RedundancyMode } from '@asr-twin/domain';

/** At most this many rows (CSV records, NetBox devices) in one import. */
export const MAX_IMPORT_ROWS = 100_000;

export const IMPORT_FORMATS = ['csv', 'netbox'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One router of an import as the file gives it, before it is checked. A value that is absent or empty is
 * `undefined`: on creation it takes its default, on an update the stored value stays.
 */
export interface RawInventoryRow {
  /** CSV: the line the record starts on (the header is line 1). NetBox: the device's index in `results`. */
  readonly row: number;
  readonly hostname?: string;
  readonly model?: string;
  readonly serial?: string;
  readonly version?: string;
  readonly redundancy?: string;
  /** The fleet (id or name) the row names; the import's fleet when absent. */
  readonly fleet?: string;
  /** CSV: the `labels` cell (`key=value;key2=value2`). NetBox: labels already built from the device. */
  readonly labels?: string | Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
  /** Set when the file's own structure already refuses the row (a NetBox entry that is not a device, …). */
  readonly refusal?: string;
}

/** A file read into rows, with warnings about the file as a whole (unknown columns, unmapped custom fields). */
export interface ParsedInventory {
  readonly rows: readonly RawInventoryRow[];
  readonly warnings: readonly string[];
}

/**
 * The chassis model a spelling names, or null for anything outside the ASR 1000 models the twin knows. Case,
 * spaces and underscores are ignored, and a `Cisco` prefix, a dash after `ASR` and a missing dash before `X`
 * are tolerated: `ASR1002-X`, `asr1002-x` (a NetBox slug), `ASR 1002-X`, `Cisco ASR1002X` all name `ASR1002-X`,
 * and `asr-1006` (the slug of `ASR 1006`) names `ASR1006`.
 */
export function chassisModelOf(text: string): ChassisModel | null {
  const compact = text
    .toUpperCase()
    .replace(/[\s_]+/g, '')
    .replace(/^CISCO-?/, '')
    .replace(/^ASR-(?=\d)/, 'ASR');
  if (isChassisModel(compact)) return compact;
  const dashed = compact.replace(/^(ASR\d{4})X$/, '$1-X');
  return isChassisModel(dashed) ? dashed : null;
}

export function unknownModelReason(model: string): string {
  return `model "${model}" is not an ASR 1000 chassis the twin models (${CHASSIS_MODELS.join(', ')})`;
}

const MODE_SPELLINGS: Readonly<Record<string, RedundancyMode>> = {
  sso: 'sso',
  rpr: 'rpr',
  none: 'none',
  simplex: 'none',
  'non-redundant': 'none',
};

/** `sso`, `rpr`, `none` in any case; `simplex` and `non-redundant` also mean `none`. Null for anything else. */
export function redundancyModeOf(text: string): RedundancyMode | null {
  return MODE_SPELLINGS[text.trim().toLowerCase()] ?? null;
}

/**
 * Labels written as `key=value` pairs separated by `;` (`site=ams;tier=edge`). Spaces around pairs are
 * trimmed; a value may contain `=`; empty pairs are skipped. Throws a message for a pair without `=` or key.
 */
export function parseLabelText(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(';')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`"${pair}" is not key=value (labels are written key=value;key2=value2)`);
    const key = pair.slice(0, eq).trim();
    if (key in labels) throw new Error(`label "${key}" is given twice`);
    labels[key] = pair.slice(eq + 1).trim();
  }
  return labels;
}
