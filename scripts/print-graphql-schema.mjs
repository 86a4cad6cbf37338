// Writes apps/api/schema.graphql from the built resolvers (npm run graphql:schema); a test fails when it drifts.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGraphqlSchema, printGraphqlSchema, SCHEMA_FILE } from '../apps/api/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}${SCHEMA_FILE}`, printGraphqlSchema(await buildGraphqlSchema()));
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
