import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '@asr-twin/migrations';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { baseDatabaseUrl } from '../support/context.js';
import { adminQuery, databaseUrl } from '../support/database.js';
import { spawnNode } from '../support/processes.js';

/** Three replicas (or Kubernetes Jobs) running `migrate up` at the same moment on a database that does not exist yet. */
describe('concurrent migration runs', () => {
  const name = `asr_twin_test_${randomBytes(5).toString('hex')}`;
  const url = databaseUrl(baseDatabaseUrl(), name);
  afterAll(() => adminQuery(baseDatabaseUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('all exit 0 and the schema is migrated once, under the advisory lock', async () => {
    const runs = [0, 1, 2].map(() => spawnNode(['apps/admin/dist/main.js', 'migrate', 'up'], { DATABASE_URL: url, LOG_LEVEL: 'warn' }));
    const exits = await Promise.all(runs.map((r) => r.exited));
    expect(
      exits.map((e) => e.code),
      runs.map((r) => r.output()).join('\n---\n'),
    ).toEqual([0, 0, 0]);
    const outputs = runs.map((r) => r.output());
    expect(outputs.filter((o) => o.includes('migrations applied'))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('is up to date'))).toHaveLength(2);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const applied = await client.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`);
      expect(applied.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
      const locks = await client.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(locks.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
