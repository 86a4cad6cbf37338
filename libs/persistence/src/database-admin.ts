import { redactUrl } from '@asr-twin/config';
import pg from 'pg';
import { createDataSource } from './data-source.js';

/** A connection problem explained in one line, with what to do about it. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const START_HINT = 'start PostgreSQL (`docker compose up -d postgres`, or `pg_ctlcluster <version> main start` on Debian) or set DATABASE_URL';

function describeConnectError(url: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const where = redactUrl(url);
  if (code === '3D000') {
    return `database in ${where} does not exist: run \`npm run migration:run\` to create it`;
  }
  if (code === '28P01' || code === '28000') return `PostgreSQL refused the credentials in ${where}: check DATABASE_URL`;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach PostgreSQL at ${where} (${reason}): ${START_HINT}`;
}

/** Opens and closes one connection; throws {@link DatabaseUnavailableError} with a one-line explanation. */
export async function checkDatabase(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnavailableError(describeConnectError(url, error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the database named in `url` when it does not exist yet (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new DatabaseUnavailableError(`DATABASE_URL ${redactUrl(url)} names no database`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Created concurrently: 42P04 once the other CREATE committed, 23505 while both raced on the catalogue.
    if (code === '42P04' || code === '23505') return false;
    throw new DatabaseUnavailableError(describeConnectError(admin.toString(), error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Key of the session-level advisory lock that serialises migration runs on one database: replicas (or Kubernetes
 * Jobs) starting together wait for each other, and the later ones find nothing left to apply.
 */
export const MIGRATION_LOCK_KEY = 0x61737274; // "asrt"

/**
 * Runs `work` while holding the migration advisory lock, taken on a connection of its own (a session: not through
 * PgBouncer in transaction mode). The lock is released when that session ends, even if this process dies.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'asr-twin-migrate-lock' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(describeConnectError(url, error));
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Applies pending migrations, creating the database first if needed, under the migration advisory lock. Returns
 * the names applied (none when a concurrent run applied them first).
 */
export async function migrateUp(url: string): Promise<string[]> {
  await ensureDatabase(url);
  return withMigrationLock(url, async () => {
    const ds = createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-migrate' });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  });
}

/** Reverts the most recent migration, under the migration advisory lock. Returns its name, or `undefined` when none is applied. */
export async function migrateDown(url: string): Promise<string | undefined> {
  return withMigrationLock(url, async () => {
    const ds = createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-migrate' });
    await ds.initialize();
    try {
      const before = await ds.query<{ name: string }[]>(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
      await ds.undoLastMigration({ transaction: 'each' });
      return before[0]?.name;
    } finally {
      await ds.destroy();
    }
  });
}

/** Whether migrations are waiting to be applied (the api refuses to start on an outdated schema). */
export async function hasPendingMigrations(url: string): Promise<boolean> {
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-preflight' });
  await ds.initialize();
  try {
    return await ds.showMigrations();
  } finally {
    await ds.destroy();
  }
}
