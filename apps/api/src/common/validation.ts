import { ValidationError } from '@asr-twin/domain';
import type { z } from 'zod';

/**
 * Parses request input with a zod schema; on failure throws a {@link ValidationError} naming every offending
 * field (`routers.3.hostname`), which the edge turns into a 400 problem document.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : what,
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.field}: ${first.message}` : 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`invalid ${what}: ${summary}${more}`, issues);
}
