import type { ChassisModel, RedundancyMode } from '@asr-twin/domain';
import type { EntityManager } from 'typeorm';
import { isUuid } from '../repositories/pg-errors.js';
import { FROZEN_START, type FrozenStart, startOfFrozen } from '../runs/twin-start.sql.js';
import { decodeCells } from './audit-cells.codec.js';
import type { AuditRecord, AuditSummary } from './audit-models.js';
import type { AuditMatrixRow } from './audit.repository.js';

/**
 * Inserts the audit's routers numbered from 0 in hostname order, each with its stored state frozen now, and
 * returns how many there are.
 */
export async function insertAuditTargets(m: EntityManager, audit: AuditRecord): Promise<number> {
  const s = audit.selector;
  const fleetById = s.fleet !== undefined && isUuid(s.fleet);
  await m.query(
    `INSERT INTO audit_targets (audit_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start)
     SELECT $1, (row_number() OVER (ORDER BY r.hostname))::int - 1, r.id, r.hostname, r.model, r.redundancy_mode,
            r.software_version, ${FROZEN_START}
       FROM routers r
      WHERE ($2::text IS NULL OR r.fleet_id = (SELECT id FROM fleets WHERE ${fleetById ? 'id = $2::uuid' : 'name = $2'}))
        AND ($3::text IS NULL OR r.model = $3)
        AND ($4::jsonb IS NULL OR r.labels @> $4::jsonb)
        AND ($5::text[] IS NULL OR r.hostname = ANY($5::text[]))`,
    [audit.id, s.fleet ?? null, s.model ?? null, s.labels ? JSON.stringify(s.labels) : null, s.hostnames ? [...s.hostnames] : null],
  );
  const rows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM audit_targets WHERE audit_id = $1`, [audit.id]);
  return Number(rows[0]?.n ?? 0);
}

/** The fleet's exposure over every written row: three aggregate queries. */
export async function auditSummary(m: Pick<EntityManager, 'query'>, audit: AuditRecord): Promise<AuditSummary> {
  const [totals, cells, causes]: [{ routers: string; exposed: string; errors: string | null }[], { k: number; n: string }[], { cause: string; n: string }[]] =
    await Promise.all([
      m.query<{ routers: string; exposed: string; errors: string | null }[]>(
        `SELECT count(*) AS routers, count(*) FILTER (WHERE exposed <> 0) AS exposed,
              sum(cardinality(array_positions(cells, -3))) AS errors
         FROM audit_results WHERE audit_id = $1`,
        [audit.id],
      ),
      m.query<{ k: number; n: string }[]>(
        `SELECT k, count(r.*) AS n FROM generate_series(0, $2::int - 1) AS k
         LEFT JOIN audit_results r ON r.audit_id = $1 AND (r.exposed >> k) & 1 = 1
        GROUP BY k ORDER BY k`,
        [audit.id, audit.cells.length],
      ),
      m.query<{ cause: string; n: string }[]>(
        `SELECT c AS cause, count(*) AS n FROM audit_results, unnest(causes) AS c
        WHERE audit_id = $1 GROUP BY c ORDER BY count(*) DESC, c`,
        [audit.id],
      ),
    ]);
  const t = totals[0];
  return {
    routers: Number(t?.routers ?? 0),
    exposedRouters: Number(t?.exposed ?? 0),
    errors: Number(t?.errors ?? 0),
    byCell: Object.fromEntries(cells.map((c) => [audit.cells[c.k] as string, Number(c.n)])),
    byCause: causes.map((c) => ({ cause: c.cause, routers: Number(c.n) })),
  };
}

/** A row of `audit_results` joined with its target's frozen start. */
export interface MatrixRowSql {
  ordinal: number;
  hostname: string;
  model: string;
  redundancy_mode: string;
  exposed: number;
  causes: string[];
  cells: number[];
  start: FrozenStart;
}

export const MATRIX_SELECT = `SELECT r.ordinal, r.hostname, r.model, t.redundancy_mode, r.exposed, r.causes, r.cells, t.start
  FROM audit_results r JOIN audit_targets t ON t.audit_id = r.audit_id AND t.ordinal = r.ordinal`;

export function toMatrixRow(r: MatrixRowSql): AuditMatrixRow {
  return {
    ordinal: r.ordinal,
    hostname: r.hostname,
    model: r.model,
    cells: decodeCells(r.cells, r.exposed),
    causes: r.causes,
    start: startOfFrozen(r.model as ChassisModel, r.redundancy_mode as RedundancyMode, r.start),
  };
}
