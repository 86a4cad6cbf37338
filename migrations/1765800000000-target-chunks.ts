import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The array columns of a chunk: name, the view's column, element type. */
const ARRAYS = [
  ['ordinals', 'ordinal', 'int'],
  ['router_ids', 'router_id', 'uuid'],
  ['hostnames', 'hostname', 'text'],
  ['models', 'model', 'text'],
  ['redundancy_modes', 'redundancy_mode', 'text'],
  ['software_versions', 'software_version', 'text'],
  ['starts', 'start', 'jsonb'],
] as const;

/**
 * A run's frozen targets move from one row per router (about 400 B each with the primary key: 40 MB for a
 * 100,000-router campaign that starts from the twin, most of it the frozen start) to chunks: `run_target_chunks` holds
 * the targets of up to 1,000 consecutive ordinals (`first_ordinal` … `last_ordinal`, a chunk per 1,000 ordinals, as a
 * shard of the default size reads them) as arrays in router order, compressed by PostgreSQL (lz4 where the server
 * has it): the starts of a campaign repeat each other from router to router. The view `run_targets` unnests the chunks
 * into the rows of before, so ad hoc queries read as they did. Chunks go with their run by cascade. Existing targets
 * are converted.
 */
export class TargetChunks1765800000000 implements MigrationInterface {
  readonly name = 'TargetChunks1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const lz4 = (await q.query(`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)) as { lz4: boolean }[];
    const compression = lz4[0]?.lz4 ? ' COMPRESSION lz4' : '';
    await q.query(`
      CREATE TABLE run_target_chunks (
        run_id        uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        first_ordinal integer NOT NULL,
        last_ordinal  integer NOT NULL CHECK (last_ordinal >= first_ordinal),
        ${ARRAYS.map(([name, , type]) => `${name} ${type}[]${compression} NOT NULL`).join(',\n        ')},
        PRIMARY KEY (run_id, first_ordinal),
        CHECK (${ARRAYS.slice(1)
          .map(([name]) => `cardinality(${name}) = cardinality(ordinals)`)
          .join(' AND ')}),
        CHECK (cardinality(ordinals) > 0)
      )`);
    await q.query(`
      INSERT INTO run_target_chunks (run_id, first_ordinal, last_ordinal, ${ARRAYS.map(([name]) => name).join(', ')})
      SELECT run_id, min(ordinal), max(ordinal), ${ARRAYS.map(([, column]) => `array_agg(${column} ORDER BY ordinal)`).join(', ')}
        FROM run_targets GROUP BY run_id, ordinal / 1000`);
    await q.query(`DROP TABLE run_targets`);
    await q.query(`
      CREATE VIEW run_targets AS
      SELECT c.run_id, ${ARRAYS.map(([, column]) => `u.${column}`).join(', ')}
        FROM run_target_chunks c
        CROSS JOIN LATERAL unnest(${ARRAYS.map(([name]) => `c.${name}`).join(', ')}) AS u(${ARRAYS.map(([, column]) => column).join(', ')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_targets_restored (
        run_id          uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        ordinal         integer NOT NULL,
        router_id       uuid,
        hostname        text NOT NULL,
        model           text NOT NULL,
        redundancy_mode text NOT NULL,
        software_version text NOT NULL,
        start           jsonb
      )`);
    await q.query(`INSERT INTO run_targets_restored SELECT * FROM run_targets`);
    await q.query(`DROP VIEW run_targets`);
    await q.query(`DROP TABLE run_target_chunks`);
    await q.query(`ALTER TABLE run_targets_restored RENAME TO run_targets`);
    await q.query(`ALTER TABLE run_targets ADD CONSTRAINT run_targets_pkey PRIMARY KEY (run_id, ordinal)`);
    await q.query(`ALTER TABLE run_targets RENAME CONSTRAINT run_targets_restored_run_id_fkey TO run_targets_run_id_fkey`);
  }
}
