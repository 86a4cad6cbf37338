import { DURATION_METRICS, INVARIANTS, METRICS, type Expectation, type MetricName } from '@asr-twin/domain';
import { childPath, type Diagnostics } from './diagnostics.js';
import { formatDuration } from './duration.js';
import { at, atKey, label, readCount, readDuration, readEnum, readFields, readList, type Field } from './field-reader.js';
import { SCENARIO_FIELDS } from './scenario-fields.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';

/** `spec.expect`: metric bounds and invariants, in file order. */
export function readExpectations(f: Field, d: Diagnostics): readonly Expectation[] | undefined {
  const items = readList(f, 'expectations (metric with max/min, or invariant)', d);
  if (items === undefined) return undefined;
  const expectations = items.map((item) => readExpectation(item, d));
  return expectations.every((e) => e !== undefined) ? (expectations as Expectation[]) : undefined;
}

function readExpectation(f: Field, d: Diagnostics): Expectation | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.expectation, what: 'an expectation' }, d);
  if (fields === undefined) return undefined;
  const position = f.node.pos === undefined ? {} : { position: f.node.pos };
  if (fields.metric !== undefined && fields.invariant !== undefined) {
    d.error('conflicting-fields', atKey(fields.invariant), 'an expectation checks a metric or an invariant, not both; split it into two');
    return undefined;
  }
  if (fields.invariant !== undefined) {
    for (const bound of [fields.max, fields.min]) {
      if (bound !== undefined) d.error('field-not-allowed', atKey(bound), `${label(bound)} applies to a metric; an invariant has no bounds`);
    }
    const invariant = readEnum(fields.invariant, INVARIANTS, 'invariant', 'unknown-invariant', d);
    return invariant === undefined || fields.max !== undefined || fields.min !== undefined ? undefined : { kind: 'invariant', invariant, ...position };
  }
  if (fields.metric === undefined) {
    const message = `an expectation needs metric (${METRICS.join(', ')}) with max and/or min, or invariant (${INVARIANTS.join(', ')}); found neither`;
    d.error('missing-field', { ...atKey(f), path: childPath(f.path, 'metric') }, message);
    return undefined;
  }
  const metric = readEnum(fields.metric, METRICS, 'metric', 'unknown-metric', d);
  const bounds = metric && readBounds(f, metric, fields.max, fields.min, d);
  return metric === undefined || bounds === undefined ? undefined : { kind: 'metric', metric, ...bounds, ...position };
}

function readBounds(
  f: Field,
  metric: MetricName,
  maxField: Field | undefined,
  minField: Field | undefined,
  d: Diagnostics,
): { max?: number; min?: number } | undefined {
  if (maxField === undefined && minField === undefined) {
    d.error('missing-field', { ...atKey(f), path: childPath(f.path, 'max') }, `metric ${metric} needs a bound: max, min or both`);
    return undefined;
  }
  const isDuration = DURATION_METRICS.includes(metric);
  const read = (b: Field): number | undefined =>
    isDuration ? readDuration(b, d) : readCount(b, SCENARIO_LIMITS.maxCount, 'invalid-integer', d, `a count of ${metric} (a whole number)`);
  const max = maxField && read(maxField);
  const min = minField && read(minField);
  if ((maxField && max === undefined) || (minField && min === undefined)) return undefined;
  if (max !== undefined && min !== undefined && min > max) {
    const show = (v: number): string => (isDuration ? formatDuration(v) : String(v));
    d.error('invalid-bounds', at(minField ?? f), `min ${show(min)} is greater than max ${show(max)}; no value of ${metric} could pass`);
    return undefined;
  }
  return { ...(max === undefined ? {} : { max }), ...(min === undefined ? {} : { min }) };
}
