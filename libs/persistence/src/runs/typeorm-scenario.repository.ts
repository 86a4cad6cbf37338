import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { isUuid, translatePgError } from '../repositories/pg-errors.js';
import type { NewScenario, StoredScenario } from './run-models.js';
import { ScenarioRepository } from './scenario.repository.js';
import { updateReturning } from './update-returning.js';

interface ScenarioRow {
  id: string;
  name: string;
  description: string;
  source?: string;
  parsed?: StoredScenario['parsed'];
  revision: number;
  created_at: Date;
  updated_at: Date;
}

const SUMMARY = 'id, name, description, revision, created_at, updated_at';

function toSummary(r: ScenarioRow): Omit<StoredScenario, 'source' | 'parsed'> {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    revision: r.revision,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toScenario(r: ScenarioRow): StoredScenario {
  return { ...toSummary(r), source: r.source ?? '', parsed: r.parsed as StoredScenario['parsed'] };
}

export class TypeormScenarioRepository extends ScenarioRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(input: NewScenario): Promise<StoredScenario> {
    try {
      const rows: ScenarioRow[] = await this.ds.query(
        `INSERT INTO scenarios (id, name, description, source, parsed) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *`,
        [randomUUID(), input.parsed.metadata.name, input.parsed.metadata.description ?? '', input.source, JSON.stringify(input.parsed)],
      );
      return toScenario(rows[0] as ScenarioRow);
    } catch (error) {
      translatePgError(error);
    }
  }

  async find(idOrName: string): Promise<StoredScenario | null> {
    const column = isUuid(idOrName) ? 'id' : 'name';
    const rows: ScenarioRow[] = await this.ds.query(`SELECT * FROM scenarios WHERE ${column} = $1`, [idOrName]);
    return rows[0] ? toScenario(rows[0]) : null;
  }

  async findMany(ids: readonly string[]): Promise<readonly StoredScenario[]> {
    const uuids = [...new Set(ids.filter(isUuid))];
    if (uuids.length === 0) return [];
    const rows: ScenarioRow[] = await this.ds.query(`SELECT * FROM scenarios WHERE id = ANY($1::uuid[])`, [uuids]);
    return rows.map(toScenario);
  }

  async list(page: PageRequest): Promise<Page<Omit<StoredScenario, 'source' | 'parsed'>>> {
    const [rows, count]: [ScenarioRow[], { n: string }[]] = await Promise.all([
      this.ds.query<ScenarioRow[]>(`SELECT ${SUMMARY} FROM scenarios ORDER BY name, id LIMIT $1 OFFSET $2`, [page.limit, page.offset]),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM scenarios`),
    ]);
    return { items: rows.map(toSummary), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async replace(id: string, input: NewScenario): Promise<StoredScenario | null> {
    if (!isUuid(id)) return null;
    try {
      const rows = await updateReturning<ScenarioRow>(
        this.ds,
        `UPDATE scenarios SET name = $2, description = $3, source = $4, parsed = $5::jsonb, revision = revision + 1,
                updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, input.parsed.metadata.name, input.parsed.metadata.description ?? '', input.source, JSON.stringify(input.parsed)],
      );
      return rows[0] ? toScenario(rows[0]) : null;
    } catch (error) {
      translatePgError(error);
    }
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result: [unknown[], number] = await this.ds.query(`DELETE FROM scenarios WHERE id = $1`, [id]);
    return result[1] > 0;
  }
}
