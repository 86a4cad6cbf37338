import { type ReactNode, useState } from 'react';
import { ErrorBox } from './feedback';

interface Props {
  /** The button that asks first (`Delete fleet…`). */
  readonly label: string;
  /** The question, naming what the action does or removes. */
  readonly confirmText: ReactNode;
  /** The action; a rejection is shown once under the question, which stays open for another try or Keep. */
  readonly onConfirm: () => Promise<void>;
  /** Why the action is unavailable: the button is disabled with this as its title. */
  readonly disabledReason?: string | null;
  /** The confirming button's text (default: the label without its ellipsis). */
  readonly confirmLabel?: string;
  /** Prefix of the `data-testid`s: `<id>`, `<id>-question`, `<id>-confirm`, `<id>-keep`, `<id>-error`. */
  readonly testId: string;
  /** Title of the error box when the action fails. */
  readonly failedTitle?: string;
}

/**
 * A button that acts only after a confirmation: the first click shows the question with a confirm and a Keep
 * button; confirming runs `onConfirm`, showing the API's error once if it fails.
 */
export function ConfirmAction({ label, confirmText, onConfirm, disabledReason, confirmLabel, testId, failedTitle }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function act() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setConfirming(false);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button
        type="button"
        className="danger"
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? undefined}
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`confirm: ${label.replace(/…$/, '')}`}>
      <span data-testid={`${testId}-question`}>{confirmText}</span>
      <button type="button" className="danger" disabled={busy} onClick={() => void act()} data-testid={`${testId}-confirm`}>
        {busy ? 'Working…' : (confirmLabel ?? label.replace(/…$/, ''))}
      </button>
      <button type="button" disabled={busy} onClick={() => setConfirming(false)} data-testid={`${testId}-keep`}>
        Keep
      </button>
      {error && (
        <div data-testid={`${testId}-error`}>
          <ErrorBox error={error} title={failedTitle ?? 'Not done'} />
        </div>
      )}
    </div>
  );
}
