import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A router's hardware population (domain reference §8.9–§8.11): `hardware` holds the RP and ESP product ids and the
 * number of ESPs and power supplies installed (`{ rp, esp, esps, psus }`), `psus` the state of each supply bay
 * (`[{ slot: 'P0', state: 'ok' }, …]`). NULL in both: the model's default population for its release with every
 * supply ok, which is what every router created before this column has. The ESPs installed are the router's rows
 * in `esps` (a single-ESP ASR1006 has no F1 row).
 */
export class RouterHardware1765300000000 implements MigrationInterface {
  readonly name = 'RouterHardware1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE routers ADD COLUMN hardware jsonb NULL, ADD COLUMN psus jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE routers DROP COLUMN psus, DROP COLUMN hardware`);
  }
}
