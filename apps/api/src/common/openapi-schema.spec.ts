import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUDIT } from '../audits/audit.views.js';
import { API_KEY, CREATED_API_KEY } from '../auth/key.views.js';
import { FLEET } from '../fleets/fleet.views.js';
import { HEALTH_REPORT } from '../health/health.views.js';
import { ADD_ROUTERS_RESULT, ROUTER_LIST_ITEM, ROUTER_TREE } from '../routers/router.views.js';
import { RUN } from '../runs/run.views.js';
import { SCENARIO_CHECK } from '../scenarios/scenario.views.js';
import { API_SCHEMAS, apiSchema, componentSchemas, describes, schemaRef } from './openapi-schema.js';
import { PROBLEM } from './problem.schema.js';

describe('componentSchemas', () => {
  it('names every registered schema once, as OpenAPI 3.0 without $id, referring to the others by $ref', () => {
    const schemas = componentSchemas();
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Problem', 'Fleet', 'RouterTree', 'Run', 'Audit', 'FieldChange']));
    for (const [name, schema] of Object.entries(schemas)) expect(schema, name).not.toHaveProperty('$id');
    const page = schemas['FleetPage'] as { properties: { items: { items: unknown } } };
    expect(page.properties.items.items).toEqual({ $ref: '#/components/schemas/Fleet' });
    expect(schemaRef(ROUTER_TREE)).toEqual({ $ref: '#/components/schemas/RouterTree' });
    expect(schemaRef(RUN)).toEqual({ $ref: '#/components/schemas/Run' });
    expect(schemaRef(AUDIT)).toEqual({ $ref: '#/components/schemas/Audit' });
  });

  it('refuses an unnamed schema as a response, and a schema named twice', () => {
    expect(() => schemaRef(z.object({ a: z.string() }))).toThrow(/apiSchema/);
    expect(() => apiSchema('Fleet again', FLEET)).toThrow(/registered twice/);
  });

  it('gives examples that their own schemas accept', () => {
    const withExamples = [PROBLEM, FLEET, API_KEY, CREATED_API_KEY, ROUTER_LIST_ITEM, ADD_ROUTERS_RESULT, RUN, SCENARIO_CHECK, HEALTH_REPORT];
    for (const schema of withExamples) {
      const example = (schema.meta() as { example?: unknown } | undefined)?.example;
      expect(example, API_SCHEMAS.get(schema)?.id).toBeDefined();
      expect(schema.safeParse(example).success, API_SCHEMAS.get(schema)?.id).toBe(true);
    }
  });
});

describe('describes', () => {
  it('passes a schema of the same shape through, and fails the build on any difference', () => {
    const schema = z.object({ a: z.string(), b: z.array(z.number()).nullable() });
    expect(describes<{ readonly a: string; readonly b: readonly number[] | null }>()(schema)).toBe(schema);
    // @ts-expect-error the type has a field the schema lacks
    describes<{ a: string; b: number[] | null; c: boolean }>()(schema);
    // @ts-expect-error the schema has a field the type lacks
    describes<{ a: string }>()(schema);
    // @ts-expect-error a field of another type
    describes<{ a: number; b: number[] | null }>()(schema);
  });
});
