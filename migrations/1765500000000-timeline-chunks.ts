import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Routers per chunk when existing timelines are converted (the worker writes one chunk per written piece of a shard). */
const ROUTERS_PER_CHUNK = 1_000;
/** Rows inserted per statement when `down` restores the rows. */
const ROWS_PER_INSERT = 5_000;

interface TimelineRow {
  t_ms: string;
  ordinal: number;
  seq: number;
  hostname: string;
  component: string;
  event: string;
  from_state: string | null;
  to_state: string | null;
}

type ChunkLine = [number, number, number, string, string, string, string | null, string | null];

/** Format 1 of a timeline chunk, as `libs/persistence/src/runs/timeline-chunks.ts` writes it, kept here as it was. */
function encode(rows: readonly TimelineRow[]): Buffer {
  const text = Buffer.from(
    rows.map((r) => JSON.stringify([Number(r.t_ms), r.ordinal, r.seq, r.hostname, r.component, r.event, r.from_state, r.to_state])).join('\n'),
    'utf8',
  );
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}

function decode(data: Buffer): ChunkLine[] {
  const text = brotliDecompressSync(data).toString('utf8');
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as ChunkLine);
}

/**
 * A run's timeline (first iteration) moves from one row per entry, in a partition per run, to compressed chunks:
 * `run_timeline_chunks` holds, per written piece of a shard, the entries of a range of consecutive routers
 * (`first_ordinal` … `last_ordinal`) in report order — time, router ordinal, entry order — one JSON array per line,
 * brotli-compressed (`data`). A campaign's timelines repeat each other from router to router, so a chunk of a
 * thousand routers takes about 70 B per router where rows took about 4 KB (a 100,000-router campaign wrote about
 * 370 MB of timeline rows and index). A router's timeline is read from the one chunk spanning its ordinal, the
 * report's from all chunks merged in order. Chunks go with their run by cascade, so runs no longer need a partition
 * created when planned and detached when deleted. Existing timelines are converted, a thousand routers per chunk;
 * partitions whose run no longer exists (and detached ones left by an interrupted delete) are dropped with the table.
 */
export class TimelineChunks1765500000000 implements MigrationInterface {
  readonly name = 'TimelineChunks1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_timeline_chunks (
        run_id        uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        first_ordinal integer NOT NULL,
        last_ordinal  integer NOT NULL CHECK (last_ordinal >= first_ordinal),
        entries       integer NOT NULL CHECK (entries > 0),
        data          bytea NOT NULL,
        PRIMARY KEY (run_id, first_ordinal)
      )`);
    // Already compressed: PostgreSQL need not try to compress it again.
    await q.query(`ALTER TABLE run_timeline_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
    const runs = (await q.query(
      `SELECT r.id, (SELECT max(ordinal) + 1 FROM run_timeline t WHERE t.run_id = r.id) AS routers FROM runs r ORDER BY r.created_at`,
    )) as { id: string; routers: number | null }[];
    for (const run of runs) {
      for (let from = 0; run.routers !== null && from < run.routers; from += ROUTERS_PER_CHUNK) {
        const rows = (await q.query(
          `SELECT t_ms, ordinal, seq, hostname, component, event, from_state, to_state FROM run_timeline
            WHERE run_id = $1 AND iteration = 0 AND ordinal >= $2 AND ordinal < $3 ORDER BY t_ms, ordinal, seq`,
          [run.id, from, from + ROUTERS_PER_CHUNK],
        )) as TimelineRow[];
        if (rows.length === 0) continue;
        const ordinals = rows.map((r) => r.ordinal);
        await q.query(`INSERT INTO run_timeline_chunks (run_id, first_ordinal, last_ordinal, entries, data) VALUES ($1, $2, $3, $4, $5)`, [
          run.id,
          Math.min(...ordinals),
          Math.max(...ordinals),
          rows.length,
          encode(rows),
        ]);
      }
    }
    const loose = (await q.query(
      `SELECT c.relname AS name FROM pg_class c
        WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^run_timeline_[0-9a-f]{32}$'`,
    )) as { name: string }[];
    await q.query(`DROP TABLE run_timeline`);
    for (const t of loose) await q.query(`DROP TABLE IF EXISTS ${t.name}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_timeline (
        run_id    uuid NOT NULL,
        iteration integer NOT NULL,
        ordinal   integer NOT NULL,
        seq       integer NOT NULL,
        t_ms      bigint NOT NULL,
        hostname  text NOT NULL,
        component text NOT NULL,
        event     text NOT NULL,
        from_state text,
        to_state   text,
        PRIMARY KEY (run_id, iteration, t_ms, ordinal, seq)
      ) PARTITION BY LIST (run_id)`);
    const runs = (await q.query(`SELECT id FROM runs ORDER BY created_at`)) as { id: string }[];
    for (const run of runs) {
      await q.query(`CREATE TABLE run_timeline_${run.id.replaceAll('-', '')} PARTITION OF run_timeline FOR VALUES IN ('${run.id}')`);
      const chunks = (await q.query(`SELECT data FROM run_timeline_chunks WHERE run_id = $1 ORDER BY first_ordinal`, [run.id])) as { data: Buffer }[];
      for (const chunk of chunks) {
        const lines = decode(chunk.data);
        for (let i = 0; i < lines.length; i += ROWS_PER_INSERT) {
          const part = lines.slice(i, i + ROWS_PER_INSERT);
          const column = (k: number) => part.map((l) => l[k]);
          await q.query(
            `INSERT INTO run_timeline (run_id, iteration, t_ms, ordinal, seq, hostname, component, event, from_state, to_state)
             SELECT $1, 0, u.* FROM unnest($2::bigint[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u`,
            [run.id, column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7)],
          );
        }
      }
    }
    await q.query(`DROP TABLE run_timeline_chunks`);
  }
}
