import type { RouterSelector, Scenario } from '@asr-twin/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../repositories/pg-errors.js';
import type { RunRecord, RunTarget } from './run-models.js';
import { FROZEN_START } from './twin-start.sql.js';

/** Ordinals per `run_target_chunks` row: a chunk per shard of the default size. */
export const TARGETS_PER_CHUNK = 1000;

/**
 * Inserts the run's target routers numbered from 0, as chunks of {@link TARGETS_PER_CHUNK} consecutive ordinals
 * (`run_target_chunks`: arrays in router order, compressed by PostgreSQL; the view `run_targets` unnests them), and
 * returns how many there are.
 */
export async function insertRunTargets(m: EntityManager, run: RunRecord): Promise<number> {
  const { sql, params } = targetRows(run);
  const chunks: { n: number }[] = await m.query(
    `INSERT INTO run_target_chunks (run_id, first_ordinal, last_ordinal, ordinals, router_ids, hostnames, models, redundancy_modes, software_versions, starts)
     SELECT $1, min(t.ordinal), max(t.ordinal), array_agg(t.ordinal ORDER BY t.ordinal), array_agg(t.router_id ORDER BY t.ordinal),
            array_agg(t.hostname ORDER BY t.ordinal), array_agg(t.model ORDER BY t.ordinal), array_agg(t.redundancy_mode ORDER BY t.ordinal),
            array_agg(t.software_version ORDER BY t.ordinal), array_agg(t.start ORDER BY t.ordinal)
       FROM (${sql}) t GROUP BY t.ordinal / ${TARGETS_PER_CHUNK}
     RETURNING cardinality(ordinals) AS n`,
    [run.id, ...params],
  );
  return chunks.reduce((sum, c) => sum + Number(c.n), 0);
}

/**
 * The target rows of a run (columns ordinal, router_id, hostname, model, redundancy_mode, software_version, start),
 * its parameters numbered from `$2` (`$1` is the run).
 */
function targetRows(run: RunRecord): { sql: string; params: unknown[] } {
  const target = run.target;
  if (target.kind === 'scenario') {
    const routers = run.scenario.spec.routers ?? [];
    return {
      sql: `SELECT u.ordinal, NULL::uuid AS router_id, u.hostname, u.model, u.mode AS redundancy_mode, u.version AS software_version, NULL::jsonb AS start
              FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(ordinal, hostname, model, mode, version)`,
      params: [
        routers.map((_, i) => i),
        routers.map((r) => r.hostname),
        routers.map((r) => r.model),
        routers.map((r) => r.redundancy),
        routers.map((r) => r.version),
      ],
    };
  }
  // The stored state of each target router is frozen with the run when it starts from the twin.
  const start = run.start !== 'twin' ? 'NULL::jsonb' : FROZEN_START;
  const columns = `r.id AS router_id, r.hostname, r.model, r.redundancy_mode, r.software_version, ${start} AS start`;
  if (target.kind === 'routers') {
    return {
      sql: `SELECT (row_number() OVER (ORDER BY array_position($2::text[], r.hostname)))::int - 1 AS ordinal, ${columns}
              FROM routers r WHERE r.hostname = ANY($2::text[])`,
      params: [target.hostnames],
    };
  }
  const selected = selectorWhere(target.selector, 2);
  return {
    sql: `SELECT (row_number() OVER (ORDER BY r.hostname))::int - 1 AS ordinal, ${columns} FROM routers r WHERE ${selected.sql}`,
    params: selected.params,
  };
}

/** How many routers a run's target names now (what the run would freeze if it started now). */
export async function countTargets(ds: DataSource, target: RunTarget, scenario: Scenario): Promise<number> {
  if (target.kind === 'scenario') return scenario.spec.routers?.length ?? 0;
  if (target.kind === 'routers') return new Set(target.hostnames).size;
  const selected = selectorWhere(target.selector, 1);
  const rows: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM routers r WHERE ${selected.sql}`, selected.params);
  return Number(rows[0]?.n ?? 0);
}

/** The condition on `routers r` of a selector, its parameters numbered from `$first`. */
function selectorWhere(s: RouterSelector, first: number): { sql: string; params: unknown[] } {
  const [fleet, model, labels, hostnames] = [first, first + 1, first + 2, first + 3].map((i) => `$${i}`);
  const fleetById = s.fleet !== undefined && isUuid(s.fleet);
  return {
    sql: `(${fleet}::text IS NULL OR r.fleet_id = (SELECT id FROM fleets WHERE ${fleetById ? `id = ${fleet}::uuid` : `name = ${fleet}`}))
        AND (${model}::text IS NULL OR r.model = ${model})
        AND (${labels}::jsonb IS NULL OR r.labels @> ${labels}::jsonb)
        AND (${hostnames}::text[] IS NULL OR r.hostname = ANY(${hostnames}::text[]))`,
    params: [s.fleet ?? null, s.model ?? null, s.labels ? JSON.stringify(s.labels) : null, s.hostnames ? [...s.hostnames] : null],
  };
}
