// Builds the dashboard (apps/dashboard, Vite) into apps/dashboard/dist, which the api serves at `/`, and writes
// brotli and gzip copies of its text files for the api to send pre-compressed. Skips the build when nothing it
// depends on changed since the last one (a hash of its sources, configuration and the lockfile), so
// `npm run build` stays fast.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const app = join(root, 'apps/dashboard');
const dist = join(app, 'dist');
const stamp = join(dist, '.build-hash');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];
// Libraries the dashboard bundles (the RF state names of the domain library), relative to the repository root.
const LIBRARY_INPUTS = ['libs/domain/src', 'libs/domain/package.json'];
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputHash() {
  const hash = createHash('sha256');
  const inputs = [...INPUTS.flatMap((p) => files(join(app, p))), ...LIBRARY_INPUTS.flatMap((p) => files(join(root, p))), join(root, 'package-lock.json')];
  for (const file of inputs) {
    if (file.endsWith('.spec.ts')) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function precompress() {
  for (const file of files(dist)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = readFileSync(file);
    if (body.length < 1024) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

const hash = inputHash();
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && process.argv[2] !== '--force') {
  process.stdout.write('dashboard: up to date\n');
} else {
  const { build } = await import('vite');
  const started = performance.now();
  await build({ root: app, configFile: join(app, 'vite.config.ts'), logLevel: 'warn' });
  precompress();
  writeFileSync(stamp, hash);
  process.stdout.write(`dashboard: built in ${Math.round(performance.now() - started)} ms\n`);
}
