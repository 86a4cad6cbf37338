import { ValidationError } from '@asr-twin/domain';
import { MAX_IMPORT_ROWS, type ParsedInventory, type RawInventoryRow } from './inventory-rows.js';

/** Custom fields that carry the release, first found wins. */
export const NETBOX_VERSION_FIELDS = ['software_version', 'sw_version'] as const;
/** Custom fields that carry the configured redundancy mode, first found wins. */
export const NETBOX_REDUNDANCY_FIELDS = ['redundancy', 'redundancy_mode'] as const;
const MAPPED_CUSTOM_FIELDS: ReadonlySet<string> = new Set([...NETBOX_VERSION_FIELDS, ...NETBOX_REDUNDANCY_FIELDS]);

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, else undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function slugOf(value: unknown): string | undefined {
  return isObject(value) ? (text(value['slug']) ?? text(value['name'])) : undefined;
}

/** The device list of a NetBox answer: `{ count, next, previous, results }`, or a bare array of devices. */
function devicesOf(document: unknown): { devices: readonly unknown[]; warnings: string[] } {
  if (Array.isArray(document)) return { devices: document, warnings: [] };
  if (isObject(document) && Array.isArray(document['results'])) {
    const next = text(document['next']);
    const count = typeof document['count'] === 'number' ? document['count'] : undefined;
    const results = document['results'] as readonly unknown[];
    const warnings = next ? [`this is one page (${results.length} of ${count ?? 'more'} devices): the next page (${next}) is not imported`] : [];
    return { devices: results, warnings };
  }
  throw new ValidationError('a NetBox device list is { "count", "next", "previous", "results": [devices] } or an array of devices', [
    { field: 'content', message: 'expected a NetBox device list (GET /api/dcim/devices/)' },
  ]);
}

/**
 * Labels of a device: `site`, `role` (NetBox ≥ 3.6 `role`, older `device_role`), `platform` and `tenant` as
 * their slugs, `status` as its value, and each tag as `tag/<slug>=true`.
 */
function labelsOf(device: Json): Record<string, string> {
  const labels: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) labels[key] = value;
  };
  put('site', slugOf(device['site']));
  put('role', slugOf(device['role']) ?? slugOf(device['device_role']));
  put('platform', slugOf(device['platform']));
  put('tenant', slugOf(device['tenant']));
  put('status', isObject(device['status']) ? text(device['status']['value']) : text(device['status']));
  for (const tag of Array.isArray(device['tags']) ? device['tags'] : []) {
    const slug = slugOf(tag);
    if (slug !== undefined) labels[`tag/${slug}`] = 'true';
  }
  return labels;
}

function customField(fields: Json, names: readonly string[]): { value?: string; problem?: string } {
  for (const name of names) {
    const value = fields[name];
    if (value === null || value === undefined || value === '') continue;
    return typeof value === 'string' ? { value: value.trim() } : { problem: `custom_fields.${name} must be text, not ${JSON.stringify(value)}` };
  }
  return {};
}

function rowOf(device: unknown, index: number, unmapped: Set<string>): RawInventoryRow {
  if (!isObject(device)) return { row: index, warnings: [], refusal: 'not a NetBox device object' };
  const hostname = text(device['name']);
  const type = isObject(device['device_type']) ? device['device_type'] : {};
  const model = text(type['model']) ?? text(type['slug']) ?? text(type['display']);
  const custom = isObject(device['custom_fields']) ? device['custom_fields'] : {};
  for (const [name, value] of Object.entries(custom)) if (!MAPPED_CUSTOM_FIELDS.has(name) && value !== null) unmapped.add(name);
  const version = customField(custom, NETBOX_VERSION_FIELDS);
  const redundancy = customField(custom, NETBOX_REDUNDANCY_FIELDS);
  const labels = labelsOf(device);
  const status = labels['status'];
  const warnings = status !== undefined && status !== 'active' ? [`NetBox status is "${status}": imported, labelled status=${status}`] : [];
  const serial = text(device['serial']);
  const base = {
    row: index,
    ...(hostname === undefined ? {} : { hostname }),
    ...(model === undefined ? {} : { model }),
    ...(serial === undefined ? {} : { serial }),
    ...(version.value === undefined ? {} : { version: version.value }),
    ...(redundancy.value === undefined ? {} : { redundancy: redundancy.value }),
    labels,
    warnings,
  };
  if (hostname === undefined) return { ...base, refusal: 'the device has no name (NetBox allows unnamed devices; a router needs a hostname)' };
  const problem = version.problem ?? redundancy.problem;
  return problem ? { ...base, refusal: problem } : base;
}

/**
 * A NetBox device list (the JSON of `GET /api/dcim/devices/`) as inventory rows; `row` is the device's index in
 * `results`. Standard NetBox fields the twin has no use for are ignored; custom fields other than the mapped
 * ones ({@link NETBOX_VERSION_FIELDS}, {@link NETBOX_REDUNDANCY_FIELDS}) are reported once, as a warning.
 */
export function parseNetboxInventory(document: unknown): ParsedInventory {
  const { devices, warnings } = devicesOf(document);
  if (devices.length > MAX_IMPORT_ROWS) {
    throw new ValidationError(`${devices.length} devices: an import takes at most ${MAX_IMPORT_ROWS}`, [
      { field: 'content', message: `at most ${MAX_IMPORT_ROWS} devices` },
    ]);
  }
  const unmapped = new Set<string>();
  const rows = devices.map((device, index) => rowOf(device, index, unmapped));
  if (unmapped.size > 0) warnings.push(`custom field(s) not mapped, ignored: ${[...unmapped].sort().join(', ')}`);
  return { rows, warnings };
}
