import { randomBytes } from 'node:crypto';
import { createApiApp } from '@asr-twin/api';
import { loadConfig } from '@asr-twin/config';
import { createLogger } from '@asr-twin/logging';
import type { ApiRole, CreatedApiKey } from '@asr-twin/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { testQueuePrefix } from './redis-keys.js';

export interface RunningApi {
  readonly url: string;
  readonly app: NestFastifyApplication;
  /** The admin key the api was configured with (`ADMIN_API_KEY`, stored as `bootstrap-admin`). */
  readonly adminKey: string;
  close(): Promise<void>;
}

/** A random `ADMIN_API_KEY` value. */
export function randomAdminKey(): string {
  return `test-admin-${randomBytes(24).toString('hex')}`;
}

/**
 * The real api application on the given database, listening on a free loopback port, with a random
 * `ADMIN_API_KEY` (unless `env` gives one: apps sharing a database must share it, a new value replaces the old)
 * and a Redis key prefix of its own (unless `env` gives `QUEUE_PREFIX`), so rate-limit counters of different
 * tests never meet. `beforeListen` sees the app after it is built and before its routes are registered.
 */
export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  beforeListen: (app: NestFastifyApplication) => void = () => undefined,
): Promise<RunningApi> {
  const adminKey = env['ADMIN_API_KEY'] ?? randomAdminKey();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: testQueuePrefix('api'),
    ...env,
    ADMIN_API_KEY: adminKey,
  });
  const app = await createApiApp(config, createLogger('silent', 'test-api'));
  beforeListen(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, adminKey, close: () => app.close() };
}

/** `Authorization` header for a key. */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** Creates a key through the API with the admin key. */
export async function createKey(api: RunningApi, name: string, role: ApiRole): Promise<CreatedApiKey> {
  const res = await request<CreatedApiKey>(api.url, 'POST', '/api/v1/keys', { name, role }, bearer(api.adminKey));
  if (res.status !== 201) throw new Error(`creating key ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly text: string;
  readonly body: T;
}

/** One HTTP request with a JSON (or raw string) body; parses a JSON answer. */
export async function request<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    headers: response.headers,
    text,
    body: (text && contentType.includes('json') ? JSON.parse(text) : text) as T,
  };
}
