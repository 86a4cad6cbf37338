import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkQueryLength, complexityLimitRule, depthLimitRule, sourceLimitRule, validateSubscription } from './query-limits.js';

const schema = buildSchema(`
  type Node { name: String child: Node }
  type Query { node: Node }
  type Subscription { tick: Node watch(id: ID!): Node }
`);

const depthErrors = (query: string, max: number) => validate(schema, parse(query), [depthLimitRule(max)]);

describe('depthLimitRule', () => {
  it('counts nested fields, through fragments and inline fragments', () => {
    expect(depthErrors('{ node { child { name } } }', 3)).toEqual([]);
    const [error] = depthErrors('{ node { child { child { name } } } }', 3);
    expect(error?.message).toBe('the query is nested 4 levels deep; the limit is 3 (GRAPHQL_MAX_DEPTH)');
    expect(error?.extensions).toEqual({ code: 'QUERY_TOO_DEEP', depth: 4, limit: 3 });
    expect(depthErrors('{ node { ...F } } fragment F on Node { child { ... on Node { child { name } } } }', 3)).toHaveLength(1);
  });

  it('computes each fragment once: 2^40 spreads of fragments are measured without walking them', () => {
    // Walked spread by spread, this document would never finish; with the memo it is 41 fragments.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Node { child { ...F${i + 1} ...F${i + 1} } }`).join('\n');
    const errors = depthErrors(`{ node { ...F0 } } ${fragments} fragment F40 on Node { name }`, 100);
    expect(errors).toEqual([]);
    expect(depthErrors(`{ node { ...F0 } } ${fragments} fragment F40 on Node { name }`, 40)[0]?.message).toContain('nested 42 levels deep');
  });

  it('does not loop on fragment cycles (the specification rules report them)', () => {
    const document = parse('{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }');
    const errors = validate(schema, document, [...specifiedRules, depthLimitRule(10)]);
    expect(errors.map((e) => e.message).join()).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

describe('checkQueryLength', () => {
  it('refuses longer documents with QUERY_TOO_LARGE, naming both lengths', () => {
    expect(() => checkQueryLength('x'.repeat(1024), { maxDepth: 5, maxComplexity: 100, maxQueryLength: 1024 })).not.toThrow();
    expect(() => checkQueryLength('x'.repeat(1025), { maxDepth: 5, maxComplexity: 100, maxQueryLength: 1024 })).toThrow(
      'the query has 1025 characters; the limit is 1024 (GRAPHQL_MAX_QUERY_LENGTH)',
    );
  });
});

describe('validateSubscription', () => {
  const limits = { maxDepth: 2, maxComplexity: 100, maxQueryLength: 1000 };
  it('applies the specification rules and the limits to subscriptions', () => {
    expect(() => validateSubscription(schema, parse('subscription { tick { name } }'), limits)).not.toThrow();
    expect(() => validateSubscription(schema, parse('subscription { tick { nope } }'), limits)).toThrow(/Cannot query field "nope"/);
    expect(() => validateSubscription(schema, parse('subscription { tick { child { name } } }'), limits)).toThrow(/nested 3 levels deep/);
  });

  it('accepts required variables, whose values only the execution sees', () => {
    expect(() => validateSubscription(schema, parse('subscription ($id: ID!) { watch(id: $id) { name } }'), limits)).not.toThrow();
    expect(() => validateSubscription(schema, parse('subscription ($id: ID!) { watch(id: $nope) { name } }'), limits)).toThrow(
      /Variable "\$nope" is not defined/,
    );
  });
});

const workSchema = buildSchema(`
  type Validation { valid: Boolean }
  type Run { id: ID }
  input StartRunInput { scenario: String source: String }
  input Item { hostname: String! output: String! }
  type Query { validateScenario(source: String!): Validation other: Int }
  type Mutation {
    startRun(input: StartRunInput!): Run
    startAudit: Run
    forceSwitchover(router: ID!): Run
    generateRouters(count: Int!): Int
    observe(items: [Item!]!): Int
    createScenario(source: String!): Run
  }
`);

const KIB = 'x'.repeat(1024);
const costErrors = (query: string, variables: Record<string, unknown>, max: number, perKib = 100) =>
  validate(workSchema, parse(query), [complexityLimitRule(max, variables, undefined, perKib)]);
const costOf = (query: string, variables: Record<string, unknown> = {}): number => {
  const [error] = costErrors(query, variables, 1);
  return error ? (error.extensions['complexity'] as number) : 1;
};

describe('the cost of the work a field does', () => {
  it('charges each KiB (started) of text parsed, with variables as sent', () => {
    expect(costOf('query ($s: String!) { validateScenario(source: $s) { valid } }', { s: KIB })).toBe(1 + 100 + 1);
    expect(costOf('query ($s: String!) { validateScenario(source: $s) { valid } }', { s: `${KIB}x` })).toBe(1 + 200 + 1);
    expect(costOf('{ a: validateScenario(source: "x") { valid } b: validateScenario(source: "y") { valid } }')).toBe(2 * (1 + 100 + 1));
    expect(
      costOf('mutation ($i: [Item!]!) { observe(items: $i) }', {
        i: [
          { hostname: 'a', output: KIB },
          { hostname: 'b', output: KIB },
        ],
      }),
    ).toBe(1 + 200);
  });

  it('charges runs, audits, switchovers and generated routers', () => {
    expect(costOf('mutation { startRun(input: { scenario: "s" }) { id } }')).toBe(1 + 100 + 1);
    expect(costOf('mutation ($s: String) { startRun(input: { source: $s }) { id } }', { s: KIB })).toBe(1 + 100 + 100 + 1);
    expect(costOf('mutation { startAudit { id } }')).toBe(1 + 100 + 1);
    expect(costOf('mutation { forceSwitchover(router: "r1") { id } }')).toBe(1 + 20 + 1);
    expect(costOf('mutation { generateRouters(count: 5000) }')).toBe(1 + 5000);
    expect(costOf('{ other }')).toBe(1);
  });

  it('refuses a document over the limit with QUERY_TOO_COMPLEX, naming the cost and the limit', () => {
    const big = 'x'.repeat(256 * 1024);
    const [error] = costErrors('query ($s: String!) { validateScenario(source: $s) { valid } }', { s: big }, 10_000);
    expect(error?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', complexity: 1 + 256 * 100 + 1, limit: 10_000 });
    expect(error?.message).toMatch(/costs 25602; the limit is 10000/);
  });
});

describe('sourceLimitRule', () => {
  const limits = { maxSourceBytes: 2048, maxSourcesPerRequest: 2, maxRequestBytes: 3000 };
  const errors = (query: string, variables: Record<string, unknown> = {}) => validate(workSchema, parse(query), [sourceLimitRule(limits, variables)]);
  const fields = (n: number) => Array.from({ length: n }, (_, i) => `v${i}: validateScenario(source: "s") { valid }`).join(' ');

  it('refuses more sources than allowed per request with TOO_MANY_SOURCES, through fragments too', () => {
    expect(errors(`{ ${fields(2)} }`)).toEqual([]);
    const [error] = errors(`{ ${fields(3)} }`);
    expect(error?.extensions).toEqual({ code: 'TOO_MANY_SOURCES', sources: 3, limit: 2 });
    expect(error?.message).toMatch(/3 scenario sources .* at most 2 .*SCENARIO_MAX_SOURCES_PER_REQUEST/);
    expect(errors('{ ...F ...F } fragment F on Query { ... on Query { validateScenario(source: "s") { valid } } }')).toEqual([]);
    expect(errors('{ ...F ...F ...F } fragment F on Query { validateScenario(source: "s") { valid } }')[0]?.extensions?.['code']).toBe('TOO_MANY_SOURCES');
    expect(errors('mutation { a: startRun(input: { source: "s" }) { id } b: createScenario(source: "s") { id } c: startAudit { id } }')).toEqual([]);
  });

  it('counts exponentially many fragment spreads without walking them', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const [error] = errors(`{ ...F0 } ${fragments} fragment F40 on Query { validateScenario(source: "s") { valid } }`);
    expect(error?.extensions?.['code']).toBe('TOO_MANY_SOURCES');
  });

  it('refuses a source over the size limit, and sources over the request limit, with PAYLOAD_TOO_LARGE', () => {
    const [one] = errors('query ($s: String!) { big: validateScenario(source: $s) { valid } }', { s: 'y'.repeat(2049) });
    expect(one?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', bytes: 2049, limit: 2048 });
    expect(one?.message).toMatch(/^big: the scenario source is 2049 bytes; at most 2048/);
    const [both] = errors('query ($s: String!) { a: validateScenario(source: $s) { valid } b: validateScenario(source: $s) { valid } }', {
      s: 'y'.repeat(2000),
    });
    expect(both?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', bytes: 4000, limit: 3000 });
    // Multi-byte characters count in UTF-8 bytes.
    expect(errors('query ($s: String!) { validateScenario(source: $s) { valid } }', { s: 'é'.repeat(1025) })[0]?.extensions?.['bytes']).toBe(2050);
  });
});
