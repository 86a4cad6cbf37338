import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliIo, EXIT, type ExitCode, InfrastructureError, UsageError } from '../cli-io.js';
import { Progress } from '../progress.js';
import { type ServerAudit, ServerClient } from '../server-client.js';

export const AUDIT_HELP = `usage: twin audit --server URL --key KEY [--fleet F] [--model M] [--label k=v …] [--hostname H …]
                  [--faults a,b] [--horizon 1h] [--seed N] [--junit FILE] [--json]

Risk audit on a server: every single fault (each fault at each relevant target: active and standby unit,
active and standby host or ESP, the router) on every selected router, from its stored state. Prints the
routers exposed to at least one single fault, grouped by cause. The API key needs role operator.
  --fleet F        routers of a fleet (name or id)      --model M      of a chassis model
  --label k=v      with a label (repeatable)            --hostname H   named routers (repeatable)
  --faults a,b     faults to inject (default: every fault but power-loss and iosd-hang)
  --horizon D      simulated time after the fault at 60s (default 1h)
  --seed N         run seed (0–4294967295)
  --junit FILE     write JUnit XML: one test case per router × fault, failing when exposed
  --json           print the whole report (summary and matrix) as JSON
Exit codes: 0 no router exposed, 1 a router is exposed, 2 invalid input, 3 infrastructure error.`;

export interface AuditOptions {
  readonly server: { readonly url: string; readonly key: string };
  readonly selector: { fleet?: string; model?: string; labels?: Record<string, string>; hostnames?: string[] };
  readonly faults?: readonly string[];
  readonly horizon?: string;
  readonly seed?: number;
  readonly junit?: string;
  readonly json: boolean;
}

/** Exposed routers listed by name in the text summary; the report (--json) has them all. */
const LISTED = 50;

async function follow(client: ServerClient, started: ServerAudit, io: CliIo): Promise<ServerAudit> {
  let audit = started;
  let bar: Progress | null = null;
  let lastLine = '';
  while (!['completed', 'failed', 'cancelled'].includes(audit.status)) {
    await new Promise((r) => setTimeout(r, 250));
    audit = await client.audit(audit.id);
    const { routersDone, routerCount, exposedRouters } = audit.progress;
    if (!routerCount) continue;
    bar ??= new Progress(io.stderr, routerCount, 'routers');
    if (bar.enabled) bar.update(routersDone, `${exposedRouters} exposed`);
    else {
      const line = `audit ${audit.id}: ${routersDone}/${routerCount} routers, ${exposedRouters} exposed`;
      if (line !== lastLine) io.stderr.write(`${line}\n`);
      lastLine = line;
    }
  }
  bar?.clear();
  return audit;
}

interface ExposedRow {
  readonly hostname: string;
  readonly model: string;
  readonly causes: readonly string[];
  readonly cells: readonly { readonly kind: string; readonly exposed?: boolean }[];
}

async function printSummary(client: ServerClient, audit: ServerAudit, io: CliIo): Promise<void> {
  const s = audit.summary;
  if (!s) return;
  const lines = [`audit ${audit.id}: ${s.routers} router(s) × ${audit.cells.length} single fault(s): ${s.exposedRouters} exposed to at least one`];
  if (s.errors > 0) lines.push(`  ${s.errors} cell(s) could not be simulated from the stored state`);
  if (s.byCause.length > 0) {
    lines.push('by cause:');
    for (const c of s.byCause) lines.push(`  ${String(c.routers).padStart(6)}  ${c.cause}`);
    lines.push('by fault:');
    for (const cell of audit.cells) if ((s.byCell[cell] ?? 0) > 0) lines.push(`  ${String(s.byCell[cell]).padStart(6)}  ${cell}`);
    const page = (await client.auditJson(audit.id, `matrix?exposed=true&limit=${LISTED}`)) as { total: number; items: ExposedRow[] };
    lines.push('exposed routers:');
    for (const r of page.items) {
      const faults = audit.cells.filter((_, k) => r.cells[k]?.exposed === true);
      lines.push(`  ${r.hostname}  ${r.model}  ${r.causes.join('; ')}  (${faults.join(', ')})`);
    }
    if (page.total > page.items.length) lines.push(`  … and ${page.total - page.items.length} more (--json for the whole matrix)`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

export async function auditCommand(options: AuditOptions, io: CliIo): Promise<ExitCode> {
  const client = new ServerClient(options.server.url, options.server.key);
  const body = {
    selector: options.selector,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.horizon ? { horizon: options.horizon } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const audit = await follow(client, await client.startAudit(body), io);
  if (audit.status !== 'completed') {
    const why = `audit ${audit.id} ${audit.status}${audit.error ? `: ${audit.error}` : ''}`;
    if (audit.error?.startsWith('no router matches')) throw new UsageError(why);
    throw new InfrastructureError(why);
  }
  if (options.junit) await writeFile(resolve(io.cwd, options.junit), await client.auditJunit(audit.id));
  if (options.json) io.stdout.write(`${JSON.stringify(await client.auditJson(audit.id, 'report'), null, 2)}\n`);
  else await printSummary(client, audit, io);
  return (audit.summary?.exposedRouters ?? 0) > 0 ? EXIT.failed : EXIT.ok;
}
