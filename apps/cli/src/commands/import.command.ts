import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliIo, EXIT, type ExitCode, UsageError } from '../cli-io.js';
import { type ImportAnswer, ServerClient } from '../server-client.js';

export const IMPORT_HELP = `usage: twin import netbox|csv FILE --server URL --key KEY --fleet NAME [--json]

Creates or updates routers of a server's twin in bulk, by hostname, from a NetBox device list (the JSON of
GET /api/dcim/devices/) or a CSV file (header hostname,model,serial,version,redundancy,fleet,labels). Prints
one line per row (created, updated, unchanged, or refused with its reason) and a summary.
  --server URL   the asr-twin server (or TWIN_SERVER)
  --key KEY      an API key of role admin (or TWIN_API_KEY)
  --fleet NAME   the fleet (name or id) for rows that name none (or TWIN_FLEET)
  --json         print the server's answer as JSON instead
Exit codes: 0 every row applied or unchanged, 1 a row was refused, 2 invalid input or arguments,
3 infrastructure error.`;

export interface ImportOptions {
  readonly format: 'netbox' | 'csv';
  readonly file: string;
  readonly fleet: string;
  readonly server: { readonly url: string; readonly key: string };
  readonly json: boolean;
}

function rowLine(format: ImportOptions['format'], r: ImportAnswer['rows'][number]): string {
  const where = format === 'csv' ? `line ${r.row}` : `device ${r.row}`;
  const detail = r.outcome === 'refused' ? `: ${r.reason ?? ''}` : r.changed?.length ? ` (${r.changed.join(', ')})` : '';
  const warnings = (r.warnings ?? []).map((w) => `\n    warning: ${w}`).join('');
  return `${where}  ${r.hostname ?? '(no hostname)'}  ${r.outcome}${detail}${warnings}`;
}

export async function importCommand(options: ImportOptions, io: CliIo): Promise<ExitCode> {
  let content: string;
  try {
    content = await readFile(resolve(io.cwd, options.file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${options.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (options.format === 'netbox') {
    try {
      JSON.parse(content);
    } catch (error) {
      throw new UsageError(`${options.file}: not JSON (${(error as Error).message}); a NetBox device list is the JSON of GET /api/dcim/devices/`);
    }
  }
  const client = new ServerClient(options.server.url, options.server.key);
  const answer = await client.importInventory(options.fleet, options.format, content);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  } else {
    for (const w of answer.warnings) io.stdout.write(`warning: ${w}\n`);
    for (const r of answer.rows) io.stdout.write(`${rowLine(options.format, r)}\n`);
    const s = answer.summary;
    io.stdout.write(
      `${options.file} into fleet ${answer.fleet.name}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.refused} refused\n`,
    );
  }
  return answer.summary.refused > 0 ? EXIT.failed : EXIT.ok;
}
