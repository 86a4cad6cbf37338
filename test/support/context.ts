import { loadConfig } from '@asr-twin/config';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

/** The configured database URL (DATABASE_URL or the local default): tests clone databases next to it. */
export function baseDatabaseUrl(): string {
  return loadConfig().database.url;
}

/** A migrated database of its own for the calling test file. */
export function migratedTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase(baseDatabaseUrl(), inject('templateDatabase'));
}

/** An empty database (no schema), for migration tests. */
export function emptyTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase(baseDatabaseUrl(), null);
}
