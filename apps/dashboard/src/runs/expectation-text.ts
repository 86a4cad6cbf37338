import type { CauseGroup, ExpectationLimit } from '../api/types';
import { formatCount, formatDuration } from '../ui/format';

/** Expectation names of scenario files, in words. */
const EXPECTATION_NAMES: Readonly<Record<string, string>> = {
  controlPlaneOutage: 'Control-plane outage',
  dataPlaneOutage: 'Data-plane outage',
  redundancyRestored: 'Time to redundancy',
  switchovers: 'Switchovers',
  'single-active': 'Single active (time with two ACTIVE)',
};

/** An expectation's name in words (`controlPlaneOutage` → "Control-plane outage"); unknown names as they are. */
export function expectationName(expect: string): string {
  return EXPECTATION_NAMES[expect] ?? expect;
}

/** A value an expectation observed: a count for switchovers, else a duration; none means never restored. */
export function formatObserved(expect: string, value: number | null): string {
  if (value === null) return expect === 'redundancyRestored' ? 'never (not within the horizon)' : '—';
  return expect === 'switchovers' ? formatCount(value) : formatDuration(value);
}

/** An expectation's bounds in words: "at most 1 min", "at least 3 min", "from 1 to 2". */
export function formatLimit(expect: string, limit: ExpectationLimit): string {
  const f = (v: number) => formatObserved(expect, v);
  if (limit.min !== null && limit.max !== null) return `from ${f(limit.min)} to ${f(limit.max)}`;
  if (limit.max !== null) return `at most ${f(limit.max)}`;
  if (limit.min !== null) return `at least ${f(limit.min)}`;
  return 'no bound';
}

/** What a cause group has in common, in words: "model ASR1002-X", "operating mode SSO". */
export function causeText(group: Pick<CauseGroup, 'dimension' | 'value'>): string {
  switch (group.dimension) {
    case 'model':
      return `model ${group.value}`;
    case 'mode':
      return `operating mode ${group.value.toUpperCase()}`;
    case 'start':
      return `starting state ${group.value}`;
    case 'expectation':
      return `failed ${expectationName(group.value)}`;
  }
}
