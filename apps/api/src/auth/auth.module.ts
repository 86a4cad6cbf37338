import { bumpChangeEpochs, REDIS_CLIENT, type RedisClient } from '@asr-twin/jobs';
import { ApiKeyRepository, ApiKeyService } from '@asr-twin/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { CONFIGURED_ADMIN_KEY, ConfiguredAdminKey } from './configured-admin-key.provider.js';
import { KEY_CHANGES_DATABASE_URL, KeyChangeListener } from './key-change.listener.js';
import { KeyController } from './key.controller.js';
import { KEY_OUTAGE_GRACE_MS, VerifiedKeys } from './verified-keys.js';

/**
 * API keys: the service that issues and checks them, the key management routes, the configured first admin
 * key and the listener that tells subscriptions when their key changes. The guard and the request hook are
 * wired by the composition root and the app factory.
 */
@Module({})
export class AuthModule {
  static forRoot(options: {
    readonly adminApiKey: string | undefined;
    readonly databaseUrl: string;
    readonly outageGraceMs: number;
    readonly queuePrefix: string;
  }): DynamicModule {
    const service = {
      provide: ApiKeyService,
      // Every key change bumps the `keys` epoch, so no api process answers from a verification made before it.
      useFactory: (repo: ApiKeyRepository, redis: RedisClient) =>
        new ApiKeyService(repo, undefined, () => bumpChangeEpochs(redis, options.queuePrefix, ['keys'])),
      inject: [ApiKeyRepository, REDIS_CLIENT],
    };
    return {
      module: AuthModule,
      controllers: [KeyController],
      providers: [
        service,
        { provide: CONFIGURED_ADMIN_KEY, useValue: options.adminApiKey },
        ConfiguredAdminKey,
        { provide: KEY_CHANGES_DATABASE_URL, useValue: options.databaseUrl },
        KeyChangeListener,
        { provide: KEY_OUTAGE_GRACE_MS, useValue: options.outageGraceMs },
        { provide: VerifiedKeys, useFactory: (graceMs: number) => new VerifiedKeys(graceMs), inject: [KEY_OUTAGE_GRACE_MS] },
      ],
      exports: [ApiKeyService, KeyChangeListener, VerifiedKeys],
    };
  }
}
