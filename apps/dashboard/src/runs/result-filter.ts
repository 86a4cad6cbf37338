import type { CauseGroup, Verdict } from '../api/types';
import { causeText } from './expectation-text';

/** Filters of the run page's router list, as `Run.results` takes them; absent: any. */
export interface ResultFilter {
  readonly verdict?: Verdict;
  readonly model?: string;
  readonly mode?: string;
  readonly start?: string;
  readonly expectation?: string;
  readonly search?: string;
}

/** The failed routers of a cause group. */
export function groupFilter(group: Pick<CauseGroup, 'dimension' | 'value'>): ResultFilter {
  return { verdict: 'fail', [group.dimension]: group.value };
}

/** The query variables of a filter: every filter named, null when absent. */
export function filterVariables(f: ResultFilter): Record<string, string | null> {
  return {
    verdict: f.verdict ?? null,
    model: f.model ?? null,
    mode: f.mode ?? null,
    start: f.start ?? null,
    expectation: f.expectation ?? null,
    search: f.search ?? null,
  };
}

/** The group a filter shows, in words ("model ASR1002-X"), or null when it filters by no group. */
export function filterGroupText(f: ResultFilter): string | null {
  const parts: string[] = [];
  if (f.model) parts.push(causeText({ dimension: 'model', value: f.model }));
  if (f.mode) parts.push(causeText({ dimension: 'mode', value: f.mode }));
  if (f.start) parts.push(causeText({ dimension: 'start', value: f.start }));
  if (f.expectation) parts.push(causeText({ dimension: 'expectation', value: f.expectation }));
  return parts.length === 0 ? null : parts.join(', ');
}
