import type { TimelineEntry as SimTimelineEntry } from '@asr-twin/simulator';
import { z } from 'zod';
import { apiSchema } from './openapi-schema.js';

/** An instant as the api writes it: ISO 8601 in UTC (`2026-01-31T12:00:00.000Z`). */
export const TIMESTAMP = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' });

/** Labels as answers carry them: string values by key. */
export const LABEL_MAP = z.record(z.string(), z.string());

/** Page of a list: the items of the page, how many in all, and the page asked for. */
export function pageSchema<S extends z.ZodType>(name: string, item: S, description: string) {
  return apiSchema(
    name,
    z
      .object({
        items: z.array(item),
        total: z.number().int().min(0).describe('items in all pages'),
        limit: z.number().int().min(1).describe('the page size asked for'),
        offset: z.number().int().min(0).describe('how many items precede this page'),
      })
      .meta({ description }),
  );
}

/**
 * A nested value documented as a JSON object without a list of its properties: for structures of the domain
 * whose full shape belongs to another contract (the scenario model, a run's aggregate). Typed as `T`, so the
 * schema around it is still checked against the type the route returns.
 */
export function objectOf<T>(description: string): z.ZodType<T> {
  return z.record(z.string(), z.unknown()).meta({ description }) as unknown as z.ZodType<T>;
}

/** A field a write changed, as answers and the change log list it. */
export const FIELD_CHANGE = apiSchema(
  'FieldChange',
  z
    .object({
      entity: z.enum(['router', 'host', 'hypervisor', 'instance', 'esp']),
      key: z.string().describe('hostname, slot (R0, F1) or instance (R0/1)'),
      field: z.string(),
      before: z.unknown().describe('the stored value before; any JSON value'),
      after: z.unknown().describe('the stored value after; any JSON value'),
    })
    .meta({ description: 'one stored field a write changed' }),
);

/** One entry of a simulated timeline (DESIGN.md "Results"). */
export const TIMELINE_ENTRY = apiSchema(
  'TimelineEntry',
  z
    .object({
      tMs: z.number().describe('simulated milliseconds after the start'),
      router: z.string().describe('hostname'),
      component: z.string().describe('the component (`R0/0`, `F0`, `R0`) or the router'),
      event: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    })
    .meta({ description: 'a state change, fault or action on the simulated clock' }),
);

/** The REST timeline entry is the simulator's `TimelineEntry`: either drifting from the other fails to compile. */
const sameTimelineEntry: [z.infer<typeof TIMELINE_ENTRY>, SimTimelineEntry] extends [SimTimelineEntry, z.infer<typeof TIMELINE_ENTRY>] ? true : never = true;
void sameTimelineEntry;
