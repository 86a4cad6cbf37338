import { DURATION_METRICS, type Expectation, type IssuParams, type Scenario, type ScenarioStep } from '@asr-twin/domain';
import { formatDuration } from './duration.js';
import { startDocument } from './start-state.validator.js';
import { formatTarget } from './step-target.js';

/** JSON-compatible value of a scenario document. */
export type ScenarioDocumentValue = string | number | boolean | ScenarioDocumentValue[] | { [key: string]: ScenarioDocumentValue };

/**
 * The file form of a scenario model: durations as text (`1h30m`), targets as names, every default written
 * out. Hand it to `YAML.stringify` or `JSON.stringify`; {@link parseScenario} of the result gives back the
 * same model (positions aside). Used to store, export or show a scenario that was built in code.
 */
export function scenarioToDocument(scenario: Scenario): { [key: string]: ScenarioDocumentValue } {
  const { spec } = scenario;
  return {
    apiVersion: scenario.apiVersion,
    kind: scenario.kind,
    metadata: { name: scenario.metadata.name, ...optional('description', scenario.metadata.description) },
    spec: {
      ...optional('seed', spec.seed),
      horizon: formatDuration(spec.horizonMs),
      ...(spec.routers === undefined ? {} : { routers: spec.routers.map(routerDocument) }),
      ...(spec.selector === undefined ? {} : { selector: selectorDocument(spec.selector) }),
      timing: Object.fromEntries(Object.entries(spec.timing).map(([key, ms]) => [key, formatDuration(ms)])),
      steps: spec.steps.map(stepDocument),
      expect: spec.expect.map(expectationDocument),
      ...(spec.behaviour === undefined
        ? {}
        : {
            behaviour: {
              splitBrain: spec.behaviour.splitBrain,
              integratedEspFailure: { ...spec.behaviour.integratedEspFailure },
              ...(spec.behaviour.singleRpImageIssu === undefined ? {} : { singleRpImageIssu: spec.behaviour.singleRpImageIssu }),
              ...optional('configSyncFailure', spec.behaviour.configSyncFailure),
              ...optional('espColdStartRole', spec.behaviour.espColdStartRole),
            },
          }),
    },
  };
}

function routerDocument(router: NonNullable<Scenario['spec']['routers']>[number]): { [key: string]: ScenarioDocumentValue } {
  const { start, hardware, ...plain } = router;
  const hw: { [key: string]: ScenarioDocumentValue } = hardware === undefined ? {} : { hardware: { ...hardware } as { [key: string]: ScenarioDocumentValue } };
  return start === undefined ? { ...plain, ...hw } : { ...plain, ...hw, state: startDocument(start) as { [key: string]: ScenarioDocumentValue } };
}

function selectorDocument(selector: NonNullable<Scenario['spec']['selector']>): { [key: string]: ScenarioDocumentValue } {
  return {
    ...optional('fleet', selector.fleet),
    ...optional('model', selector.model),
    ...(selector.labels === undefined ? {} : { labels: { ...selector.labels } }),
    ...(selector.hostnames === undefined ? {} : { hostnames: [...selector.hostnames] }),
  };
}

function stepDocument(step: ScenarioStep): { [key: string]: ScenarioDocumentValue } {
  const at = formatDuration(step.atMs);
  const target = formatTarget(step.target);
  if (step.kind === 'fault')
    return step.params === undefined ? { at, fault: step.fault, target } : { at, fault: step.fault, target, params: { version: step.params.version } };
  if (step.action === 'issu') return { at, action: step.action, target, params: paramsDocument(step.params) };
  return { at, action: step.action, target };
}

function paramsDocument(params: IssuParams): { [key: string]: ScenarioDocumentValue } {
  return {
    toVersion: params.toVersion,
    accept: params.accept,
    stepDelay: formatDuration(params.stepDelayMs),
    ...(params.method === undefined ? {} : { method: params.method }),
    ...(params.package === undefined ? {} : { package: params.package }),
  };
}

function expectationDocument(expectation: Expectation): { [key: string]: ScenarioDocumentValue } {
  if (expectation.kind === 'invariant') return { invariant: expectation.invariant };
  const isDuration = DURATION_METRICS.includes(expectation.metric);
  const bound = (value: number): ScenarioDocumentValue => (isDuration ? formatDuration(value) : value);
  return {
    metric: expectation.metric,
    ...(expectation.max === undefined ? {} : { max: bound(expectation.max) }),
    ...(expectation.min === undefined ? {} : { min: bound(expectation.min) }),
  };
}

function optional<K extends string, V extends ScenarioDocumentValue>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
