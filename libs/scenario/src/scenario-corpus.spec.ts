import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, SCENARIO_ERROR_CODES, type ScenarioErrorCode } from './index.js';

const INVALID = new URL('../test-fixtures/invalid/', import.meta.url);
const VALID = new URL('../test-fixtures/valid/', import.meta.url);

type Expected = readonly (readonly [code: ScenarioErrorCode, line: number, column: number])[];

/**
 * Every malformed file and exactly the errors it must produce, in order. Positions are part of the
 * contract: a drift of one line or column fails here. The first line of each YAML file says what is wrong.
 */
const EXPECTED: Readonly<Record<string, Expected>> = {
  'accept-not-boolean.yaml': [['wrong-type', 12, 17]],
  'alias-bomb.yaml': [['alias-limit', 7, 8]],
  'bad-slug.yaml': [['invalid-name', 5, 9]],
  'bad-unit.yaml': [['invalid-duration', 8, 11]],
  'binary-junk.yaml': [['invalid-character', 2, 1]],
  'control-character.yaml': [['invalid-character', 6, 22]],
  'deep-nesting.yaml': [['nesting-too-deep', 7, 72]],
  'duplicate-hostname.yaml': [['duplicate-hostname', 10, 17]],
  'duplicate-key.yaml': [['duplicate-key', 11, 3]],
  'empty-fleet.yaml': [['invalid-string', 8, 12]],
  'empty-routers.yaml': [['empty-list', 7, 12]],
  'empty.yaml': [['empty-document', 1, 1]],
  'esp-not-installed.yaml': [['target-not-on-chassis', 14, 15]],
  'fault-and-action.yaml': [['conflicting-fields', 10, 7]],
  'hardware-rp1-on-17.yaml': [
    ['impossible-hardware', 10, 16],
    ['impossible-hardware', 11, 23],
    ['impossible-hardware', 11, 42],
    ['impossible-hardware', 14, 16],
  ],
  'huge-duration.yaml': [['duration-out-of-range', 7, 12]],
  'instance-not-on-chassis.yaml': [['target-not-on-chassis', 12, 15]],
  'invalid-hostname.yaml': [['invalid-hostname', 8, 17]],
  'invalid-target.yaml': [['invalid-target', 10, 15]],
  'invalid-version.yaml': [['invalid-version', 10, 16]],
  'invariant-with-bound.yaml': [['field-not-allowed', 12, 7]],
  'issu-toversion-misplaced.yaml': [
    ['missing-field', 8, 7],
    ['unknown-key', 10, 7],
  ],
  'issu-without-toversion.yaml': [['missing-field', 10, 7]],
  'issu-wrong-target.yaml': [['target-not-allowed', 10, 15]],
  'labels-not-strings.yaml': [['wrong-type', 10, 13]],
  'list-for-map.yaml': [['wrong-type', 5, 3]],
  'many-errors.yaml': [
    ['unknown-redundancy', 11, 19],
    ['missing-duration-unit', 13, 20],
    ['target-not-on-chassis', 17, 15],
    ['step-beyond-horizon', 18, 11],
    ['unknown-metric', 21, 15],
  ],
  'map-for-duration.yaml': [['wrong-type', 8, 11]],
  'min-above-max.yaml': [['invalid-bounds', 13, 12]],
  'missing-spec.yaml': [['missing-field', 2, 1]],
  'missing-unit.yaml': [['missing-duration-unit', 7, 12]],
  'multiple-documents.yaml': [['yaml-multiple-documents', 7, 1]],
  'negative-duration.yaml': [['duration-out-of-range', 8, 11]],
  'neither-fault-nor-action.yaml': [['missing-field', 10, 7]],
  'non-scalar-key.yaml': [['invalid-key', 7, 5]],
  'number-for-hostname.yaml': [['wrong-type', 8, 17]],
  'params-on-fault.yaml': [['field-not-allowed', 10, 7]],
  'routers-and-selector.yaml': [['conflicting-fields', 10, 3]],
  'scalar-document.yaml': [['wrong-type', 2, 1]],
  'state-guest-on-down-host.yaml': [
    ['impossible-state', 14, 17],
    ['unknown-state', 19, 17],
    ['target-not-on-chassis', 21, 11],
  ],
  'state-hot-under-rpr.yaml': [['impossible-state', 13, 17]],
  'state-two-active.yaml': [['impossible-state', 11, 9]],
  'unknown-behaviour.yaml': [['unknown-behaviour', 11, 17]],
  'unknown-issu-method.yaml': [['unknown-issu-option', 13, 44]],
  'seed-out-of-range.yaml': [['invalid-integer', 7, 9]],
  'step-beyond-horizon.yaml': [['step-beyond-horizon', 11, 11]],
  'string-for-list.yaml': [['wrong-type', 7, 10]],
  'switchovers-duration.yaml': [['wrong-type', 12, 12]],
  'tab-indent.yaml': [['yaml-tab-indent', 5, 1]],
  'target-not-allowed.yaml': [['target-not-allowed', 10, 15]],
  'target-not-on-chassis.yaml': [['target-not-on-chassis', 15, 15]],
  'undefined-alias.yaml': [['yaml-alias', 8, 7]],
  'unknown-action.yaml': [['unknown-action', 9, 15]],
  'unknown-fault.json': [['unknown-fault', 9, 30]],
  'unknown-fault.yaml': [['unknown-fault', 9, 14]],
  'unknown-invariant.yaml': [['unknown-invariant', 11, 18]],
  'unknown-key.yaml': [['unknown-key', 7, 3]],
  'unknown-metric.yaml': [['unknown-metric', 11, 15]],
  'unknown-model.yaml': [['unknown-model', 9, 14]],
  'unknown-redundancy.yaml': [['unknown-redundancy', 10, 19]],
  'unknown-tag.yaml': [
    ['yaml-unknown-tag', 7, 10],
    ['wrong-type', 7, 19],
  ],
  'unknown-timing-key.yaml': [['unknown-timing-key', 8, 5]],
  'wrong-api-version.yaml': [['invalid-api-version', 2, 13]],
  'wrong-kind.yaml': [['invalid-kind', 3, 7]],
  'yaml-syntax.yaml': [['yaml-syntax', 3, 1]],
  'zero-horizon.yaml': [['duration-out-of-range', 7, 12]],
};

