import type { RouterSelector, Scenario } from '@asr-twin/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../repositories/pg-errors.js';
import type { RunRecord, RunTarget } from './run-models.js';
import { FROZEN_START_SQL } from './twin-start.sql.js';

/** The stored state of each target router is frozen with the run when it starts from the twin. */
function startColumn(run: RunRecord): string {
  return run.start === 'twin' ? FROZEN_START_SQL : 'NULL::jsonb';
}

function fromFleet(run: RunRecord): string {
  return `INSERT INTO run_targets (run_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start)
  SELECT $1, (row_number() OVER (ORDER BY r.hostname))::int - 1, r.id, r.hostname, r.model, r.redundancy_mode, r.software_version,
         ${startColumn(run)}
    FROM routers r`;
}

/** Inserts the run's target routers numbered from 0 and returns how many there are. */
export async function insertRunTargets(m: EntityManager, run: RunRecord): Promise<number> {
  await insertTargets(m, run);
  const rows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM run_targets WHERE run_id = $1`, [run.id]);
  return Number(rows[0]?.n ?? 0);
}

async function insertTargets(m: EntityManager, run: RunRecord): Promise<void> {
  const target = run.target;
  if (target.kind === 'scenario') {
    const routers = run.scenario.spec.routers ?? [];
    await m.query(
      `INSERT INTO run_targets (run_id, ordinal, hostname, model, redundancy_mode, software_version)
       SELECT $1, u.ordinal, u.hostname, u.model, u.mode, u.version
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(ordinal, hostname, model, mode, version)`,
      [
        run.id,
        routers.map((_, i) => i),
        routers.map((r) => r.hostname),
        routers.map((r) => r.model),
        routers.map((r) => r.redundancy),
        routers.map((r) => r.version),
      ],
    );
    return;
  }
  if (target.kind === 'routers') {
    await m.query(
      `INSERT INTO run_targets (run_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start)
       SELECT $1, (row_number() OVER (ORDER BY array_position($2::text[], r.hostname)))::int - 1, r.id, r.hostname, r.model,
              r.redundancy_mode, r.software_version, ${startColumn(run)}
         FROM routers r WHERE r.hostname = ANY($2::text[])`,
      [run.id, target.hostnames],
    );
    return;
  }
  const selected = selectorWhere(target.selector, 2);
  await m.query(`${fromFleet(run)} WHERE ${selected.sql}`, [run.id, ...selected.params]);
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
