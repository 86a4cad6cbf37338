import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  getArgumentValues,
  type GraphQLObjectType,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  specifiedRules,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createComplexityRule, fieldExtensionsEstimator, simpleEstimator } from 'graphql-query-complexity';
import { requestError } from './graphql-errors.js';
import { storableTextRule } from './storable-text.rule.js';
import { SCENARIO_SOURCE_FIELDS, PARSED_TEXTS, workEstimator } from './work-costs.js';

/** The limits every GraphQL document must keep (configuration: `GRAPHQL_MAX_*`, `GRAPHQL_COST_PER_KIB_PARSED`, `SCENARIO_MAX_*`). */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxComplexity: number;
  readonly maxQueryLength: number;
  /** Cost of each KiB of text a field parses; 0 when absent. */
  readonly costPerKibParsed?: number;
  /** Scenario sources per request and their sizes; unlimited when absent. */
  readonly scenarios?: { readonly maxSourceBytes: number; readonly maxSourcesPerRequest: number; readonly maxRequestBytes: number };
}

/**
 * Depth of a selection set: 1 for `{ me }`, 2 for `{ me { name } }`; fragments count where they are spread.
 * Each fragment's depth is computed once (memo), so fragments spread many times cost nothing more, and a
 * fragment cycle (reported by the specification's rules) counts as 0 instead of recursing forever.
 */
function depthOf(set: SelectionSetNode, fragment: (name: string) => number): number {
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragment) : 1);
    else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, fragment));
    else deepest = Math.max(deepest, fragment(selection.name.value));
  }
  return deepest;
}

function fragmentDepths(lookup: (name: string) => FragmentDefinitionNode | undefined): (name: string) => number {
  const memo = new Map<string, number>();
  const depth = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, 0);
    const definition = lookup(name);
    const value = definition ? depthOf(definition.selectionSet, depth) : 0;
    memo.set(name, value);
    return value;
  };
  return depth;
}

/** Refuses operations nested deeper than `maxDepth` fields, with code `QUERY_TOO_DEEP`. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node: OperationDefinitionNode) {
      const depth = depthOf(
        node.selectionSet,
        fragmentDepths((name) => context.getFragment(name) ?? undefined),
      );
      if (depth > maxDepth) {
        context.reportError(
          requestError('QUERY_TOO_DEEP', `the query is nested ${depth} levels deep; the limit is ${maxDepth} (GRAPHQL_MAX_DEPTH)`, {
            depth,
            limit: maxDepth,
          }),
        );
      }
    },
  });
}

/**
 * Refuses operations whose cost exceeds `maxComplexity`, with code `QUERY_TOO_COMPLEX`: every field costs 1,
 * a field that works costs its work (`work-costs.ts`: each KiB it parses, a run or an audit queued, routers
 * generated), and a field with a `complexity` extension (paginated lists: their `limit` times their selection)
 * costs what it says. Variables count with their values.
 */
export function complexityLimitRule(
  maxComplexity: number,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
  costPerKibParsed = 0,
): ValidationRule {
  return createComplexityRule({
    maximumComplexity: maxComplexity,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [workEstimator({ perKibParsed: costPerKibParsed }), fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    createError: (max, actual) =>
      requestError('QUERY_TOO_COMPLEX', `the query costs ${actual}; the limit is ${max} (GRAPHQL_MAX_COMPLEXITY). Ask for fewer fields or smaller pages`, {
        complexity: actual,
        limit: max,
      }),
  });
}

/** The scenario sources of a selection: how many, their bytes, and the largest (by field, alias first). */
interface SourceSummary {
  readonly count: number;
  readonly bytes: number;
  readonly largest: { readonly field: string; readonly bytes: number } | null;
}

const NO_SOURCES: SourceSummary = { count: 0, bytes: 0, largest: null };

function add(a: SourceSummary, b: SourceSummary): SourceSummary {
  const largest = a.largest === null || (b.largest !== null && b.largest.bytes > a.largest.bytes) ? b.largest : a.largest;
  return { count: a.count + b.count, bytes: a.bytes + b.bytes, largest };
}

/** The sources one root field parses, from its arguments (variables applied); none when they do not coerce. */
function fieldSources(field: FieldNode, root: GraphQLObjectType, variables: Record<string, unknown> | undefined): SourceSummary {
  const name = `${root.name}.${field.name.value}`;
  const definition = root.getFields()[field.name.value];
  if (!SCENARIO_SOURCE_FIELDS.has(name) || !definition) return NO_SOURCES;
  let texts: readonly unknown[];
  try {
    texts = PARSED_TEXTS[name]?.(getArgumentValues(definition, field, variables)) ?? [];
  } catch {
    texts = []; // Bad arguments or variables: the specification's rules report them.
  }
  const bytes = texts.reduce<number>((sum, t) => sum + (typeof t === 'string' ? Buffer.byteLength(t, 'utf8') : 0), 0);
  return { count: 1, bytes, largest: { field: field.alias?.value ?? field.name.value, bytes } };
}

/**
 * The scenario sources of an operation's root selection, fragments expanded (each spread counts). Each
 * fragment is summed once (memo), so exponentially many spreads cost nothing more, and a cycle counts 0.
 */
function sourcesOf(
  set: SelectionSetNode,
  root: GraphQLObjectType,
  variables: Record<string, unknown> | undefined,
  fragment: (name: string) => SourceSummary,
): SourceSummary {
  let summary = NO_SOURCES;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) summary = add(summary, fieldSources(selection, root, variables));
    else if (selection.kind === Kind.INLINE_FRAGMENT) summary = add(summary, sourcesOf(selection.selectionSet, root, variables, fragment));
    else summary = add(summary, fragment(selection.name.value));
  }
  return summary;
}

