import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliIo, EXIT, type ExitCode, UsageError } from '../cli-io.js';
import { Progress } from '../progress.js';
import { type ObservationItemResult, ServerClient } from '../server-client.js';
import { batchesOf, type CaptureFile, findCaptureFiles } from '../sync/capture-files.js';

export const SYNC_HELP = `usage: twin sync <dir> --server URL --key KEY [--batch N] [--observed-at mtime|now]

Uploads a folder of captured device output to the twin (POST /api/v1/observations), in the layouts collection
tools write: <hostname>/<command>.txt and <hostname>_<command>.txt, command words separated by spaces, "_" or
"-" (show_redundancy.txt, show-platform.txt, "sh red.txt"); .log and .out work too. A file in a hostname
directory whose name is no command (session.txt) is sent as a paste of one or more outputs with their prompt
lines. A router's files go in one request, so they update it together. Needs an API key of role operator.
  --server URL  the asr-twin server (or TWIN_SERVER)
  --key KEY     the API key (or TWIN_API_KEY)
  --batch N     files per request (1–50000, default 3000); requests also stay under 32 MB
  --observed-at when each output was seen: mtime (default; the file's modification time, which the
                collector set when it wrote the capture) or now (the time the server receives it).
                Uptimes and times in state count back from it, so syncing the same captures again
                later changes nothing; a capture older than the router's last observation is refused.
Prints one line per file that was refused, unknown or skipped, and a summary. A progress bar on a terminal,
plain progress lines otherwise.
Exit codes: 0 every file applied or unchanged, 1 a file refused, of an unknown router or skipped, 2 invalid
input, 3 infrastructure error.`;

/** Bytes per request at most (the server takes 128 MB by default). */
const MAX_BATCH_BYTES = 32 * 1024 * 1024;
/** The server's limit per output (characters; device output is ASCII): larger files are skipped, not sent. */
const MAX_FILE_BYTES = 262_144;

/** Where a capture's observation time comes from: its file's modification time, or the server's clock. */
export type ObservedAtSource = 'mtime' | 'now';

export interface SyncOptions {
  readonly server: { readonly url: string; readonly key: string };
  readonly batch: number;
  /** Default `mtime`: the printed uptimes then count back from the capture, not from the upload. */
  readonly observedAt?: ObservedAtSource;
}

type Counts = Record<ObservationItemResult['outcome'] | 'skipped', number>;

function line(file: CaptureFile, r: ObservationItemResult): string {
  const why = r.outcome === 'refused' ? ` ${r.code ?? ''}: ${r.reason ?? ''}` : `: ${r.reason ?? ''}`;
  return `${file.name}: ${r.outcome}${why}`;
}

async function sized(files: readonly CaptureFile[]): Promise<(CaptureFile & { size: number; mtimeMs: number })[]> {
  return Promise.all(
    files.map(async (f) => {
      const s = await stat(f.path);
      return { ...f, size: s.size, mtimeMs: s.mtimeMs };
    }),
  );
}

/**
 * `twin sync DIR`: finds the capture files, reads and posts them batch by batch (only one batch in memory),
 * and reports every file that did not apply. Exit 1 when any file was refused, unknown or skipped. Each item
 * carries its file's modification time as `observedAt` (unless `--observed-at now`): a device prints durations
 * (uptime, time in state) relative to the moment it was asked, so the server must count them back from the
 * capture, not from the upload, or a second sync of the same captures minutes later would move every origin.
 */
export async function syncCommand(dir: string | undefined, options: SyncOptions, io: CliIo): Promise<ExitCode> {
  if (!dir) throw new UsageError(`twin sync needs a directory\n${SYNC_HELP}`);
  const root = resolve(io.cwd, dir);
  if (
    !(await stat(root).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    throw new UsageError(`${dir} is not a directory`);
  const client = new ServerClient(options.server.url, options.server.key);
  const found = await findCaptureFiles(root);
  const all = await sized(found.files);
  const files = all.filter((f) => f.size <= MAX_FILE_BYTES);
  const skipped = [
    ...found.skipped,
    ...all.filter((f) => f.size > MAX_FILE_BYTES).map((f) => ({ name: f.name, reason: `${f.size} bytes; an output may hold ${MAX_FILE_BYTES}` })),
  ];
  if (files.length === 0) throw new UsageError(`${dir} holds no capture files (<hostname>/<command>.txt or <hostname>_<command>.txt)`);
  const counts: Counts = { applied: 0, unchanged: 0, refused: 0, 'unknown-router': 0, skipped: skipped.length };
  for (const s of skipped) io.stdout.write(`${s.name}: skipped: ${s.reason}\n`);
  const byMtime = (options.observedAt ?? 'mtime') === 'mtime';
  const progress = new Progress(io.stderr, files.length, 'files');
  let done = 0;
  for (const batch of batchesOf(files, options.batch, MAX_BATCH_BYTES)) {
    const items = await Promise.all(
      batch.map(async (f) => ({
        hostname: f.hostname,
        ...(f.command ? { command: f.command } : {}),
        output: await readFile(f.path, 'utf8'),
        ...(byMtime ? { observedAt: new Date(Math.round(f.mtimeMs)).toISOString() } : {}),
      })),
    );
    const results = await client.observe(items);
    results.forEach((r, i) => {
      counts[r.outcome] += 1;
      if (r.outcome === 'refused' || r.outcome === 'unknown-router') {
        progress.clear();
        io.stdout.write(`${line(batch[i]!, r)}\n`);
      }
    });
    done += batch.length;
    if (progress.enabled) progress.update(done);
    else io.stderr.write(`twin sync: ${done}/${files.length} files sent\n`);
  }
  progress.clear();
  const routers = new Set(files.map((f) => f.hostname)).size;
  io.stdout.write(
    `${files.length} files of ${routers} routers: ${counts.applied} applied, ${counts.unchanged} unchanged, ${counts.refused} refused, ` +
      `${counts['unknown-router']} of unknown routers; ${counts.skipped} skipped\n`,
  );
  return counts.refused + counts['unknown-router'] + counts.skipped > 0 ? EXIT.failed : EXIT.ok;
}
