import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraphqlSchema, printGraphqlSchema, SCHEMA_FILE } from '@asr-twin/api';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { ROOT } from '../support/processes.js';

/** The committed schema (what the dashboard and other clients build on) is the schema the api serves. */
describe(SCHEMA_FILE, () => {
  let db: TestDatabase;
  let api: RunningApi;
  beforeAll(async () => {
    db = await migratedTestDatabase();
    api = await startApi(db.url);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const committed = () => readFileSync(join(ROOT, SCHEMA_FILE), 'utf8');

  it('is the schema the api serves (after a change: npm run graphql:schema, and review the diff)', () => {
    expect(printGraphqlSchema(api.app.get(GraphQLSchemaHost).schema)).toBe(committed());
  });

  it('is what npm run graphql:schema prints without a server', async () => {
    expect(printGraphqlSchema(await buildGraphqlSchema())).toBe(committed());
  });
});
