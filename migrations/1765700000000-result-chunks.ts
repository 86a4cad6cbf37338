import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Results read (and chunks written) at a time when existing results are converted. */
const ROUTERS_PER_CHUNK = 1_000;

/** The array columns of a chunk, in the order of the view's columns. */
const ARRAYS = [
  ['ordinals', 'ordinal', 'int'],
  ['hostnames', 'hostname', 'text'],
  ['models', 'model', 'text'],
  ['verdicts', 'verdict', 'text'],
  ['control_plane_outage_ms', 'control_plane_outage_ms', 'bigint'],
  ['data_plane_outage_ms', 'data_plane_outage_ms', 'bigint'],
  ['redundancy_restored_ms', 'redundancy_restored_ms', 'bigint'],
  ['switchovers', 'switchovers', 'int'],
  ['dual_active_ms', 'dual_active_ms', 'bigint'],
  ['starts', 'start', 'json'],
  ['expectations', 'expectations', 'json'],
] as const;

interface ResultRow {
  iteration: number;
  ordinal: number;
  hostname: string;
  model: string;
  verdict: string;
  control_plane_outage_ms: string;
  data_plane_outage_ms: string;
  redundancy_restored_ms: string | null;
  switchovers: number;
  dual_active_ms: string;
  start: string | null;
  expectations: string;
  result: string;
}

/** Format 1 of a chunk's compressed results, as `libs/persistence/src/runs/result-chunks.ts` writes it, kept here as it was. */
function encode(texts: readonly string[]): Buffer {
  const text = Buffer.from(texts.join('\n'), 'utf8');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}

/**
 * A run's results move from one row per router and iteration (about 1.7 KB each with their indexes: 170 MB for a
 * 100,000-router campaign) to chunks: `run_result_chunks` holds, per iteration and written piece of a shard, the
 * results of a range of routers (`first_ordinal` … `last_ordinal`) as arrays in router order — what queries filter,
 * count and group on: ordinal, hostname, model, verdict, the metrics, the start (`json`, the result's `start`) and the
 * expectations (`json`, verbatim) — compressed by PostgreSQL (lz4 where the server has it), and the results' whole JSON
 * as the simulator wrote it, one per line, brotli-compressed (`results`), for the report, the JUnit and a router's
 * "why". The view `run_results` unnests the chunks into the rows of before (without `result`), so queries over a run's
 * results read as they did. Chunks go with their run by cascade. Existing results are converted.
 */
export class ResultChunks1765700000000 implements MigrationInterface {
  readonly name = 'ResultChunks1765700000000';

