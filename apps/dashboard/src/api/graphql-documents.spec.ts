import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type DocumentNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script of the repository, without type declarations
import { generateGraphqlTypes, SCHEMA_PATH, TYPES_PATH } from '../../../../scripts/graphql-types.mjs';
import { routersDocument } from '../fleet/fleet-loader';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SRC = fileURLToPath(new URL('../', import.meta.url));
const schema = buildSchema(readFileSync(join(ROOT, SCHEMA_PATH as string), 'utf8'));

/** Every source file of the dashboard, specs aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** Operation names of the GraphQL documents written in a file's string literals (`query Name`, …). */
function operationsWritten(text: string): string[] {
  return [...text.matchAll(/['`](query|mutation|subscription) ([A-Z]\w*)/g)].map((m) => m[2] as string);
}

const files = sources(SRC).filter((f) => operationsWritten(readFileSync(f, 'utf8')).length > 0);

/** Every exported GraphQL document of the dashboard's modules, by operation name, with the file it is in. */
async function exportedDocuments(): Promise<Map<string, { file: string; text: string }>> {
  const found = new Map<string, { file: string; text: string }>();
  for (const file of files) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'string') continue;
      const name = /^\s*(?:query|mutation|subscription) ([A-Z]\w*)/.exec(value)?.[1];
      if (name) found.set(name, { file: relative(ROOT, file), text: value });
    }
  }
  // Built per request: one sample of each builder.
  const overview = routersDocument([
    { fleetId: 'f-1', offset: 0, limit: 10 },
    { fleetId: 'f-2', offset: 10_000, limit: 5 },
  ]);
  found.set('OverviewRouters', { file: 'apps/dashboard/src/fleet/fleet-loader.ts', text: overview });
  return found;
}

describe('the dashboard’s GraphQL documents and types', () => {
  it('writes its documents in .ts modules, not in components', () => {
    expect(files.filter((f) => f.endsWith('.tsx')).map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('exports every document it writes, so that each one is validated here', async () => {
    const exported = await exportedDocuments();
    const missing = files.flatMap((f) =>
      operationsWritten(readFileSync(f, 'utf8'))
        .filter((op) => !exported.has(op))
        .map((op) => `${relative(ROOT, f)}: ${op}`),
    );
    expect(missing).toEqual([]);
    expect(exported.size).toBeGreaterThan(20);
  });

  it('has every document valid against the committed schema (apps/api/schema.graphql)', async () => {
    const invalid: string[] = [];
    for (const [name, { file, text }] of await exportedDocuments()) {
      let document: DocumentNode;
      try {
        document = parse(text);
      } catch (error) {
        invalid.push(`${file} ${name}: ${(error as Error).message}`);
        continue;
      }
      invalid.push(...validate(schema, document).map((e) => `${file} ${name}: ${e.message}`));
    }
    expect(invalid).toEqual([]);
  });

  it('finds a document that does not match the schema', () => {
    const errors = validate(schema, parse('query Broken { runs(limit: 1, offset: 0) { items { id noSuchField } } }'));
    expect(errors.map((e) => e.message).join()).toMatch(/noSuchField/);
  });

  it('types its answers with the types generated from the committed schema, kept current (npm run graphql:schema)', async () => {
    const committed = readFileSync(join(ROOT, TYPES_PATH as string), 'utf8');
    expect(committed).toBe(await (generateGraphqlTypes as () => Promise<string>)());
  });
});
