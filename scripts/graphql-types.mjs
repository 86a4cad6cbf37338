// The dashboard's GraphQL types, generated from the committed schema (apps/api/schema.graphql) with
// graphql-codegen's TypeScript plugin: `generateGraphqlTypes()` returns the file's text; run directly, it writes
// apps/dashboard/src/api/schema-types.generated.ts (also done by `npm run graphql:schema`). A test fails when the
// committed file differs from what the schema gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import { parse } from 'graphql';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_PATH = 'apps/api/schema.graphql';
export const TYPES_PATH = 'apps/dashboard/src/api/schema-types.generated.ts';

const HEADER = `// Generated from ${SCHEMA_PATH} by scripts/graphql-types.mjs (npm run graphql:schema); do not edit.\n`;

export async function generateGraphqlTypes(schemaText = readFileSync(`${root}${SCHEMA_PATH}`, 'utf8')) {
  const output = await codegen({
    schema: parse(schemaText),
    documents: [],
    filename: TYPES_PATH,
    plugins: [{ typescript: {} }],
    pluginMap: { typescript: typescriptPlugin },
    config: {
      // The dashboard reads answers, never builds them: readonly, every field present (null, not absent).
      immutableTypes: true,
      avoidOptionals: true,
      enumsAsTypes: true,
      futureProofEnums: false,
      maybeValue: 'T | null',
      inputMaybeValue: 'T | null | undefined',
      skipTypename: true,
      useTypeImports: true,
      scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
    },
  });
  return HEADER + output;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(`${root}${TYPES_PATH}`, await generateGraphqlTypes());
  process.stdout.write(`wrote ${TYPES_PATH}\n`);
}
