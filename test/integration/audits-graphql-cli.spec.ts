import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, type RunningApi } from '../support/api.js';
import { type AuditStack, type ReportRouter, startAuditStack } from '../support/audits.js';
import { codes, gql, subscribe, wsClient } from '../support/graphql.js';
import { freePort, spawnNode } from '../support/processes.js';

/** Risk audits through GraphQL (mutation, queries, subscription) and the `twin audit` command. */
let stack: AuditStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startAuditStack('auditsgql');
  api = stack.api;
}, 60_000);
afterAll(() => stack?.stop());

describe('audits over GraphQL', () => {
  interface GqlAudit {
    id: string;
    status: string;
    cells: string[];
    summary: { exposedRouters: number; byCause: { cause: string; routers: number }[]; byCell: { cell: string; routers: number }[] } | null;
    matrix: {
      total: number;
      items: { hostname: string; exposed: boolean; causes: string[]; exposure: string; cells: { cell: string; exposed: boolean; applicable: boolean }[] }[];
    };
  }

  it('starts an audit by mutation, follows it by auditProgress, and reads the summary and the paginated matrix', async () => {
    const client = wsClient(api.url, api.adminKey);
    const progress = subscribe<{ auditId: string; status: string; routersDone: number; routerCount: number | null; exposedRouters: number }>(
      client,
      'subscription { auditProgress { auditId status routersDone routerCount exposedRouters } }',
      'auditProgress',
    );
    await new Promise((r) => setTimeout(r, 500));
    const started = await gql<{ startAudit: { id: string; status: string } }>(
      api.url,
      'mutation { startAudit(input: { hostnames: ["ok-1", "ok-2", "simplex-1", "small-1"], faults: ["iosd-crash", "esp-failure"] }) { id status } }',
      {},
      api.adminKey,
    );
    expect(started.errors).toEqual([]);
    const id = started.data!.startAudit.id;
    const done = await progress.waitFor((e) => e.auditId === id && e.status === 'completed', 60_000);
    expect(done).toEqual({ auditId: id, status: 'completed', routersDone: 4, routerCount: 4, exposedRouters: 2 });
    progress.stop();
    await client.dispose();

    const read = await gql<{ audit: GqlAudit }>(
      api.url,
      `query ($id: ID!) { audit(id: $id) { id status cells summary { exposedRouters byCause { cause routers } byCell { cell routers } }
         matrix(exposedOnly: true, limit: 1, offset: 1) { total items { hostname exposed causes exposure cells { cell exposed applicable } } } } }`,
      { id },
      api.adminKey,
    );
    expect(read.errors).toEqual([]);
    const audit = read.data!.audit;
    expect(audit.cells).toEqual(['iosd-crash@active', 'iosd-crash@standby', 'esp-failure@active', 'esp-failure@standby']);
    expect(audit.summary?.byCause).toEqual([
      { cause: 'simplex', routers: 1 },
      { cause: 'single ESP', routers: 1 },
    ]);
    expect(audit.summary?.byCell).toEqual([
      { cell: 'iosd-crash@active', routers: 1 },
      { cell: 'iosd-crash@standby', routers: 0 },
      { cell: 'esp-failure@active', routers: 1 },
      { cell: 'esp-failure@standby', routers: 0 },
    ]);
    expect(audit.matrix.total).toBe(2);
    expect(audit.matrix.items).toHaveLength(1);
    expect(audit.matrix.items[0]).toMatchObject({ hostname: 'small-1', exposed: true, causes: ['single ESP'], exposure: '..x-' });
    expect(audit.matrix.items[0]?.cells[3]).toEqual({ cell: 'esp-failure@standby', exposed: false, applicable: false });
    const list = await gql<{ audits: { total: number; items: { id: string }[] } }>(api.url, '{ audits(limit: 1) { total items { id } } }', {}, api.adminKey);
    expect(list.data!.audits.items[0]?.id).toBe(id);
  });

  it('refuses startAudit to a viewer and bad input as a validation error', async () => {
    const viewer = (await createKey(api, 'gql-audit-viewer', 'viewer')).key;
    const refused = await gql(api.url, 'mutation { startAudit(input: { fleet: "risk" }) { id } }', {}, viewer);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const bad = await gql(api.url, 'mutation { startAudit(input: { fleet: "risk", faults: ["nope"] }) { id } }', {}, api.adminKey);
    expect(codes(bad)).toEqual(['VALIDATION_FAILED']);
    const empty = await gql(api.url, 'mutation { startAudit(input: {}) { id } }', {}, api.adminKey);
    expect(codes(empty)).toEqual(['VALIDATION_FAILED']);
    expect((await gql<{ audit: null }>(api.url, '{ audit(id: "nope") { id } }', {}, viewer)).data?.audit).toBeNull();
  });
});