/**
 * Scenario sources per request (`SCENARIO_MAX_SOURCES_PER_REQUEST`: `TOO_MANY_SOURCES`, HTTP 400), each source's
 * size and their total (`SCENARIO_MAX_SOURCE_BYTES`, `SCENARIO_MAX_REQUEST_BYTES`: `PAYLOAD_TOO_LARGE`, HTTP 413),
 * checked before anything is parsed or runs.
 */
export function sourceLimitRule(limits: NonNullable<QueryLimits['scenarios']>, variables: Record<string, unknown> | undefined): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node: OperationDefinitionNode) {
      const schema = context.getSchema();
      const root =
        node.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : node.operation === OperationTypeNode.QUERY ? schema.getQueryType() : null;
      if (!root) return;
      const memo = new Map<string, SourceSummary>();
      const fragment = (name: string): SourceSummary => {
        const known = memo.get(name);
        if (known) return known;
        memo.set(name, NO_SOURCES);
        const definition = context.getFragment(name);
        const value = definition ? sourcesOf(definition.selectionSet, root, variables, fragment) : NO_SOURCES;
        memo.set(name, value);
        return value;
      };
      const { count, bytes, largest } = sourcesOf(node.selectionSet, root, variables, fragment);
      if (count > limits.maxSourcesPerRequest) {
        const message = `the request carries ${count} scenario sources to parse; at most ${limits.maxSourcesPerRequest} are accepted per request (SCENARIO_MAX_SOURCES_PER_REQUEST): send the others in further requests`;
        context.reportError(requestError('TOO_MANY_SOURCES', message, { sources: count, limit: limits.maxSourcesPerRequest }));
      } else if (largest !== null && largest.bytes > limits.maxSourceBytes) {
        const message = `${largest.field}: the scenario source is ${largest.bytes} bytes; at most ${limits.maxSourceBytes} are accepted (SCENARIO_MAX_SOURCE_BYTES)`;
        context.reportError(requestError('PAYLOAD_TOO_LARGE', message, { bytes: largest.bytes, limit: limits.maxSourceBytes }));
      } else if (bytes > limits.maxRequestBytes) {
        const message = `the request carries ${bytes} bytes of scenario sources; at most ${limits.maxRequestBytes} are accepted per request (SCENARIO_MAX_REQUEST_BYTES)`;
        context.reportError(requestError('PAYLOAD_TOO_LARGE', message, { bytes, limit: limits.maxRequestBytes }));
      }
    },
  });
}

/** The rules on top of the specification's, for one request. */
export function limitRules(limits: QueryLimits, variables?: Record<string, unknown>, operationName?: string): ValidationRule[] {
  return [
    depthLimitRule(limits.maxDepth),
    ...(limits.scenarios ? [sourceLimitRule(limits.scenarios, variables)] : []),
    complexityLimitRule(limits.maxComplexity, variables, operationName, limits.costPerKibParsed),
    storableTextRule(variables),
  ];
}

/** The length check, before a document is parsed at all. */
export function checkQueryLength(source: string, limits: QueryLimits): void {
  if (source.length > limits.maxQueryLength) {
    throw requestError('QUERY_TOO_LARGE', `the query has ${source.length} characters; the limit is ${limits.maxQueryLength} (GRAPHQL_MAX_QUERY_LENGTH)`, {
      length: source.length,
      limit: limits.maxQueryLength,
    });
  }
}

/**
 * Full validation of a subscription document (the specification's rules and the depth limit). Mercurius
 * validates queries and mutations over HTTP but starts subscriptions unvalidated, so the subscription hook
 * calls this. The hook does not see the subscription's variables, so the complexity rule, which needs their
 * values (a required `$runId` would count as missing), is not applied: a subscription has one root field whose
 * events hold no lists, so its cost is bounded by its length (`GRAPHQL_MAX_QUERY_LENGTH`) anyway. graphql-js
 * checks the variables themselves when the subscription starts.
 */
export function validateSubscription(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): void {
  const errors = validate(schema, document, [...specifiedRules, depthLimitRule(limits.maxDepth), storableTextRule(undefined)]);
  const first = errors[0];
  if (first) throw typeof first.extensions['code'] === 'string' ? first : requestError('GRAPHQL_VALIDATION_FAILED', first.message);
}
