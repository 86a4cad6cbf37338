import { parseArgs } from 'node:util';
import { UsageError } from '../cli-io.js';
import { KEYS_HELP } from './keys.help.js';
import { bumpChangeEpochs, createRedis, type RedisTarget } from '@asr-twin/jobs';
import { ApiKeyService, createDataSource, hasPendingMigrations, TypeormApiKeyRepository } from '@asr-twin/persistence';

/** Where the api processes keep their change epochs (`REDIS_URL` or `REDIS_CLUSTER_NODES`, `QUEUE_PREFIX`). */
export interface KeyChangeRedis extends RedisTarget {
  readonly queuePrefix: string;
}

/**
 * `twin keys …` over the same {@link ApiKeyService} as the api. `create` prints the key alone on
 * stdout, so `KEY=$(… keys create …)` works, and the advice on stderr. A change is recorded in the api's `keys`
 * change epoch (Redis), so a key revoked here is refused on the next request to any api process; without Redis
 * (`redis` not given or not reachable) the api processes learn it from PostgreSQL's notification instead, and it
 * says so.
 */
export async function runKeysCommand(url: string, args: readonly string[], notice: (line: string) => void, redis?: KeyChangeRedis): Promise<string> {
  if (await hasPendingMigrations(url)) throw new Error('the database schema is behind this version: run `npm run migration:run`');
  const ds = await createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-admin' }).initialize();
  try {
    const keys = new ApiKeyService(new TypeormApiKeyRepository(ds), undefined, () => recordKeyChange(redis, notice));
    const [sub, ...rest] = args;
    if (sub === 'create') {
      const { values } = parseKeyArgs(rest);
      if (!values.name || !values.role) throw new UsageError(`keys create needs --name and --role\n${KEYS_HELP}`);
      const created = await keys.create(values.name, values.role);
      notice(`created API key "${created.name}" (role ${created.role}, id ${created.id}); store it now, it is not shown again`);
      return created.key;
    }
    if (sub === 'list' && rest.length === 0) {
      const page = await keys.list({ limit: 1000, offset: 0 });
      const lines = page.items.map((k) =>
        [k.id, k.name, k.role, k.prefix ?? '-', `created ${k.createdAt}`, k.revokedAt ? `revoked ${k.revokedAt}` : 'active'].join('  '),
      );
      return lines.length > 0 ? lines.join('\n') : 'no API keys';
    }
    if (sub === 'revoke' && rest.length === 1) {
      const revoked = await keys.revoke(rest[0]!);
      return `revoked API key "${revoked.name}" (${revoked.id})`;
    }
    throw new UsageError(`unknown command "keys ${args.join(' ')}"\n${KEYS_HELP}`);
  } finally {
    await ds.destroy();
  }
}

function parseKeyArgs(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: { name: { type: 'string' }, role: { type: 'string' } }, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\n${KEYS_HELP}`);
  }
}

/** Bumps the `keys` change epoch; tells the user when it could not (the api then relies on PostgreSQL's notification). */
async function recordKeyChange(redis: KeyChangeRedis | undefined, notice: (line: string) => void): Promise<void> {
  if (redis === undefined) return;
  const client = createRedis(redis, 'asr-twin-keys', { maxRetriesPerRequest: 0, enableOfflineQueue: false, reconnect: false, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (await bumpChangeEpochs(client, redis.queuePrefix, ['keys'])) return;
  } catch {
    // reported below
  } finally {
    client.disconnect();
  }
  notice('note: Redis could not be told of the change; api processes learn it from PostgreSQL within moments');
}
