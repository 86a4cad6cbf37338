import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../support/api.js';
import { freePort, spawnNode } from '../support/processes.js';
import { type RunStack, startRunStack } from '../support/runs.js';

/** `twin run --server`: the real CLI process against a real api and worker. */
let stack: RunStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRunStack('cli');
  api = stack.api;
});
afterAll(() => stack?.stop());

async function twin(args: string[], env: Record<string, string> = {}) {
  const p = spawnNode(['apps/cli/bin/twin.js', ...args], env);
  const { code } = await p.exited;
  return { code, output: p.output() };
}

const FILES = ['examples/iosd-crash.yaml', 'examples/issu.yaml', 'examples/power-loss.yaml'];

describe('twin run --server', () => {
  it('gives the same reports as the embedded simulator for the same scenarios and seed', async () => {
    const embedded = await twin(['run', ...FILES, '--json', '--seed', '1234']);
    const served = await twin(['run', ...FILES, '--json', '--seed', '1234', '--server', api.url, '--key', api.adminKey]);
    expect(served.code).toBe(0);
    expect(embedded.code).toBe(0);
    expect(JSON.parse(served.output)).toEqual(JSON.parse(embedded.output));
    expect(served.output).toBe(embedded.output);
  });

  it('runs declared starting states on the server as embedded, and --start healthy on both', async () => {
    const files = ['examples/starting-state.yaml', 'examples/starting-state-esp.yaml'];
    const embedded = await twin(['run', ...files, '--json']);
    const served = await twin(['run', ...files, '--json', '--server', api.url, '--key', api.adminKey]);
    expect(embedded.code).toBe(0);
    expect(served.output).toBe(embedded.output);
    const healthyEmbedded = await twin(['run', ...files, '--json', '--start', 'healthy']);
    const healthyServed = await twin(['run', ...files, '--json', '--start', 'healthy', '--server', api.url, '--key', api.adminKey]);
    expect(healthyEmbedded.code).toBe(1);
    expect(healthyServed.code).toBe(1);
    expect(healthyServed.output).toBe(healthyEmbedded.output);
    expect(healthyServed.output).not.toBe(served.output);
    const bad = await twin(['run', files[0] as string, '--start', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--start must be twin or healthy');
  });

  it('takes the server and key from TWIN_SERVER and TWIN_API_KEY, and exits 1 on a failed expectation', async () => {
    const r = await twin(['run', 'test/fixtures/scenarios/failing-expectation.yaml'], { TWIN_SERVER: api.url, TWIN_API_KEY: api.adminKey });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/single-rp-panic-r1: dataPlaneOutage observed \S+, limit max 1s/);
  });

  it('streams the JUnit XML from the server: the same document as the embedded one, but for the times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-junit-'));
    const files = [...FILES, 'test/fixtures/scenarios/failing-expectation.yaml'];
    const embedded = await twin(['run', ...files, '--seed', '7', '--junit', join(dir, 'embedded.xml')]);
    const served = await twin(['run', ...files, '--seed', '7', '--junit', join(dir, 'served.xml'), '--server', api.url, '--key', api.adminKey]);
    expect(embedded.code).toBe(1);
    expect(served.code).toBe(1);
    const untimed = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/ time="[0-9.]+"/g, '');
    expect(untimed('served.xml')).toBe(untimed('embedded.xml'));
    expect(untimed('served.xml')).toMatch(/<testcase [^>]*file="test\/fixtures\/scenarios\/failing-expectation\.yaml" line="\d+"/);
    // The summary and the failure lines, read from the stream, are the embedded ones but for the wall time.
    const summary = (out: string) => out.replace(/\(.* of wall time\)/, '');
    expect(summary(served.output)).toBe(summary(embedded.output));
    // The parts the document was assembled from are gone.
    expect(readdirSync(dir).sort()).toEqual(['embedded.xml', 'served.xml']);
  });

  it('exits 2 when the server refuses the key and 3 when it cannot be reached', async () => {
    const refused = await twin(['run', FILES[0] as string, '--server', api.url, '--key', 'atw_wrongwrongwr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/the server refused the API key \(401 UNAUTHENTICATED/);
    const port = await freePort();
    const unreachable = await twin(['run', FILES[0] as string, '--server', `http://127.0.0.1:${port}`, '--key', 'k']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.output).toContain(`cannot reach the server at http://127.0.0.1:${port} (ECONNREFUSED)`);
    const noKey = await twin(['run', FILES[0] as string, '--server', api.url]);
    expect(noKey.code).toBe(2);
  });
});
