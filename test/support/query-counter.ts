import type { Logger } from 'typeorm';

/** A TypeORM logger that counts the queries a data source sends, so tests can assert "no query per row". */
export class CountingLogger implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
