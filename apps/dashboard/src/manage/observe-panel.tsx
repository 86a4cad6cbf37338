import { type FormEvent, useState } from 'react';
import { rest } from '../api/rest';
import { useSession } from '../session/session';
import { asError, FieldMessage, FormProblem, invalid } from './form-bits';
import { ChangesTable, type FieldChange } from './observation-changes';

/**
 * Real device output pasted for one router (operators): `show redundancy`, `show redundancy states`,
 * `show version` and/or `show platform`, with or without prompt lines. Says whether it was applied (with what
 * changed) or changed nothing; a refusal shows the API's reason, naming command and line.
 */
export function ObservePanel({ router, onApplied }: { readonly router: string; readonly onApplied: () => void }) {
  const { key } = useSession();
  const [output, setOutput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [changes, setChanges] = useState<readonly FieldChange[] | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setChanges(null);
    try {
      if (output.trim() === '') throw new Error('Paste the output of a show command first.');
      const result = await rest<{ changes: readonly FieldChange[] }>(key, 'POST', `/routers/${encodeURIComponent(router)}/observations`, {
        text: output,
        contentType: 'text/plain',
      });
      setChanges(result.changes);
      if (result.changes.length > 0) onApplied();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="manage-form column" onSubmit={(e) => void submit(e)} aria-label="observe this router" data-testid="observe-router">
      <label>
        Output of show redundancy, show redundancy states, show version or show platform, as the router printed it
        <textarea
          rows={8}
          value={output}
          onChange={(e) => setOutput(e.target.value)}
          spellCheck={false}
          placeholder={'router#show redundancy\nRedundant System Information :\n…'}
          {...invalid(error, 'output')}
          data-testid="observe-output"
        />
        <FieldMessage error={error} field="output" />
      </label>
      <div className="actions">
        <label>
          Or a capture file
          <input type="file" accept=".txt,.log,.out,text/plain" onChange={(e) => void e.target.files?.[0]?.text().then(setOutput)} data-testid="observe-file" />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="observe-submit">
          {busy ? 'Applying…' : 'Apply to the twin'}
        </button>
      </div>
      <FormProblem error={error} title="Refused: nothing was written" fields={['output']} />
      {changes !== null &&
        (changes.length === 0 ? (
          <p className="ok" role="status" data-testid="observe-outcome" data-outcome="unchanged">
            Unchanged: the twin already holds this state (its freshness is recorded).
          </p>
        ) : (
          <div role="status" data-testid="observe-outcome" data-outcome="applied">
            <p className="ok">
              Applied: {changes.length} field{changes.length === 1 ? '' : 's'} changed.
            </p>
            <ChangesTable changes={changes} />
          </div>
        ))}
    </form>
  );
}
