import { randomBytes } from 'node:crypto';
import { loadConfig } from '@asr-twin/config';
import { migrateUp } from '@asr-twin/persistence';
import type { TestProject } from 'vitest/node';
import { adminQuery, databaseUrl } from './database.js';
import { dropRedisKeys } from './redis-keys.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    /** Prefix of every test's `QUEUE_PREFIX` in this run (see `testQueuePrefix`). */
    redisTestPrefix: string;
  }
}

/**
 * Migrates one template database per test run; each test file clones it (`CREATE DATABASE … TEMPLATE`),
 * which is far faster than migrating every time. The name is unique so parallel runs never collide. Tests
 * name their Redis keys under one prefix of the run, removed at the end with the template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = loadConfig().database.url;
  const name = `asr_twin_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  await migrateUp(databaseUrl(base, name));
  project.provide('templateDatabase', name);
  const redisPrefix = `test-${process.pid}${randomBytes(2).toString('hex')}`;
  project.provide('redisTestPrefix', redisPrefix);
  return async () => {
    await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropRedisKeys(loadConfig().redis.url, redisPrefix);
  };
}
