import { MIGRATIONS } from '@asr-twin/migrations';
import { DataSource, type Logger } from 'typeorm';
import { ENTITIES } from './entities/index.js';

export interface DataSourceOptions {
  readonly url: string;
  readonly poolSize?: number;
  /** Shown in `pg_stat_activity`, to tell the api's connections from the worker's. */
  readonly applicationName?: string;
  /** Receives every query when given (tests count statements with it); by default nothing is logged. */
  readonly queryLogger?: Logger;
}

/**
 * The one TypeORM data source factory. `synchronize` is off everywhere: the schema changes only through the
 * reviewed migrations in `/migrations`, run by `npm run migration:run`.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries surface as errors to the caller, which logs them as JSON; TypeORM's own logger would
    // print plain text.
    ...(options.queryLogger ? { logging: ['query'], logger: options.queryLogger } : { logging: false }),
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'asr-twin',
  });
}
