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
const API_SEGMENTS = new Set(['api', 'graphql', 'health', 'metrics', 'docs', 'docs-yaml']);

/** Whether a URL path is a client route of the dashboard (served `index.html`), not an API route or a file. */
export function isDashboardRoute(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? '/';
  const first = path.split('/')[1] ?? '';
  if (API_SEGMENTS.has(first)) return false;
  // A missing file (`/assets/x.js`, `/favicon.ico`) is a 404, not the app: a script tag must never get HTML.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !/\.[A-Za-z0-9]{1,8}$/.test(last);
}

/**
 * Serves the built dashboard at `/`: its files (hashed assets cached for a year, `index.html` revalidated on
 * every load, pre-compressed `.br`/`.gz` variants when the build wrote them), and `index.html` for every other
 * `GET` that is a client route (`/routers/ams-edge-01`), so deep links and reloads work. URLs under `/api`,
 * `/graphql`, `/health`, `/metrics` and `/docs` are left to the API. The files hold no data and need no key:
 * everything the dashboard shows comes from the API with the key the user signs in with.
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
      root: dir,
      prefix: '/',
      wildcard: false,
      // `/` and client routes are answered below; the compressed copies are found next to each file.
      index: false,
      globIgnore: ['**/*.br', '**/*.gz', '**/index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) =>
        void reply.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const app = (request: FastifyRequest, reply: FastifyReply) =>
      isDashboardRoute(request.url) ? reply.sendFile('index.html') : reply.callNotFound();
    scope.get('/', app);
    scope.get('/*', app);
  });
  return true;
}
