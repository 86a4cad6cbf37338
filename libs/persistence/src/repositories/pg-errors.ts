import { ConflictError, NotFoundError } from '@asr-twin/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else is looked up by name or hostname and never reaches a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
  readonly detail?: string;
  readonly driverError?: PgError;
}

/** The request field behind each unique constraint of the migrations. */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  fleets_name_key: 'name',
  routers_hostname_key: 'hostname',
  scenarios_name_key: 'metadata.name',
  runs_idempotency_key_key: 'Idempotency-Key',
};

/**
 * Translates the PostgreSQL errors a client can provoke into domain errors; rethrows anything else. The
 * constraint names come from the migrations.
 */
export function translatePgError(error: unknown): never {
  const pg = ((error as PgError).driverError ?? error) as PgError;
  if (pg.code === '23505') {
    const field = UNIQUE_FIELDS[pg.constraint ?? ''] ?? 'hostname';
    const value = /=\((.*)\)/.exec(pg.detail ?? '')?.[1];
    throw new ConflictError(`${field} ${value ? `"${value}" ` : ''}is already taken`, [{ field, message: 'already taken' }]);
  }
  if (pg.code === '23503' && pg.constraint?.includes('fleet')) {
    throw new NotFoundError('fleet', /=\((.*)\)/.exec(pg.detail ?? '')?.[1] ?? 'unknown');
  }
  throw error;
}
