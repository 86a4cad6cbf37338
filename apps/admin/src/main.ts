import 'reflect-metadata';
import { loadConfig, redactUrl, withDotEnv } from '@asr-twin/config';
import { createDataSource, migrateDown, migrateUp, TypeormFleetRepository, TypeormRouterRepository } from '@asr-twin/persistence';
import { seedSampleFleet } from './sample-fleet.js';

const USAGE = `usage: admin <command>
  migrate up        apply pending migrations (creates the database if missing)
  migrate down      revert the latest migration
  seed-sample       create the sample fleet if the database holds no fleet (unless SEED_SAMPLE_FLEET=false)`;

async function seed(url: string, enabled: boolean): Promise<string> {
  if (!enabled) return 'sample fleet: skipped (SEED_SAMPLE_FLEET=false)';
  const ds = await createDataSource({ url, poolSize: 2, applicationName: 'asr-twin-admin' }).initialize();
  try {
    const created = await seedSampleFleet(new TypeormFleetRepository(ds), new TypeormRouterRepository(ds), 'admin');
    return created ? 'sample fleet: created "sample"' : 'sample fleet: fleets exist, nothing to do';
  } finally {
    await ds.destroy();
  }
}

async function run(args: readonly string[]): Promise<string> {
  const config = loadConfig(withDotEnv());
  const url = config.database.url;
  const command = args.join(' ');
  if (command === 'migrate up') {
    const applied = await migrateUp(url);
    return applied.length ? `migrations applied to ${redactUrl(url)}: ${applied.join(', ')}` : `schema of ${redactUrl(url)} is up to date`;
  }
  if (command === 'migrate down') {
    const reverted = await migrateDown(url);
    return reverted ? `reverted ${reverted}` : 'no migration to revert';
  }
  if (command === 'seed-sample') return seed(url, config.seedSampleFleet);
  throw new Error(`unknown command "${command}"\n${USAGE}`);
}

run(process.argv.slice(2)).then(
  (message) => process.stdout.write(`${message}\n`),
  (error: unknown) => {
    process.stderr.write(`asr-twin admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
