import { createApiApp } from '@asr-twin/api';
import { loadConfig } from '@asr-twin/config';
import { createLogger } from '@asr-twin/logging';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface RunningApi {
  readonly url: string;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/** The real api application on the given database, listening on a free loopback port. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', ...env });
  const app = await createApiApp(config, createLogger('silent', 'test-api'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, close: () => app.close() };
}

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
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
  return { status: response.status, contentType, body: (text && contentType.includes('json') ? JSON.parse(text) : text) as T };
}
