import { parseArgs } from 'node:util';
import { UsageError } from '../cli-io.js';
import { KEYS_HELP } from './keys.help.js';
import { ApiKeyService, createDataSource, hasPendingMigrations, TypeormApiKeyRepository } from '@asr-twin/persistence';


/**
 * `twin keys …` over the same {@link ApiKeyService} as the api. `create` prints the key alone on
 * stdout, so `KEY=$(… keys create …)` works, and the advice on stderr.
 */
export async function runKeysCommand(url: string, args: readonly string[], notice: (line: string) => void): Promise<string> {
  if (await hasPendingMigrations(url)) throw new Error('the database schema is behind this version: run `npm run migration:run`');
  const ds = await createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-admin' }).initialize();
  try {
    const keys = new ApiKeyService(new TypeormApiKeyRepository(ds));
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
