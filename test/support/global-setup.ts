import { randomBytes } from 'node:crypto';
import { loadConfig } from '@asr-twin/config';
import { migrateUp } from '@asr-twin/persistence';
import type { TestProject } from 'vitest/node';
import { adminQuery, databaseUrl } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates one template database per test run; each test file clones it (`CREATE DATABASE … TEMPLATE`),
 * which is far faster than migrating every time. The name is unique so parallel runs never collide.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = loadConfig().database.url;
  const name = `asr_twin_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  await migrateUp(databaseUrl(base, name));
  project.provide('templateDatabase', name);
  return async () => {
    await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
}
