import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells listening api processes (`LISTEN api_key_changed`) when a key stops meaning what it meant: revoked,
 * given another secret or another role, or deleted. The payload is the key's id. Open GraphQL subscriptions of
 * that key end at once, whoever changed it (REST, `twin keys`, or SQL by hand), because the trigger fires on
 * the table itself; requests already look each key up anew.
 */
export class ApiKeyChangesNotify1764700000000 implements MigrationInterface {
  readonly name = 'ApiKeyChangesNotify1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('api_key_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER api_keys_changed_notify AFTER UPDATE ON api_keys FOR EACH ROW
        WHEN ((NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
              OR NEW.secret_hash IS DISTINCT FROM OLD.secret_hash OR NEW.role IS DISTINCT FROM OLD.role)
        EXECUTE FUNCTION notify_api_key_changed()`);
    await q.query(`
      CREATE TRIGGER api_keys_deleted_notify AFTER DELETE ON api_keys FOR EACH ROW
        EXECUTE FUNCTION notify_api_key_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_keys_deleted_notify ON api_keys`);
    await q.query(`DROP TRIGGER api_keys_changed_notify ON api_keys`);
    await q.query(`DROP FUNCTION notify_api_key_changed()`);
  }
}
