import { type FormEvent, useState } from 'react';
import type { Me } from '../api/types';
import { whoIs } from './who-is';

/** Sign-in with an API key (`atw_…`): the key is checked with `me` before the dashboard opens. */
export function SignInPage({ notice, onSignedIn }: { readonly notice: string | null; readonly onSignedIn: (key: string, me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(trimmed, await whoIs(trimmed));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">asr-twin</h1>
        <p className="muted">Digital twin of ASR 1000 fleets. Sign in with an API key.</p>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="atw_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoFocus
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="muted small">
          The key stays in this browser tab only (session storage) and is gone when the tab closes. Create one with{' '}
          <code>npm run -s keys -- create --name you --role operator</code>.
        </p>
      </form>
    </main>
  );
}
