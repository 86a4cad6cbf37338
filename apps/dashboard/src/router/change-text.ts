import type { TwinEntity } from '../api/schema-types.generated.js';
import { isRfStateCode, rfStateName } from '@asr-twin/domain';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One changed field's value as people read it: an RF state by its IOS-XE name with the number after it
 * (`STANDBY HOT (8)`, names from the domain library), a timestamp as local date and time, objects as JSON,
 * nothing as `—`.
 */
export function fieldValueText(field: string, value: unknown, formatTime: (iso: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (field === 'rfState' && isRfStateCode(value)) return `${rfStateName(value)} (${value})`;
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean | bigint | symbol);
}

/** The fields a change-log row changed, each as `field: before → after`, in the order of `after`. */
export function changedFields(before: unknown, after: unknown, formatTime: (iso: string) => string): { field: string; before: string; after: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.map((field) => ({ field, before: fieldValueText(field, b[field], formatTime), after: fieldValueText(field, a[field], formatTime) }));
}

/** A component of the router the change log can be filtered by: `router`, `instance R0/1`, `esp F0`. */
export interface ChangeComponent {
  readonly entity: TwinEntity;
  readonly entityKey: string | null;
}

/** The value of a component in a `<select>`, and back. */
export function componentValue(c: ChangeComponent): string {
  return c.entityKey === null ? c.entity : `${c.entity} ${c.entityKey}`;
}
