import type { ReactNode } from 'react';
import { ApiError } from '../api/graphql';

/**
 * An error the user can act on: the API's message, its code, and the fields it names — except those whose
 * message the main message already says (a refused switchover quotes IOS's reason in both), so nothing shows twice.
 */
export function ErrorBox({ error, title }: { readonly error: Error; readonly title?: string }) {
  const code = error instanceof ApiError ? error.code : null;
  const fields = error instanceof ApiError ? error.fieldErrors.filter((f) => !error.message.includes(f.message)) : [];
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <p>
        {error.message}
        {code && <span className="muted"> ({code})</span>}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="page-note" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function NotFound({ children }: { readonly children: ReactNode }) {
  return <div className="card empty">{children}</div>;
}

/** Previous / next over an offset-paginated list. */
export function Pager(props: { readonly offset: number; readonly limit: number; readonly total: number; readonly onOffset: (offset: number) => void }) {
  const { offset, limit, total, onOffset } = props;
  if (total <= limit) return null;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label="pages">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ← Newer
      </button>
      <span>
        {offset + 1}–{last} of {total}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        Older →
      </button>
    </nav>
  );
}
