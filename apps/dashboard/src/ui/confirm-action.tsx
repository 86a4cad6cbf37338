import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ErrorBox } from './feedback';

export interface ConfirmActionProps {
  /** Text of the button that opens the confirmation, e.g. `Cancel run…`. */
  readonly label: string;
  /** The question the confirmation asks: what will happen, and what is lost. */
  readonly confirmText: ReactNode;
  /** Does the action; a rejection is shown (once) under the button and the confirmation closes. */
  readonly onConfirm: () => Promise<void>;
  /** When set, the action is not offered: this text says why, instead of the button. */
  readonly disabledReason?: string;
  /** Text of the button that confirms. @defaultValue `label` without its trailing ellipsis */
  readonly confirmLabel?: string;
  /** Text of the confirming button while the action runs. @defaultValue `Working…` */
  readonly busyLabel?: string;
  /** Text of the button that closes the confirmation. @defaultValue `Cancel` */
  readonly keepLabel?: string;
  /** Title of the error box when the action fails. */
  readonly errorTitle?: string;
  /**
   * Base of the elements' `data-testid`: the button is `<testId>`, the confirmation `<testId>-confirm`, its
   * question `<testId>-question`, its buttons `confirm-<testId>` and `keep-<testId>`, the reason `<testId>-unavailable`, the error `<testId>-error`.
   */
  readonly testId?: string;
  /** Class of the wrapper, for layout. */
  readonly className?: string;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * A dangerous action behind a confirmation: one button; once pressed, the question with a confirming button
 * (danger) and a button that keeps things as they are (focused, so Enter does nothing harmful; Escape too).
 * While the action runs both are disabled; if it fails, the confirmation closes and the error shows once.
 * With `disabledReason` the action is not offered and the reason is shown instead.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const { label, confirmText, onConfirm, disabledReason, testId, className } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const close = () => {
    setConfirming(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      if (mounted.current) setConfirming(false);
    } catch (e) {
      if (!mounted.current) return;
      setError(asError(e));
      close();
    } finally {
      if (mounted.current) setBusy(false);
    }
  }

  const id = (part: string) => (testId ? part.replace('%', testId) : undefined);
  if (disabledReason !== undefined) {
    return (
      <p className={`confirm-action muted small ${className ?? ''}`} data-testid={id('%-unavailable')}>
        {label.replace(/…$/, '')} is not available: <span className="mono">{disabledReason}</span>
      </p>
    );
  }
  return (
    <div className={`confirm-action ${className ?? ''}`}>
      {!confirming ? (
        <button
          ref={opener}
          type="button"
          className="danger"
          aria-haspopup="true"
          onClick={() => {
            setError(null);
            setConfirming(true);
          }}
          data-testid={id('%')}
        >
          {label}
        </button>
      ) : (
        <div
          className="confirm"
          role="group"
          aria-label={`confirm: ${label.replace(/…$/, '').toLowerCase()}`}
          data-testid={id('%-confirm')}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) close();
          }}
        >
          <span data-testid={id('%-question')}>{confirmText}</span>
          <button type="button" className="danger" disabled={busy} onClick={() => void confirm()} data-testid={id('confirm-%')}>
            {busy ? (props.busyLabel ?? 'Working…') : (props.confirmLabel ?? label.replace(/…$/, ''))}
          </button>
          <button ref={keep} type="button" disabled={busy} onClick={close} data-testid={id('keep-%')}>
            {props.keepLabel ?? 'Cancel'}
          </button>
        </div>
      )}
      {error && (
        <div data-testid={id('%-error')}>
          <ErrorBox error={error} title={props.errorTitle} />
        </div>
      )}
    </div>
  );
}
