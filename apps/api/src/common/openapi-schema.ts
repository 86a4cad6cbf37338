import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI form of a request schema, so `/docs` documents exactly what the validation accepts. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as SchemaObject;
}

/** Query parameters of a strict object schema, for `@ApiQuery`. */
export function openApiQuery(schema: z.ZodObject): { name: string; required: boolean; schema: SchemaObject }[] {
  const json = openApiSchema(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    required: required.has(name),
    schema: s as SchemaObject,
  }));
}

/**
 * The named schemas of the OpenAPI document (`components.schemas`): response bodies and the problem document.
 * Each is the zod schema the answer's TypeScript type is checked against ({@link describes}), so the document
 * and what is sent cannot drift apart.
 */
export const API_SCHEMAS = z.registry<{ id: string }>();

/** Registers `schema` under `name` in {@link API_SCHEMAS} and returns it. Names are unique. */
export function apiSchema<S extends z.ZodType>(name: string, schema: S): S {
  if (API_SCHEMAS.has(schema)) throw new Error(`schema ${name} is registered twice`);
  API_SCHEMAS.add(schema, { id: name });
  return schema;
}

/** `$ref` to a schema of {@link API_SCHEMAS}; throws for a schema that was never named. */
export function schemaRef(schema: z.ZodType): ReferenceObject {
  const meta = API_SCHEMAS.get(schema);
  if (meta === undefined) throw new Error('response schemas must be named with apiSchema()');
  return { $ref: `#/components/schemas/${meta.id}` };
}

/**
 * `components.schemas` of the document: every schema of {@link API_SCHEMAS} as OpenAPI 3.0 JSON Schema in its
 * output form (what the api sends), referring to each other by `$ref`.
 */
export function componentSchemas(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(API_SCHEMAS, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // `$id` is JSON Schema, not an OpenAPI 3.0 schema keyword: the component's key is its name.
  return Object.fromEntries(Object.entries(schemas).map(([name, { $id: _id, ...schema }]) => [name, schema as SchemaObject]));
}

/** `T` with every `readonly` removed, deeply: `readonly` says nothing about the JSON sent. */
type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends string | number | boolean | bigint | symbol | null | undefined
    ? T
    : T extends object
      ? { -readonly [K in keyof T]: Plain<T[K]> }
      : T;

/** `true` when `A` and `B` describe the same JSON: each is assignable to the other, `readonly` aside. */
export type SameShape<A, B> = [Plain<A>] extends [Plain<B>] ? ([Plain<B>] extends [Plain<A>] ? true : false) : false;

/**
 * `describes<T>()(schema)` returns `schema`, and compiles only when the schema's output type and `T` (the type a
 * route returns) have the same shape: a field added to, removed from or retyped in either fails the build.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: SameShape<z.output<S>, T> extends true ? S : { mismatch: z.output<S> }): S => schema as S;
}

/** `T` with every property and array `readonly`, deeply. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends string | number | boolean | bigint | symbol | null | undefined
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * The type of an answer a presenter builds: the output of its named schema, read-only. A presenter declared to
 * return `View<typeof SCHEMA>` cannot add, drop or retype a field without the schema.
 */
export type View<S extends z.ZodType> = DeepReadonly<z.output<S>>;
