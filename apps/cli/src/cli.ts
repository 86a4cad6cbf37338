import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '@asr-twin/config';
import { DomainError, isStartMode } from '@asr-twin/domain';
import { type CliIo, EXIT, type ExitCode, InfrastructureError, UsageError } from './cli-io.js';
import { AUDIT_HELP, auditCommand, type AuditOptions } from './commands/audit.command.js';
import { FORECAST_HELP, forecastCommand } from './commands/forecast.command.js';
import { IMPORT_HELP, importCommand } from './commands/import.command.js';
import { KEYS_HELP } from './commands/keys.help.js';
import { RUN_HELP, runCommand } from './commands/run.command.js';
import { RATES_HELP, ratesCommand } from './commands/rates.command.js';
import { SHOW_DEFAULTS, SHOW_HELP, showCommand } from './commands/show.command.js';
import { SYNC_HELP, syncCommand } from './commands/sync.command.js';
import { TIMINGS_HELP, timingsCommand } from './commands/timings.command.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate.command.js';

export const HELP = `twin — the asr-twin command line

usage: twin <command> [options]
       twin --version

commands:
  run <files…>            run scenario files (embedded, or on a server); JUnit and JSON reports
  audit                   risk audit on a server: every single fault on every selected router
  validate <files…>       check scenario files (errors as file:line:col: message)
  timings                 every timing key of the simulator with default, unit and source
  forecast [fleet file]   availability forecast (embedded, or on a server): expected annual downtime, causes, what-ifs
  rates                   every failure class of the forecast with MTBF/FIT, repair model and source
  show <model> <command>  show output of a fresh twin router (redundancy, redundancy-states, version, platform)
  sync <dir>              upload a folder of captured device output to a server (twin state and freshness)
  keys create|list|revoke API keys of the server's database (DATABASE_URL)
  import netbox|csv FILE  create or update routers of a server in bulk from NetBox or CSV

Run "twin <command> --help" for a command's options.`;

const HELPS: Readonly<Record<string, string>> = {
  run: RUN_HELP,
  audit: AUDIT_HELP,
  validate: VALIDATE_HELP,
  timings: TIMINGS_HELP,
  forecast: FORECAST_HELP,
  rates: RATES_HELP,
  show: SHOW_HELP,
  sync: SYNC_HELP,
  keys: KEYS_HELP,
  import: IMPORT_HELP,
};

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

