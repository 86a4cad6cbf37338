import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { rest } from '../api/rest';
import { useSession } from '../session/session';
import { ErrorBox, NotFound } from '../ui/feedback';
import { archiveEntries, batchesOf, type CaptureItem, captureItems, type CaptureText, isArchive, type SkippedCapture } from './capture-files';
import { asError } from './form-bits';
import type { FieldChange } from './observation-changes';

/** Items per request: a router's items always go in the same one. */
const BATCH_ITEMS = 3_000;

type Outcome = 'applied' | 'unchanged' | 'refused' | 'unknown-router';

interface ItemResult {
  readonly index: number;
  readonly hostname: string | null;
  readonly command: string | null;
  readonly outcome: Outcome;
  readonly code?: string;
  readonly reason?: string;
  readonly changes?: readonly FieldChange[];
}

interface Row extends ItemResult {
  readonly file: string;
}

/** The captures of the chosen files: archives opened, other files read as text with their folder path. */
async function readCaptures(files: readonly File[]): Promise<CaptureText[]> {
  const captures: CaptureText[] = [];
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    if (isArchive(file.name)) {
      try {
        captures.push(...(await archiveEntries(file.name, new Uint8Array(await file.arrayBuffer()))));
      } catch (e) {
        throw new Error(`${file.name}: ${asError(e).message}`, { cause: e });
      }
    } else captures.push({ path, text: await file.text() });
  }
  return captures;
}

function ResultTable({ rows }: { readonly rows: readonly Row[] }) {
  return (
    <table className="data-table" data-testid="bulk-results">
      <thead>
        <tr>
          <th>File</th>
          <th>Router</th>
          <th>Command</th>
          <th>Outcome</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.file} data-file={r.file} data-outcome={r.outcome}>
            <td className="mono small">{r.file}</td>
            <td className="mono">
              {r.hostname && r.outcome !== 'unknown-router' ? (
                <Link href={`/routers/${encodeURIComponent(r.hostname)}`}>{r.hostname}</Link>
              ) : (
                (r.hostname ?? '—')
              )}
            </td>
            <td>{r.command ?? '—'}</td>
            <td>
              <span className={`badge outcome-${r.outcome}`}>{r.outcome}</span>
            </td>
            <td>
              {r.code && <span className="muted">{r.code}: </span>}
              {r.reason}
              {r.outcome === 'applied' && r.changes && `${r.changes.length} field${r.changes.length === 1 ? '' : 's'} changed on the router`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Many routers' captured output at once (operators): files, a folder, or a .tar/.tar.gz/.zip archive in the
 * layouts `twin sync` reads, sent to `POST /observations` in requests that keep each router's files together.
 * Shows each file's outcome, and the files that were not sent with why.
 */
export function BulkObservationsPage() {
  const session = useSession();
  const [files, setFiles] = useState<readonly File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [rows, setRows] = useState<readonly Row[] | null>(null);
  const [skipped, setSkipped] = useState<readonly SkippedCapture[]>([]);

  if (!session.may('operate')) {
    return <NotFound>Uploading observations is for operators and admins.</NotFound>;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRows(null);
    setSkipped([]);
    try {
      const { items, skipped: notSent } = captureItems(await readCaptures(files));
      setSkipped(notSent);
      if (items.length === 0)
        throw new Error('No capture to send: choose .txt, .log or .out files named after their router and command, or an archive of them.');
      const done: Row[] = [];
      for (const batch of batchesOf<CaptureItem>(items, BATCH_ITEMS)) {
        const body = batch.map(({ hostname, command, output }) => ({ hostname, ...(command ? { command } : {}), output }));
        const answer = await rest<{ items: readonly ItemResult[] }>(session.key, 'POST', '/observations', { json: body });
        done.push(...answer.items.map((r) => ({ ...r, file: batch[r.index]?.file ?? String(r.index) })));
        setRows([...done]);
      }
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  const counts = (rows ?? []).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
  const add = (list: FileList | null) => setFiles((previous) => [...previous, ...Array.from(list ?? [])]);
  return (
    <section className="page" data-testid="bulk-observations-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/fleets">Fleets</Link> / observations
          </p>
          <h1>Observations of many routers</h1>
        </div>
      </header>
      <form className="card manage-form column" onSubmit={(e) => void submit(e)} aria-label="upload observations" data-testid="bulk-observe">
        <p className="muted small">
          Captured show output, named as collection tools write it: <code>&lt;hostname&gt;/show_version.txt</code> (any other name in a router&apos;s folder is
          read as a paste of several outputs) or <code>&lt;hostname&gt;_show_redundancy.txt</code>. Archives (.tar, .tar.gz, .zip) are opened in the browser. A
          router&apos;s files are applied together, as one update.
        </p>
        <div className="actions">
          <label>
            Files or archives
            <input type="file" multiple onChange={(e) => add(e.target.files)} data-testid="bulk-files" />
          </label>
          <label>
            A folder
            <input type="file" multiple {...{ webkitdirectory: '' }} onChange={(e) => add(e.target.files)} data-testid="bulk-folder" />
          </label>
          <button type="button" disabled={busy || files.length === 0} onClick={() => setFiles([])} data-testid="bulk-clear">
            Clear
          </button>
        </div>
        <p data-testid="bulk-chosen">{files.length === 0 ? 'No file chosen.' : `${files.length} file${files.length === 1 ? '' : 's'} chosen.`}</p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || files.length === 0} data-testid="bulk-submit">
            {busy ? 'Sending…' : 'Send to the twin'}
          </button>
        </div>
        {error && <ErrorBox error={error} title="Not sent" />}
      </form>
      {skipped.length > 0 && (
        <div className="card" data-testid="bulk-skipped">
          <h2>Not sent</h2>
          <ul>
            {skipped.map((s) => (
              <li key={s.file}>
                <code>{s.file}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {rows && (
        <div className="card">
          <h2>Outcomes</h2>
          <p data-testid="bulk-summary">
            {counts['applied'] ?? 0} applied · {counts['unchanged'] ?? 0} unchanged · {counts['refused'] ?? 0} refused · {counts['unknown-router'] ?? 0} unknown
            router
          </p>
          <ResultTable rows={rows} />
        </div>
      )}
    </section>
  );
}
