import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS_ROUTE } from '../auth/api-key.hook.js';
import type { Logger as Pino } from 'pino';

/** The dashboard this installation builds (`apps/dashboard/dist`), from `apps/api/{src,dist}/dashboard/`. */
export const BUILT_DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

/**
 * First path segments that belong to the API. A URL under them is never answered with the dashboard, so their
 * unknown routes keep their problem+json 404 (`ROUTE_NOT_FOUND`).
 */
const API_SEGMENTS = new Set(['api', 'graphql', 'health', 'metrics', 'docs', 'docs-json', 'docs-yaml']);

/** What a dashboard URL asks for: an API path (not ours), a file of the build, or a client route (`index.html`). */
export function dashboardTarget(url: string): { kind: 'api' | 'none' } | { kind: 'file'; file: string } | { kind: 'app' } {
  const path = url.split(/[?#]/, 1)[0] ?? '/';
  if (API_SEGMENTS.has(path.split('/')[1] ?? '')) return { kind: 'api' };
  // Dot files and dot segments (`/.build-hash`, `/%2e%2e/`) are never served.
  if (/(^|\/)\./.test(safeDecode(path))) return { kind: 'none' };
  // `/favicon.svg` is a file; a missing one is a 404, never the app (a script tag must never get HTML).
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]{1,8}$/.test(last) ? { kind: 'file', file: safeDecode(path.slice(1)) } : { kind: 'app' };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Serves the built dashboard at `/`: its hashed assets under `/assets/` (cached for a year, pre-compressed
 * `.br`/`.gz` copies when the client accepts them), its other files, and `index.html` for every other `GET`
 * that is a client route (`/routers/ams-edge-01`), so deep links and reloads work; `index.html` is revalidated
 * on every load, so a new build shows at once. URLs under `/api`, `/graphql`, `/health`, `/metrics` and
 * `/docs` are left to the API. The files hold no data and need no key: everything the dashboard shows comes
 * from the API with the key the user signs in with.
 *
 * @returns false when `dir` holds no `index.html` (dashboard not built); the API then runs without it.
 */
export async function registerDashboard(app: NestFastifyApplication, dir: string, log: Pino): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) {
    log.warn({ dir }, 'no built dashboard found: the API runs without it (run `npm run build`)');
    return false;
  }
  await app.register(async (scope: FastifyInstance) => {
    // Public files: the API key hook never looks a key up for them (see ANONYMOUS_ROUTE).
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, ...ANONYMOUS_ROUTE };
    });
    await scope.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) =>
        void reply.header('cache-control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const serve = (request: FastifyRequest, reply: FastifyReply) => {
      const target = dashboardTarget(request.url);
      if (target.kind === 'api' || target.kind === 'none') return reply.callNotFound();
      return reply.sendFile(target.kind === 'file' ? target.file : 'index.html', dir);
    };
    scope.get('/', serve);
    scope.get('/*', serve);
  });
  return true;
}