function parse(args: readonly string[], options: OptionSpec): Parsed {
  try {
    const r = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
}

async function dispatch(command: string, rest: readonly string[], io: CliIo): Promise<ExitCode> {
  switch (command) {
    case 'run': {
      const { values: v, positionals } = parse(rest, {
        json: { type: 'boolean' },
        junit: { type: 'string' },
        seed: { type: 'string' },
        iterations: { type: 'string' },
        start: { type: 'string' },
        server: { type: 'string' },
        key: { type: 'string' },
      });
      if (v['help']) return help(io, RUN_HELP);
      const start = (v['start'] as string | undefined) ?? 'twin';
      if (!isStartMode(start)) throw new UsageError(`--start must be twin or healthy; found "${start}"`);
      const seed = integer(v['seed'] as string | undefined, 'seed', 0, 4_294_967_295);
      const iterations = integer(v['iterations'] as string | undefined, 'iterations', 1, 10_000) ?? 1;
      const junit = v['junit'] as string | undefined;
      const server = serverOf(v, io);
      return runCommand(
        positionals,
        { json: v['json'] === true, iterations, start, ...(seed === undefined ? {} : { seed }), ...(junit ? { junit } : {}), ...(server ? { server } : {}) },
        io,
      );
    }
    case 'audit': {
      const { values: v, positionals } = parse(rest, {
        fleet: { type: 'string' },
        model: { type: 'string' },
        label: { type: 'string', multiple: true },
        hostname: { type: 'string', multiple: true },
        faults: { type: 'string' },
        horizon: { type: 'string' },
        seed: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'boolean' },
        server: { type: 'string' },
        key: { type: 'string' },
      });
      if (v['help']) return help(io, AUDIT_HELP);
      if (positionals.length > 0) throw new UsageError(`twin audit takes no file arguments (got ${positionals.join(' ')})`);
      const server = serverOf(v, io);
      if (!server) throw new UsageError('twin audit runs on a server: --server URL --key KEY (or TWIN_SERVER and TWIN_API_KEY)');
      const seed = integer(v['seed'] as string | undefined, 'seed', 0, 4_294_967_295);
      return auditCommand({ server, json: v['json'] === true, selector: selectorOf(v), ...optionalAuditFlags(v), ...(seed === undefined ? {} : { seed }) }, io);
    }
    case 'validate': {
      const { values: v, positionals } = parse(rest, {});
      return v['help'] ? help(io, VALIDATE_HELP) : validateCommand(positionals, io);
    }
    case 'timings': {
      const { values: v } = parse(rest, { json: { type: 'boolean' } });
      return v['help'] ? help(io, TIMINGS_HELP) : timingsCommand({ json: v['json'] === true }, io);
    }
    case 'rates': {
      const { values: v } = parse(rest, { json: { type: 'boolean' } });
      return v['help'] ? help(io, RATES_HELP) : ratesCommand({ json: v['json'] === true }, io);
    }
    case 'forecast': {
      const { values: v, positionals } = parse(rest, {
        period: { type: 'string' },
        trials: { type: 'string' },
        seed: { type: 'string' },
        rates: { type: 'string' },
        'what-if': { type: 'string', multiple: true },
        json: { type: 'boolean' },
        out: { type: 'string' },
        server: { type: 'string' },
        key: { type: 'string' },
        fleet: { type: 'string' },
        model: { type: 'string' },
        label: { type: 'string', multiple: true },
        hostname: { type: 'string', multiple: true },
      });
      if (v['help']) return help(io, FORECAST_HELP);
      const server = serverOf(v, io);
      const selecting = ['fleet', 'model', 'label', 'hostname'].some((name) => v[name] !== undefined);
      if (!server && selecting)
        throw new UsageError(
          '--fleet, --model, --label and --hostname choose routers of a server: give --server URL --key KEY (or TWIN_SERVER and TWIN_API_KEY)',
        );
      if (positionals.length > 1) throw new UsageError(`twin forecast takes at most one fleet file, got ${positionals.length}`);
      const seed = integer(v['seed'] as string | undefined, 'seed', 0, 4_294_967_295);
      const trials = integer(v['trials'] as string | undefined, 'trials', 2, 100_000);
      const str = (name: string): string | undefined => v[name] as string | undefined;
      const file = positionals[0];
      return forecastCommand(
        {
          whatIf: (v['what-if'] as string[] | undefined) ?? [],
          json: v['json'] === true,
          ...(file === undefined ? {} : { file }),
          ...(str('period') === undefined ? {} : { period: str('period') as string }),
          ...(str('rates') === undefined ? {} : { rates: str('rates') as string }),
          ...(str('out') === undefined ? {} : { out: str('out') as string }),
          ...(seed === undefined ? {} : { seed }),
          ...(trials === undefined ? {} : { trials }),
          ...(server ? { server, selector: selectorOf(v, 'twin forecast --server') } : {}),
        },
        io,
      );
    }
    case 'show': {
      const { values: v, positionals } = parse(rest, { hostname: { type: 'string' }, redundancy: { type: 'string' }, version: { type: 'string' } });
      if (v['help']) return help(io, SHOW_HELP);
      const [model, ...words] = positionals;
      if (!model || words.length === 0) throw new UsageError(`twin show needs a model and a command\n${SHOW_HELP}`);
      return showCommand(
        {
          model,
          command: words.join(' '),
          hostname: (v['hostname'] as string | undefined) ?? SHOW_DEFAULTS.hostname,
          redundancy: (v['redundancy'] as string | undefined) ?? SHOW_DEFAULTS.redundancy,
          ...(v['version'] === undefined ? {} : { version: v['version'] as string }),
        },
        io,
      );
    }
    case 'sync': {
      const { values: v, positionals } = parse(rest, {
        server: { type: 'string' },
        key: { type: 'string' },
        batch: { type: 'string' },
        'observed-at': { type: 'string' },
      });
      if (v['help']) return help(io, SYNC_HELP);
      if (positionals.length > 1) throw new UsageError(`twin sync takes one directory, got ${positionals.length}`);
      const server = serverOf(v, io);
      if (!server) throw new UsageError('twin sync needs a server: --server URL (or TWIN_SERVER) and --key KEY');
      const batch = integer(v['batch'] as string | undefined, 'batch', 1, 50_000) ?? 3000;
      const observedAt = (v['observed-at'] as string | undefined) ?? 'mtime';
      if (observedAt !== 'mtime' && observedAt !== 'now') throw new UsageError(`--observed-at takes mtime or now, got "${observedAt}"`);
      return syncCommand(positionals[0], { server, batch, observedAt }, io);
    }
    case 'import': {
      const { values: v, positionals } = parse(rest, {
        server: { type: 'string' },
        key: { type: 'string' },
        fleet: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (v['help']) return help(io, IMPORT_HELP);
      const [format, file, ...extra] = positionals;
      if ((format !== 'netbox' && format !== 'csv') || !file || extra.length > 0)
        throw new UsageError(`twin import needs netbox or csv and one file\n${IMPORT_HELP}`);
      const server = serverOf(v, io);
      if (!server) throw new UsageError('twin import needs --server URL (or TWIN_SERVER)');
      const fleet = (v['fleet'] as string | undefined) ?? io.env?.['TWIN_FLEET'];
      if (!fleet) throw new UsageError('twin import needs --fleet NAME (or TWIN_FLEET): the fleet for rows that name none');
      return importCommand({ format, file, fleet, server, json: v['json'] === true }, io);
    }
    case 'keys': {
      if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) return help(io, KEYS_HELP);
      // Loaded on demand: it brings the database layer, which no other command needs.
      const { runKeysCommand } = await import('./commands/keys.command.js');
      const config = loadConfig(io.env ?? {});
      const output = await runKeysCommand(config.database.url, rest, (line) => io.stderr.write(`${line}\n`), config.redis);
      io.stdout.write(`${output}\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${HELP}`);
  }
}

/** `--server`/`TWIN_SERVER` and `--key`/`TWIN_API_KEY`; a server without a key is a usage error. */
function serverOf(v: Parsed['values'], io: CliIo): { url: string; key: string } | undefined {
  const url = (v['server'] as string | undefined) ?? io.env?.['TWIN_SERVER'];
  const key = (v['key'] as string | undefined) ?? io.env?.['TWIN_API_KEY'];
  if (url === undefined || url === '') {
    if (v['key'] !== undefined) throw new UsageError('--key goes with --server');
    return undefined;
  }
  if (!key) throw new UsageError('--server needs an API key: --key KEY or TWIN_API_KEY');
  return { url, key };
}

/** `--fleet`, `--model`, `--label k=v` (repeatable) and `--hostname` (repeatable) as an audit selector. */
function selectorOf(v: Parsed['values'], command = 'twin audit'): AuditOptions['selector'] {
  const labels: Record<string, string> = {};
  for (const pair of (v['label'] as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--label takes key=value, not "${pair}"`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const hostnames = v['hostname'] as string[] | undefined;
  const selector = {
    ...(v['fleet'] === undefined ? {} : { fleet: v['fleet'] as string }),
    ...(v['model'] === undefined ? {} : { model: v['model'] as string }),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(hostnames?.length ? { hostnames } : {}),
  };
  if (Object.keys(selector).length === 0) throw new UsageError(`${command} needs routers: --fleet, --model, --label or --hostname`);
  return selector;
}

function optionalAuditFlags(v: Parsed['values']): Pick<AuditOptions, 'faults' | 'horizon' | 'junit'> {
  const faults = (v['faults'] as string | undefined)
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return {
    ...(faults ? { faults } : {}),
    ...(v['horizon'] === undefined ? {} : { horizon: v['horizon'] as string }),
    ...(v['junit'] === undefined ? {} : { junit: v['junit'] as string }),
  };
}

function help(io: CliIo, text: string): ExitCode {
  io.stdout.write(`${text}\n`);
  return EXIT.ok;
}

/** Runs one `twin` invocation and returns its exit code; errors are reported on stderr, never thrown. */
/** The installation's version (the root package.json, two folders above this app's src or dist). */
export function twinVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    io.stdout.write(`twin ${twinVersion()} (asr-twin; Node.js ${process.versions.node})\n`);
    return EXIT.ok;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    return help(io, (topic && HELPS[topic]) ?? HELP);
  }
  try {
    return await dispatch(command, rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DomainError) {
      io.stderr.write(`twin: ${error.message}\n`);
      return EXIT.invalid;
    }
    const message = error instanceof InfrastructureError || error instanceof Error ? error.message : String(error);
    io.stderr.write(`twin: ${message}\n`);
    return EXIT.infrastructure;
  }
}
