/**
 * Captured `show` output chosen in the browser (files, a folder, or a .tar/.tar.gz/.zip archive) turned into items
 * of `POST /api/v1/observations`, with the layouts `twin sync` reads: `<hostname>/<command>.txt` (a file in a
 * hostname folder whose name is no command is sent as a paste of several outputs) and `<hostname>_<command>.txt`.
 */

/** One file's text and its path (inside the folder or archive; just the name for a loose file). */
export interface CaptureText {
  readonly path: string;
  readonly text: string;
}

/** An item of the bulk observation request, with the file it came from. */
export interface CaptureItem {
  readonly file: string;
  readonly hostname: string;
  /** Spelled in full (`show version`); absent for a paste the server reads itself. */
  readonly command?: string;
  readonly output: string;
}

export interface SkippedCapture {
  readonly file: string;
  readonly reason: string;
}

const EXTENSIONS = /\.(txt|log|out)$/i;
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Each command's words, with the shortest abbreviation IOS takes for each. */
const COMMANDS: readonly (readonly (readonly [string, number])[])[] = [
  [
    ['show', 2],
    ['redundancy', 3],
    ['states', 3],
  ],
  [
    ['show', 2],
    ['redundancy', 3],
  ],
  [
    ['show', 2],
    ['version', 3],
  ],
  [
    ['show', 2],
    ['platform', 4],
  ],
];

/** The command a file name (without extension) spells, words separated by spaces, `_` or `-`: `show_redundancy`, `sh red`. */
export function commandOfName(stem: string): string | undefined {
  const words = stem
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter((w) => w !== '');
  const match = COMMANDS.find(
    (command) => command.length === words.length && command.every(([word, min], i) => (words[i] ?? '').length >= min && word.startsWith(words[i] ?? '')),
  );
  return match?.map(([word]) => word).join(' ');
}

/** Hostname and command of a flat `<hostname>_<command>` name (the command is the longest tail that spells one). */
export function splitFlatName(stem: string): { hostname: string; command: string } | undefined {
  for (let i = 1; i < stem.length; i++) {
    if (!/[\s_-]/.test(stem[i - 1] ?? '') || /[\s_-]/.test(stem[i] ?? '')) continue;
    const command = commandOfName(stem.slice(i));
    const hostname = stem.slice(0, i).replace(/[\s_-]+$/, '');
    if (command && hostname !== '') return { hostname, command };
  }
  return undefined;
}

/** What a capture's path says: its router and command, or why it is not sent. */
export function itemOf(capture: CaptureText): CaptureItem | SkippedCapture {
  const parts = capture.path.split('/').filter((p) => p !== '');
  const name = parts.at(-1) ?? capture.path;
  if (name.startsWith('.') || !EXTENSIONS.test(name)) return { file: capture.path, reason: 'not a capture: only .txt, .log and .out files are read' };
  const stem = name.replace(EXTENSIONS, '');
  const folder = parts.length >= 2 ? parts.at(-2) : undefined;
  const command = commandOfName(stem);
  if (folder !== undefined && (command !== undefined || splitFlatName(stem) === undefined)) {
    if (!HOSTNAME.test(folder)) return { file: capture.path, reason: `the folder "${folder}" is not a hostname` };
    return { file: capture.path, hostname: folder, ...(command ? { command } : {}), output: capture.text };
  }
  const split = splitFlatName(stem);
  if (split) return { file: capture.path, ...split, output: capture.text };
  return { file: capture.path, reason: 'the name is not <hostname>_<command>.txt (e.g. edge-01_show_redundancy.txt), nor in a folder named after the router' };
}

/** The items to send and the files skipped, a router's items together (the server applies them as one update). */
export function captureItems(captures: readonly CaptureText[]): { items: CaptureItem[]; skipped: SkippedCapture[] } {
  const items: CaptureItem[] = [];
  const skipped: SkippedCapture[] = [];
  for (const capture of captures) {
    const item = itemOf(capture);
    if ('reason' in item) skipped.push(item);
    else items.push(item);
  }
  items.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.file < b.file ? -1 : 1));
  return { items, skipped };
}

/** The items cut into requests of at most `max` items, never splitting a router's items. */
export function batchesOf<T extends { readonly hostname: string }>(items: readonly T[], max: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j]?.hostname === items[i]?.hostname) j++;
    if (current.length > 0 && current.length + (j - i) > max) {
      batches.push(current);
      current = [];
    }
    current.push(...items.slice(i, j));
    i = j;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const decoder = new TextDecoder();

async function inflate(bytes: Uint8Array, format: 'gzip' | 'deflate-raw'): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function text(bytes: Uint8Array, start: number, length: number): string {
  const raw = bytes.subarray(start, start + length);
  const end = raw.indexOf(0);
  return decoder.decode(end < 0 ? raw : raw.subarray(0, end));
}

/** The regular files of a POSIX (ustar) tar archive; GNU long names and pax headers are honoured. */
export function tarEntries(bytes: Uint8Array): CaptureText[] {
  const files: CaptureText[] = [];
  let longName: string | null = null;
  for (let at = 0; at + 512 <= bytes.length;) {
    if (bytes.subarray(at, at + 512).every((b) => b === 0)) break;
    const size = Number.parseInt(text(bytes, at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(bytes[at + 156] ?? 0);
    const prefix = text(bytes, at + 257, 6).startsWith('ustar') ? text(bytes, at + 345, 155) : '';
    const body = bytes.subarray(at + 512, at + 512 + size);
    const name = longName ?? (prefix ? `${prefix}/${text(bytes, at, 100)}` : text(bytes, at, 100));
    longName = null;
    if (type === 'L') longName = decoder.decode(body).replace(/\0+$/, '');
    else if (type === 'x') longName = /\d+ path=([^\n]*)\n/.exec(decoder.decode(body))?.[1] ?? null;
    else if (type === '0' || type === '\0') files.push({ path: name, text: decoder.decode(body) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The files of a zip archive (stored or deflated), read through its central directory. */
export async function zipEntries(bytes: Uint8Array): Promise<CaptureText[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive: no central directory');
  const count = view.getUint16(end + 10, true);
  const files: CaptureText[] = [];
  for (let n = 0, at = view.getUint32(end + 16, true); n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('damaged zip archive: a central directory entry is missing');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith('/')) continue;
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(data, data + compressed);
    if (method !== 0 && method !== 8) throw new Error(`${name}: zip compression method ${method} is not supported (only stored and deflate)`);
    files.push({ path: name, text: decoder.decode(method === 0 ? raw : await inflate(raw, 'deflate-raw')) });
  }
  return files;
}

/** Whether a file name is an archive this page opens. */
export function isArchive(name: string): boolean {
  return /\.(tar|tar\.gz|tgz|zip)$/i.test(name);
}

/** The captures inside an archive file (`.tar`, `.tar.gz`/`.tgz`, `.zip`). */
export async function archiveEntries(name: string, bytes: Uint8Array): Promise<CaptureText[]> {
  if (/\.zip$/i.test(name)) return zipEntries(bytes);
  if (/\.(tar\.gz|tgz)$/i.test(name)) return tarEntries(await inflate(bytes, 'gzip'));
  return tarEntries(bytes);
}
