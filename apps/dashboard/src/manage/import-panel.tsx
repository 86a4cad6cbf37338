import { type FormEvent, useState } from 'react';
import { rest } from '../api/rest';
import { useSession } from '../session/session';
import { asError, FieldMessage, FormProblem, invalid } from './form-bits';

type Format = 'csv' | 'netbox';

interface ImportRow {
  readonly row: number;
  readonly hostname: string | null;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  readonly reason?: string;
  readonly changed?: readonly string[];
  readonly warnings?: readonly string[];
}

export interface ImportReport {
  readonly format: Format;
  readonly summary: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly refused: number };
  readonly warnings: readonly string[];
  readonly rows: readonly ImportRow[];
}

/** The format a file's name or text says: `.json` or text starting with `{`/`[` is NetBox, anything else CSV. */
export function formatOf(name: string | null, text: string): Format {
  if (name !== null && /\.json$/i.test(name)) return 'netbox';
  if (name !== null && /\.csv$/i.test(name)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'netbox' : 'csv';
}

function ImportResult({ report }: { readonly report: ImportReport }) {
  const s = report.summary;
  return (
    <div className="import-result" data-testid="import-result">
      <p data-testid="import-summary">
        {s.created} created · {s.updated} updated · {s.unchanged} unchanged · {s.refused} refused
      </p>
      {report.warnings.length > 0 && (
        <ul className="notice" data-testid="import-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <table className="data-table" data-testid="import-rows">
        <thead>
          <tr>
            <th>{report.format === 'csv' ? 'Line' : 'Device'}</th>
            <th>Hostname</th>
            <th>Outcome</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.row} data-outcome={r.outcome} data-hostname={r.hostname ?? ''}>
              <td>{r.row}</td>
              <td className="mono nowrap">{r.hostname ?? '—'}</td>
              <td>
                <span className={`badge outcome-${r.outcome}`}>{r.outcome}</span>
              </td>
              <td>
                {r.reason}
                {r.changed && r.changed.length > 0 && <>changed: {r.changed.join(', ')}</>}
                {r.warnings && r.warnings.length > 0 && <span className="muted"> ({r.warnings.join('; ')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An inventory file imported into a fleet (admins): a CSV (`hostname,model,serial,version,redundancy,fleet,labels`)
 * or a NetBox device list, chosen as a file or pasted. Shows what happened to each row.
 */
export function ImportPanel({ fleet, onImported }: { readonly fleet: string; readonly onImported: () => void }) {
  const { key } = useSession();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState<Format | 'auto'>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      if (text.trim() === '') throw new Error('Choose a file or paste the inventory first.');
      const chosen = format === 'auto' ? formatOf(fileName, text) : format;
      const body = chosen === 'csv' ? { text, contentType: 'text/csv' } : { json: { format: 'netbox', content: text } };
      setReport(await rest<ImportReport>(key, 'POST', `/fleets/${encodeURIComponent(fleet)}/import`, body));
      onImported();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form column" onSubmit={(e) => void submit(e)} aria-label="import an inventory" data-testid="import-inventory">
      <div className="actions">
        <label>
          File (CSV or NetBox JSON)
          <input
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
            data-testid="import-file"
          />
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as Format | 'auto')} data-testid="import-format">
            <option value="auto">from the file</option>
            <option value="csv">CSV</option>
            <option value="netbox">NetBox device list</option>
          </select>
        </label>
      </div>
      <label>
        Or paste it
        <textarea
          rows={6}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName(null);
          }}
          placeholder={'hostname,model,serial,version,redundancy,fleet,labels\nams-edge-01,ASR1002-X,,17.3.4a,sso,,site=ams'}
          spellCheck={false}
          {...invalid(error, 'content')}
          data-testid="import-text"
        />
        <FieldMessage error={error} field="content" />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="import-submit">
          {busy ? 'Importing…' : 'Import'}
        </button>
        <span className="muted small">Rows are matched by hostname: new ones are created, known ones updated. The API has no dry run.</span>
      </div>
      <FormProblem error={error} title="Nothing was imported" fields={['content']} />
      {report && <ImportResult report={report} />}
    </form>
  );
}
