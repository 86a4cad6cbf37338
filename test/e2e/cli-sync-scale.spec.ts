import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderShow, type ShowCommand } from '@asr-twin/ios-cli';
import { RouterRepository } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showContextOf } from '../../apps/api/src/routers/show/show-context.factory.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { spawnNode } from '../support/processes.js';

/**
 * `twin sync` of 10,000 routers × 3 captured outputs (issue "The twin of the real fleet", done-when 2): every
 * file gets its outcome, garbage and unknown hostnames are refused without touching the others, and a second
 * sync of the same captures is all unchanged.
 */
const ROUTERS = 10_000;
const COMMANDS: readonly ShowCommand[] = ['show redundancy', 'show version', 'show platform'];

let db: TestDatabase;
let api: RunningApi;
let operator: string;
let dir: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'collector', 'operator')).key;
  dir = mkdtempSync(join(tmpdir(), 'twin-sync-scale-'));
}, 120_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await api?.close();
  await db?.drop();
}, 120_000);

async function twin(args: string[]) {
  const p = spawnNode(['apps/cli/bin/twin.js', ...args], {});
  const { code } = await p.exited;
  return { code, output: p.output() };
}

describe('twin sync of 10,000 routers × 3 outputs', () => {
  it('answers every file, refuses garbage and unknown routers alone, and is all unchanged the second time', async () => {
    const auth = bearer(api.adminKey);
    expect((await request(api.url, 'POST', '/api/v1/fleets', { name: 'scale' }, auth)).status).toBe(201);
    const generated = await request<{ routers: { id: string }[] }>(
      api.url,
      'POST',
      '/api/v1/fleets/scale/routers',
      {
        generate: { count: ROUTERS, models: ['ASR1002-X', 'ASR1006'] },
      },
      auth,
    );
    expect(generated.status).toBe(201);
    const details = await api.app.get(RouterRepository).findDetails(generated.body.routers.map((r) => r.id));
    const nowMs = Date.now();
    // Half the routers in `<hostname>/<command>.txt`, half in `<hostname>_<command>.txt`; every tenth reports
    // two switchovers the twin has not seen.
    details.forEach((r, i) => {
      for (const command of COMMANDS) {
        const text = renderShow(command, showContextOf(r, nowMs));
        const output = command === 'show redundancy' && i % 10 === 0 ? text.replace(/(Switchovers system experienced = )0/, '$12') : text;
        const words = command.replaceAll(' ', '_');
        if (i % 2 === 0) {
          mkdirSync(join(dir, r.hostname), { recursive: true });
          writeFileSync(join(dir, r.hostname, `${words}.txt`), output);
        } else {
          writeFileSync(join(dir, `${r.hostname}_${words}.txt`), output);
        }
      }
    });
    writeFileSync(join(dir, 'nowhere-1_show_version.txt'), renderShow('show version', showContextOf(details[0]!, nowMs)));
    const garbage = details[1]!.hostname;
    writeFileSync(join(dir, `${garbage}_show_platform.txt`), 'the collector lost its session here');
    const files = ROUTERS * COMMANDS.length;
    const applied = details.filter((_, i) => i % 10 === 0).length;

    const first = await twin(['sync', dir, '--server', api.url, '--key', operator]);
    expect(first.code).toBe(1);
    expect(first.output).toContain('nowhere-1_show_version.txt: unknown-router: no router is named nowhere-1');
    expect(first.output).toMatch(new RegExp(`${garbage}_show_platform\\.txt: refused VALIDATION_FAILED`));
    // The garbage file replaced one of the router's captures; that router's two other files are refused with it.
    expect(first.output).toContain(
      `${files + 1} files of ${ROUTERS + 1} routers: ${applied * 3} applied, ${(ROUTERS - applied - 1) * 3} unchanged, 3 refused, 1 of unknown routers; 0 skipped`,
    );

    rmSync(join(dir, 'nowhere-1_show_version.txt'));
    writeFileSync(join(dir, `${garbage}_show_platform.txt`), renderShow('show platform', showContextOf(details[1]!, nowMs)));
    const second = await twin(['sync', dir, '--server', api.url, '--key', operator]);
    expect(second.output).toContain(`${files} files of ${ROUTERS} routers: 0 applied, ${files} unchanged, 0 refused, 0 of unknown routers; 0 skipped`);
    expect(second.code).toBe(0);
  }, 240_000);
});
