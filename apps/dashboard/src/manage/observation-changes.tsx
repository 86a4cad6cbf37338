/** One stored field an observation changed, as the API answers it. */
export interface FieldChange {
  readonly entity: string;
  readonly key: string;
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

function shown(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields an observation changed, as a table. */
export function ChangesTable({ changes }: { readonly changes: readonly FieldChange[] }) {
  return (
    <table className="data-table small" data-testid="observation-changes">
      <thead>
        <tr>
          <th>Part</th>
          <th>Field</th>
          <th>Before</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.entity}:${c.key}:${c.field}`}>
            <td className="mono">
              {c.entity} {c.key}
            </td>
            <td className="mono">{c.field}</td>
            <td className="mono">{shown(c.before)}</td>
            <td className="mono">{shown(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