/** Codes no fixture file can produce; each has its own test in scenario.parser.spec.ts. */
const CODES_TESTED_ELSEWHERE: readonly ScenarioErrorCode[] = ['input-too-large', 'too-many-errors', 'internal-error'];

const invalidFiles = readdirSync(INVALID).sort();

describe('malformed scenario corpus', () => {
  it('has at least 30 files, each listed in the expectations table', () => {
    expect(invalidFiles.length).toBeGreaterThanOrEqual(30);
    expect(invalidFiles).toEqual(Object.keys(EXPECTED).sort());
  });

  it('documents what is wrong on the first line of every YAML file', () => {
    for (const file of invalidFiles.filter((f) => f.endsWith('.yaml'))) {
      expect(readFileSync(new URL(file, INVALID), 'latin1'), file).toMatch(/^# \S.*\n/);
    }
  });

  it.each(invalidFiles)('%s is rejected with the expected errors at the expected positions', (file) => {
    const bytes = readFileSync(new URL(file, INVALID));
    const result = parseScenario(bytes, `fixtures/${file}`);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    for (const error of errors) {
      expect(error.file).toBe(`fixtures/${file}`);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.message).not.toMatch(/\n/);
    }
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual(EXPECTED[file]);
  });

  it('parses the same result from the file as text and as bytes', () => {
    for (const file of invalidFiles) {
      const bytes = readFileSync(new URL(file, INVALID));
      expect(parseScenario(bytes.toString('utf8'), file), file).toEqual(parseScenario(bytes, file));
    }
  });

  it('exercises every error code, here or in a named unit test', () => {
    const seen = new Set(Object.values(EXPECTED).flatMap((errors) => errors.map(([code]) => code)));
    const missing = SCENARIO_ERROR_CODES.filter((code) => !seen.has(code) && !CODES_TESTED_ELSEWHERE.includes(code));
    expect(missing).toEqual([]);
  });
});

describe('valid scenario corpus', () => {
  it.each(readdirSync(VALID).sort())('%s parses', (file) => {
    const result = parseScenario(readFileSync(new URL(file, VALID), 'utf8'), file);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