describe('twin audit', () => {
  async function twin(args: string[]) {
    const p = spawnNode(['apps/cli/bin/twin.js', 'audit', ...args], {});
    let stdout = '';
    p.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const { code } = await p.exited;
    return { code, stdout, output: p.output() };
  }
  const server = () => ['--server', api.url, '--key', api.adminKey];

  it('prints the exposure by cause and the exposed routers, writes JUnit, and exits 1 when a router is exposed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twin-audit-'));
    const junit = join(dir, 'audit.xml');
    const r = await twin([...server(), '--hostname', 'ok-1', '--hostname', 'cold-1', '--hostname', 'small-1', '--junit', junit]);
    expect(r.code, r.output).toBe(1);
    expect(r.stdout).toMatch(/: 3 router\(s\) × 15 single fault\(s\): 2 exposed to at least one/);
    expect(r.stdout).toMatch(/^ +1 {2}peer STANDBY COLD-BULK$/m);
    expect(r.stdout).toMatch(/^ {2}cold-1 {2}ASR1006 {2}peer STANDBY COLD-BULK {2}\(iosd-crash@active, /m);
    expect(r.stdout).not.toMatch(/^ {2}ok-1 /m);
    // Not a terminal: plain progress lines on stderr, no bar.
    expect(r.output).toMatch(/audit \S+: 3\/3 routers, 2 exposed/);
    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(45);
  });

  it('exits 2 when no router matches, and prints the report as JSON with exit 0 when no router is exposed', async () => {
    const r = await twin([...server(), '--fleet', 'risk', '--label', 'none=here', '--hostname', 'ok-1', '--json']);
    expect(r.code, r.output).toBe(2);
    expect(r.output).toMatch(/no router matches/);
    const ok = await twin([...server(), '--hostname', 'ok-1', '--hostname', 'ok-2', '--faults', 'iosd-crash,vm-crash', '--json']);
    expect(ok.code, ok.output).toBe(0);
    const report = JSON.parse(ok.stdout) as { cells: string[]; routers: ReportRouter[] };
    expect(report.cells).toEqual(['iosd-crash@active', 'iosd-crash@standby', 'vm-crash@active', 'vm-crash@standby']);
    expect(report.routers.map((x) => x.exposed)).toEqual([false, false]);
  });

  it('exits 2 on bad input and 3 when the server cannot be reached', async () => {
    const badFault = await twin([...server(), '--fleet', 'risk', '--faults', 'iosd-crsh']);
    expect(badFault.code).toBe(2);
    expect(badFault.output).toMatch(/faults\.0: /);
    expect((await twin([...server()])).code).toBe(2);
    expect((await twin(['--fleet', 'risk'])).code).toBe(2);
    expect((await twin([...server(), '--fleet', 'risk', '--label', 'novalue'])).code).toBe(2);
    const port = await freePort();
    const down = await twin(['--server', `http://127.0.0.1:${port}`, '--key', 'k', '--fleet', 'risk']);
    expect(down.code).toBe(3);
    expect(down.output).toContain('cannot reach the server');
  });
});
