import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys. Only the SHA-256 of a key is stored, never the key; `public_id` is the non-secret part of the key
 * (`atw_<public_id>_<secret>`) that finds the row. Names stay unique after revocation, so the change log's
 * `key:<name>` actors never become ambiguous.
 */
export class ApiKeys1764300000000 implements MigrationInterface {
  readonly name = 'ApiKeys1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id           uuid PRIMARY KEY,
        public_id    text NOT NULL,
        name         text NOT NULL,
        role         text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        secret_hash  bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz,
        CONSTRAINT api_keys_public_id_key UNIQUE (public_id),
        CONSTRAINT api_keys_name_key UNIQUE (name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
