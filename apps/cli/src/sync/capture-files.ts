import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { commandFromCommandLine, type ShowCommand } from '@asr-twin/ios-cli';

/** Extensions collection tools give captured output. */
const EXTENSIONS = /\.(txt|log|out)$/i;

/** A captured output file and what its path says. */
export interface CaptureFile {
  /** Path relative to the synced directory, for messages. */
  readonly name: string;
  readonly path: string;
  readonly hostname: string;
  /** The command its name says; `undefined` in a hostname directory for a paste of several (the server reads it). */
  readonly command?: ShowCommand;
}

/** A file whose name says neither layout: reported, not sent. */
export interface SkippedFile {
  readonly name: string;
  readonly reason: string;
}

/** The command a file name (without extension) spells, words separated by spaces, `_` or `-`: `show_redundancy`, `sh red`. */
export function commandOfName(stem: string): ShowCommand | undefined {
  return commandFromCommandLine(stem.replace(/[\s_-]+/g, ' '));
}

/**
 * Hostname and command of a flat `<hostname>_<command>` name: the command is the longest tail, starting after a
 * separator, that spells one of the commands (hostnames may hold `_` and `-` themselves: `ams-edge_01_show-version`).
 */
export function splitFlatName(stem: string): { hostname: string; command: ShowCommand } | undefined {
  for (let i = 1; i < stem.length; i++) {
    if (!/[\s_-]/.test(stem[i - 1] ?? '') || /[\s_-]/.test(stem[i] ?? '')) continue;
    const command = commandOfName(stem.slice(i));
    const hostname = stem.slice(0, i).replace(/[\s_-]+$/, '');
    if (command && hostname !== '') return { hostname, command };
  }
  return undefined;
}

function stemOf(file: string): string {
  return file.replace(EXTENSIONS, '');
}

/**
 * The captured outputs in `dir`, in the two layouts collection tools write: `<hostname>/<command>.txt` (a file
 * in a hostname directory whose name is no command is sent as a paste for the server to read), and
 * `<hostname>_<command>.txt` at the top. Sorted by hostname, so a router's files come together. Hidden entries
 * and other extensions are ignored; top-level text files whose name holds no command are skipped.
 */
export async function findCaptureFiles(dir: string): Promise<{ files: CaptureFile[]; skipped: SkippedFile[] }> {
  const files: CaptureFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const inner of await readdir(path, { withFileTypes: true })) {
        if (!inner.isFile() || inner.name.startsWith('.') || !EXTENSIONS.test(inner.name)) continue;
        const command = commandOfName(stemOf(inner.name));
        const innerPath = join(path, inner.name);
        files.push({ name: relative(dir, innerPath), path: innerPath, hostname: entry.name, ...(command ? { command } : {}) });
      }
    } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
      const split = splitFlatName(stemOf(entry.name));
      if (split) files.push({ name: entry.name, path, ...split });
      else skipped.push({ name: entry.name, reason: 'the name is not <hostname>_<command>.txt (e.g. edge-01_show_redundancy.txt)' });
    }
  }
  files.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.name < b.name ? -1 : 1));
  return { files, skipped };
}

/**
 * The files cut into batches of at most `maxItems` files and about `maxBytes` bytes (by file size), never
 * splitting a router's files: the server combines one router's items of a request into one update.
 */
export function batchesOf<T extends { readonly hostname: string; readonly size: number }>(files: readonly T[], maxItems: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (let i = 0; i < files.length;) {
    let j = i;
    let groupBytes = 0;
    while (j < files.length && files[j]!.hostname === files[i]!.hostname) groupBytes += files[j++]!.size;
    const group = files.slice(i, j);
    if (current.length > 0 && (current.length + group.length > maxItems || bytes + groupBytes > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...group);
    bytes += groupBytes;
    i = j;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
