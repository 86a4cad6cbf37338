import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { VerifiedKeyCache } from '../cache/read-cache.module.js';
import { VerifiedKeys } from './verified-keys.js';

/** Injection token of the database URL the listener connects to. */
export const KEY_CHANGES_DATABASE_URL = Symbol('KEY_CHANGES_DATABASE_URL');

/** The PostgreSQL notification channel of the `api_keys` triggers; the payload is the key's id. */
export const KEY_CHANGED_CHANNEL = 'api_key_changed';

const RECONNECT_MS = 2_000;

/**
 * Tells long-lived work done in a key's name (GraphQL subscriptions) that the key was revoked, given another
 * secret or role, or deleted, so it can end. It listens on one PostgreSQL connection of its own to the
 * notifications of the `api_keys` triggers, so changes made by any api process, `twin keys` or SQL by hand
 * all count. While the connection is down it reconnects every two seconds, and then checks every watched key
 * once for a revocation it may have missed.
 */
@Injectable()
export class KeyChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('auth');
  private readonly watchers = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(KEY_CHANGES_DATABASE_URL) private readonly url: string,
    private readonly verified: VerifiedKeys,
    private readonly cache: VerifiedKeyCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** Calls `onChange` once when the key changes; the returned function stops watching. */
  watch(keyId: string, onChange: () => void): () => void {
    const set = this.watchers.get(keyId) ?? new Set<() => void>();
    set.add(onChange);
    this.watchers.set(keyId, set);
    return () => {
      set.delete(onChange);
      if (set.size === 0 && this.watchers.get(keyId) === set) this.watchers.delete(keyId);
    };
  }

  private changed(keyId: string): void {
    this.verified.forgetKey(keyId);
    this.cache.deleteWhere((key) => key.id === keyId);
    const set = this.watchers.get(keyId);
    if (!set) return;
    this.watchers.delete(keyId);
    for (const onChange of set) onChange();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'asr-twin-api-key-changes' });
    client.on('notification', (message) => {
      if (message.channel === KEY_CHANGED_CHANNEL && message.payload) this.changed(message.payload);
    });
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGED_CHANNEL}`);
      this.client = client;
      await this.checkWatched(client);
    } catch (error) {
      this.logger.warn(`cannot listen for API key changes (${error instanceof Error ? error.message : String(error)}); retrying`);
      this.retry(client);
    }
  }

  private retry(client: pg.Client): void {
    if (this.stopped || this.reconnect) return;
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen();
    }, RECONNECT_MS);
  }

  /** Keys watched while nobody listened: those revoked or deleted meanwhile count as changed. */
  private async checkWatched(client: pg.Client): Promise<void> {
    const ids = [...this.watchers.keys()];
    if (ids.length === 0) return;
    const valid = await client.query<{ id: string }>(`SELECT id FROM api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`, [ids]);
    const still = new Set(valid.rows.map((r) => r.id));
    for (const id of ids) if (!still.has(id)) this.changed(id);
  }
}
