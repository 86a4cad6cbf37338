import { ApiKeyService, CONFIGURED_ADMIN_KEY_NAME } from '@asr-twin/persistence';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/** Injection token of the `ADMIN_API_KEY` value (undefined when not configured). */
export const CONFIGURED_ADMIN_KEY = Symbol('CONFIGURED_ADMIN_KEY');

const FIRST_KEY_HINT = 'create one with `npm run keys -- create --name <you> --role admin` (prints the key once), or set ADMIN_API_KEY';

/**
 * At start-up, stores the admin key configured by `ADMIN_API_KEY` (hashed) as `bootstrap-admin`, or warns
 * when no key exists at all, so a fresh installation says how to get in. Never logs the key.
 */
@Injectable()
export class ConfiguredAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly keys: ApiKeyService,
    @Inject(CONFIGURED_ADMIN_KEY) private readonly configured: string | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.configured === undefined) {
      if ((await this.keys.countActive()) === 0) {
        this.logger.warn(`no API key exists yet, so every route but /health and /docs answers 401: ${FIRST_KEY_HINT}`);
      }
      return;
    }
    let outcome;
    try {
      outcome = await this.keys.ensureConfiguredAdmin(this.configured);
    } catch (error) {
      throw new Error(`ADMIN_API_KEY could not be stored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const name = `"${CONFIGURED_ADMIN_KEY_NAME}"`;
    if (outcome === 'created') this.logger.log(`ADMIN_API_KEY accepted as the admin key ${name}`);
    if (outcome === 'replaced') this.logger.log(`ADMIN_API_KEY changed: the admin key ${name} now has the new value`);
    if (outcome === 'revoked') this.logger.warn(`ADMIN_API_KEY is the revoked key ${name} and is refused; set a new value to use it again`);
  }
}
