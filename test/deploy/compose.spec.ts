import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workerNodeFlags } from '../../scripts/worker-node-flags.mjs';
import { ROOT } from '../support/processes.js';

/**
 * `docker-compose.yml`, `Dockerfile` and `.dockerignore` checked without a Docker engine: the compose file is
 * parsed (merge keys resolved as Compose does) and held to the rules the README promises. (`docker compose config`
 * needs the Compose plugin, which this machine's docker CLI lacks.)
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  pull_policy?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
}

const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const IMAGE = 'asr-twin:local';

function seconds(duration: string | undefined): number {
  const m = /^(\d+)s$/.exec(duration ?? '');
  if (!m) throw new Error(`not a duration in seconds: ${duration}`);
  return Number(m[1]);
}

describe('docker-compose.yml', () => {
  it('publishes nothing but the api, and only on 127.0.0.1', () => {
    expect(services['postgres']?.ports).toBeUndefined();
    expect(services['redis']?.ports).toBeUndefined();
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p] as const));
    expect(published.map(([name]) => name)).toEqual(['api']);
    for (const [, p] of published) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it('builds one image once and runs every process of ours from it', () => {
    const builders = Object.entries(services).filter(([, s]) => s.build !== undefined);
    expect(builders.map(([name]) => name)).toEqual(['migrate']);
    for (const name of ['migrate', 'api', 'worker']) expect(services[name]?.image, name).toBe(IMAGE);
    for (const name of ['api', 'worker']) expect(services[name]?.pull_policy, name).toBe('never');
  });

  it('checks the api on its configured PORT and the worker on WORKER_HTTP_PORT', () => {
    const api = services['api'];
    const port = api?.environment?.['PORT'];
    expect(port).toMatch(/^\d+$/);
    expect(api?.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    // The api uses the image's healthcheck, which reads PORT.
    expect(api?.healthcheck).toBeUndefined();
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const check = /^HEALTHCHECK .*$/m.exec(dockerfile)?.[0] ?? '';
    expect(check).toContain('process.env.PORT');
    expect(check).toContain('/health/ready');

    const worker = services['worker'];
    expect(worker?.environment?.['WORKER_HTTP_PORT']).toMatch(/^\d+$/);
    expect(worker?.healthcheck?.test?.join(' ')).toMatch(/process\.env\.WORKER_HTTP_PORT.*\/health\/ready/);
    expect(worker?.command).toEqual(['node', ...workerNodeFlags({}), 'apps/worker/dist/main.js']);
    expect(services['migrate']?.healthcheck).toEqual({ disable: true });
  });

  it('gives each process more time to stop than its SHUTDOWN_TIMEOUT_S', () => {
    for (const name of ['api', 'worker']) {
      const s = services[name];
      expect(seconds(s?.stop_grace_period), name).toBeGreaterThan(Number(s?.environment?.['SHUTDOWN_TIMEOUT_S']));
    }
  });
});

describe('image', () => {
  it('runs on the Active LTS line of Node.js and builds from a context without secrets or local state', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', '.env.*', '.git', 'node_modules', '**/node_modules', '**/dist', 'test-results', 'coverage', 'test']) {
      expect(ignored, entry).toContain(entry);
    }
  });

  it('declares the supported Node.js lines in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.13.0 || >=24.11.0');
  });
});
