import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { blockScript, documentationFiles, runnableBlocks } from '../support/doc-blocks.js';
import { freePort, ROOT, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * Every command block of the README and `docs/` marked `<!-- doc-test: runnable -->` runs, in file order, in
 * one shell session per file, against the service started as the quick start starts it (`scripts/start.mjs`:
 * migrations, the sample fleet, the api and the worker; the install and build `npm start` does first are the
 * test suite's own), with the `ADMIN_API_KEY` the quick start has the reader export. Only what must be private
 * to the test differs: its database, port and queue prefix. A pasted example that fails, fails here.
 */
const files = documentationFiles().filter((file) => runnableBlocks(file).length > 0);

let db: TestDatabase;
let port: number;
let service: Spawned;
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  db = await migratedTestDatabase();
  port = await freePort();
  env = {
    ADMIN_API_KEY: randomBytes(32).toString('hex'),
    DATABASE_URL: db.url,
    QUEUE_PREFIX: testQueuePrefix('docs'),
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  service = spawnNode(['scripts/start.mjs'], env);
  await waitForOk(`http://127.0.0.1:${port}/health`, service, 60_000);
  // The reader's working copy, where files the commands write (out.xml, captures/) land outside the repository.
  work = mkdtempSync(join(tmpdir(), 'asr-twin-docs-'));
  for (const entry of readdirSync(ROOT).filter((e) => !e.startsWith('.'))) symlinkSync(join(ROOT, entry), join(work, entry));
}, 90_000);

afterAll(async () => {
  if (service !== undefined && service.child.exitCode === null) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await db?.drop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

it('finds runnable blocks in the README and in docs/', () => {
  expect(files).toContain('README.md');
  expect(files.some((file) => file.startsWith('docs/'))).toBe(true);
});

describe.each(files)('the runnable commands of %s, in one shell session', (file) => {
  const blocks = runnableBlocks(file);

  it.each(blocks.map((b) => [b.where, b] as const))(
    '%s',
    (_where, block) => {
      const script = join(work, '.doc-test-block.sh');
      writeFileSync(script, blockScript(block, join(work, `.doc-test-state-${file.replace(/\W/g, '_')}.sh`), port));
      const { PORT: _port, LOG_LEVEL: _level, ...shellEnv } = env;
      const run = spawnSync('bash', [script], { cwd: work, env: { ...process.env, ...shellEnv }, encoding: 'utf8', timeout: 120_000 });
      const tail = (text: string | null): string => (text ?? '').split('\n').slice(-25).join('\n');
      const failed = run.status !== block.exit;
      expect({ where: block.where, status: run.status, stderr: failed ? tail(run.stderr) : '', stdout: failed ? tail(run.stdout) : '' }).toEqual({
        where: block.where,
        status: block.exit,
        stderr: '',
        stdout: '',
      });
    },
    150_000,
  );
});
