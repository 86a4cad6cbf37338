import type { EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE … RETURNING` and gives back its rows. (TypeORM's raw `query()` answers an UPDATE with
 * `[rows, affectedCount]` instead of the rows alone.)
 */
export async function updateReturning<T>(m: Pick<EntityManager, 'query'>, sql: string, params: readonly unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, [...params]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
