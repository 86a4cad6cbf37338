import { NotFoundError } from '@asr-twin/domain';
import { z } from 'zod';
import { parseInput } from '../common/validation.js';
import type { Label, LabelInput } from './models/common.model.js';

/** Labels as the schema lists them, in key order. */
export function labelsOf(labels: Readonly<Record<string, string>>): Label[] {
  return Object.keys(labels)
    .sort()
    .map((key) => ({ key, value: labels[key] as string }));
}

/** Label inputs as the services take them; a key given twice keeps its last value. */
export function labelRecord(labels: readonly LabelInput[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.key, l.value]));
}

/**
 * The arguments a client actually gave: GraphQL has explicit `null` where REST has an absent key, and the
 * REST schemas (which GraphQL inputs are validated with) treat absent and null differently.
 */
export function given<T extends Record<string, unknown>>(args: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null | undefined>;
  };
}

/** `limit` and `offset` of a paginated field, validated as REST's (field names `limit` and `offset`). */
export function pageOf(args: { limit: number; offset: number }, maxLimit: number): { limit: number; offset: number } {
  const schema = z.strictObject({ limit: z.number().int().min(1).max(maxLimit), offset: z.number().int().min(0).max(10_000_000) });
  return parseInput(schema, args, 'arguments');
}

/** The entity, or null when it does not exist (the single-entity queries answer null rather than an error). */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Cost of a paginated field for the complexity limit: its selection once per item it may return, plus one.
 * `limit` is the argument as given or its default.
 */
export function pagedComplexity(options: { args: Record<string, unknown>; childComplexity: number }): number {
  const limit = typeof options.args['limit'] === 'number' ? options.args['limit'] : 1;
  return 1 + Math.max(1, limit) * options.childComplexity;
}
