import { redactUrl } from '@asr-twin/config';
import pg from 'pg';
import { createDataSource } from './data-source.js';

/** A connection problem explained in one line, with what to do about it. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const START_HINT =
  'start PostgreSQL (`docker compose up -d postgres`, or `pg_ctlcluster <version> main start` on Debian) or set DATABASE_URL';

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
    if ((error as { code?: string }).code === '42P04') return false; // created concurrently
    throw new DatabaseUnavailableError(describeConnectError(admin.toString(), error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applies pending migrations, creating the database first if needed. Returns the names applied. */
export async function migrateUp(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Reverts the most recent migration. Returns its name, or `undefined` when none is applied. */
export async function migrateDown(url: string): Promise<string | undefined> {
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-migrate' });
  await ds.initialize();
  try {
    const before = await ds.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
    await ds.undoLastMigration({ transaction: 'each' });
    return (before as { name: string }[])[0]?.name;
  } finally {
    await ds.destroy();
  }
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
