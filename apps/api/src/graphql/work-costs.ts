import { type ComplexityEstimator } from 'graphql-query-complexity';

/** What the cost model charges for work beyond a field's selection (configuration: `GRAPHQL_COST_PER_KIB_PARSED`). */
export interface WorkCosts {
  /** Cost of each KiB (started) of text a field parses. */
  readonly perKibParsed: number;
}

/** Fixed costs of mutations that queue or perform real work, on top of their selection. */
export const MUTATION_COSTS = { startRun: 100, startAudit: 100, createForecast: 100, forceSwitchover: 20 } as const;

/** Cost of each router `generateRouters` creates. */
export const COST_PER_GENERATED_ROUTER = 1;

const KIB = 1024;

const kib = (text: unknown): number => (typeof text === 'string' ? Math.ceil(Buffer.byteLength(text, 'utf8') / KIB) : 0);

/** The texts a root field parses, by `Type.field`, from its arguments (variables already applied). */
export const PARSED_TEXTS: Readonly<Record<string, (args: Record<string, unknown>) => readonly unknown[]>> = {
  'Query.validateScenario': (args) => [args['source']],
  'Mutation.createScenario': (args) => [args['source']],
  'Mutation.updateScenario': (args) => [args['source']],
  'Mutation.startRun': (args) => [(args['input'] as { source?: unknown } | undefined)?.source],
  'Mutation.observe': (args) => (Array.isArray(args['items']) ? args['items'].map((i: { output?: unknown }) => i?.output) : []),
  'Mutation.importInventory': (args) => [args['content']],
};

/** The scenario sources among them (the per-request count and size limits). */
export const SCENARIO_SOURCE_FIELDS: ReadonlySet<string> = new Set([
  'Query.validateScenario',
  'Mutation.createScenario',
  'Mutation.updateScenario',
  'Mutation.startRun',
]);

/**
 * The cost of the work a field does besides returning its selection: parsing (per KiB of every text it
 * parses), queueing a run or an audit, a switchover, generating routers (per router). Fields that do none are
 * left to the other estimators.
 */
export function workEstimator(costs: WorkCosts): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const name = `${type.name}.${field.name}`;
    let work = 0;
    const texts = PARSED_TEXTS[name];
    if (texts) work += texts(args).reduce<number>((sum, text) => sum + kib(text) * costs.perKibParsed, 0);
    if (type.name === 'Mutation' && field.name in MUTATION_COSTS) work += MUTATION_COSTS[field.name as keyof typeof MUTATION_COSTS];
    if (name === 'Mutation.generateRouters' && typeof args['count'] === 'number') work += Math.max(0, args['count']) * COST_PER_GENERATED_ROUTER;
    if (!texts && work === 0) return undefined;
    return 1 + work + childComplexity;
  };
}
