import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkQueryLength, depthLimitRule, validateSubscription } from './query-limits.js';

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