  async up(q: QueryRunner): Promise<void> {
    const lz4 = (await q.query(`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)) as { lz4: boolean }[];
    const compression = lz4[0]?.lz4 ? ' COMPRESSION lz4' : '';
    await q.query(`
      CREATE TABLE run_result_chunks (
        run_id        uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        iteration     integer NOT NULL,
        first_ordinal integer NOT NULL,
        last_ordinal  integer NOT NULL CHECK (last_ordinal >= first_ordinal),
        ${ARRAYS.map(([name, , type]) => `${name} ${type}[]${compression} NOT NULL`).join(',\n        ')},
        results       bytea NOT NULL,
        PRIMARY KEY (run_id, iteration, first_ordinal),
        CHECK (${ARRAYS.slice(1)
          .map(([name]) => `cardinality(${name}) = cardinality(ordinals)`)
          .join(' AND ')}),
        CHECK (cardinality(ordinals) > 0),
        CHECK (verdicts <@ ARRAY['pass', 'fail', 'error'])
      )`);
    // Already compressed: PostgreSQL need not try again.
    await q.query(`ALTER TABLE run_result_chunks ALTER COLUMN results SET STORAGE EXTERNAL`);

    const runs = (await q.query(`SELECT id FROM runs ORDER BY created_at`)) as { id: string }[];
    for (const run of runs) {
      for (let after = { iteration: -1, ordinal: -1 }; ;) {
        const rows = (await q.query(
          `SELECT iteration, ordinal, hostname, model, verdict, control_plane_outage_ms, data_plane_outage_ms, redundancy_restored_ms, switchovers,
                  dual_active_ms, (result -> 'start')::text AS start, expectations::text AS expectations, result::text AS result
             FROM run_results WHERE run_id = $1 AND (iteration, ordinal) > ($2, $3) ORDER BY iteration, ordinal LIMIT $4`,
          [run.id, after.iteration, after.ordinal, ROUTERS_PER_CHUNK],
        )) as ResultRow[];
        if (rows.length === 0) break;
        for (const iteration of new Set(rows.map((r) => r.iteration))) {
          const part = rows.filter((r) => r.iteration === iteration);
          await q.query(
            `INSERT INTO run_result_chunks (run_id, iteration, first_ordinal, last_ordinal, ${ARRAYS.map(([name]) => name).join(', ')}, results)
             VALUES ($1, $2, $3, $4, ${ARRAYS.map(([, , type], i) => `$${i + 5}::${type}[]`).join(', ')}, $${ARRAYS.length + 5})`,
            [
              run.id,
              iteration,
              part[0]?.ordinal,
              part[part.length - 1]?.ordinal,
              ...ARRAYS.map(([, column]) => part.map((r) => r[column])),
              encode(part.map((r) => r.result)),
            ],
          );
        }
        const last = rows[rows.length - 1] as ResultRow;
        after = { iteration: last.iteration, ordinal: last.ordinal };
      }
    }
    await q.query(`DROP TABLE run_results`);
    await q.query(`
      CREATE VIEW run_results AS
      SELECT c.run_id, c.iteration, ${ARRAYS.map(([, column]) => `u.${column}`).join(', ')}
        FROM run_result_chunks c
        CROSS JOIN LATERAL unnest(${ARRAYS.map(([name]) => `c.${name}`).join(', ')}) AS u(${ARRAYS.map(([, column]) => column).join(', ')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW run_results`);
    await q.query(`
      CREATE TABLE run_results (
        run_id                  uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        iteration               integer NOT NULL,
        ordinal                 integer NOT NULL,
        hostname                text NOT NULL,
        model                   text NOT NULL,
        verdict                 text NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
        control_plane_outage_ms bigint NOT NULL,
        data_plane_outage_ms    bigint NOT NULL,
        redundancy_restored_ms  bigint,
        switchovers             integer NOT NULL,
        dual_active_ms          bigint NOT NULL,
        result                  json NOT NULL,
        expectations            json NOT NULL,
        PRIMARY KEY (run_id, iteration, ordinal)
      )`);
    await q.query(`CREATE INDEX run_results_verdict_idx ON run_results (run_id, verdict)`);
    const keys = (await q.query(`SELECT run_id, iteration, first_ordinal FROM run_result_chunks ORDER BY run_id, iteration, first_ordinal`)) as {
      run_id: string;
      iteration: number;
      first_ordinal: number;
    }[];
    const plain = ARRAYS.filter(([name]) => name !== 'starts');
    for (const key of keys) {
      const chunks = (await q.query(
        `SELECT ${plain.map(([name, , type]) => (type === 'json' ? `${name}::text[] AS ${name}` : name)).join(', ')}, results
           FROM run_result_chunks WHERE run_id = $1 AND iteration = $2 AND first_ordinal = $3`,
        [key.run_id, key.iteration, key.first_ordinal],
      )) as (Record<string, unknown[]> & { results: Buffer })[];
      const chunk = chunks[0];
      if (!chunk) continue;
      const results = brotliDecompressSync(chunk.results).toString('utf8').split('\n');
      await q.query(
        `INSERT INTO run_results (run_id, iteration, ${plain.map(([, column]) => column).join(', ')}, result)
         SELECT $1, $2, u.* FROM unnest(${plain.map(([, , type], i) => `$${i + 3}::${type}[]`).join(', ')}, $${plain.length + 3}::json[]) AS u`,
        [key.run_id, key.iteration, ...plain.map(([name]) => chunk[name]), results],
      );
    }
    await q.query(`DROP TABLE run_result_chunks`);
  }
}
