import { parseArgs } from 'node:util';
import { ApiKeyService, createDataSource, hasPendingMigrations, TypeormApiKeyRepository } from '@asr-twin/persistence';

export const KEYS_USAGE = `  keys create --name NAME --role viewer|operator|admin
                    create an API key and print it (once: only its hash is stored)
  keys list         list the keys (never their secrets)
  keys revoke ID    revoke a key at once`;

/**
 * `keys …` subcommands over the same {@link ApiKeyService} as the api. `create` prints the key alone on
 * stdout, so `KEY=$(… keys create …)` works, and the advice on stderr.
 */
export async function runKeysCommand(url: string, args: readonly string[], notice: (line: string) => void): Promise<string> {
  if (await hasPendingMigrations(url)) throw new Error('the database schema is behind this version: run `npm run migration:run`');
  const ds = await createDataSource({ url, poolSize: 1, applicationName: 'asr-twin-admin' }).initialize();
  try {
    const keys = new ApiKeyService(new TypeormApiKeyRepository(ds));
    const [sub, ...rest] = args;
    if (sub === 'create') {
      const { values } = parseArgs({ args: [...rest], options: { name: { type: 'string' }, role: { type: 'string' } }, strict: true });
      if (!values.name || !values.role) throw new Error(`keys create needs --name and --role\n${KEYS_USAGE}`);
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
    throw new Error(`unknown command "keys ${args.join(' ')}"\n${KEYS_USAGE}`);
  } finally {
    await ds.destroy();
  }
}
