import { ApiError } from '../api/graphql';
import { fieldMessage } from '../api/rest';
import { ErrorBox } from '../ui/feedback';

/** The API's message for one form field, shown next to it (nothing when the field is fine). */
export function FieldMessage({ error, field, also = [] }: { readonly error: Error | null; readonly field: string; readonly also?: readonly string[] }) {
  const message = fieldMessage(error, field, ...also);
  if (message === null) return null;
  return (
    <span className="field-error" data-testid={`field-error-${field}`}>
      {message}
    </span>
  );
}

/**
 * A form's error, once: when every field the API names has its message next to its input, only a line saying
 * so; otherwise the API's whole message (with the fields no input shows).
 */
export function FormProblem({ error, title, fields }: { readonly error: Error | null; readonly title: string; readonly fields: readonly string[] }) {
  if (error === null) return null;
  const named = error instanceof ApiError ? error.fieldErrors : [];
  const shown = (f: string) => fields.some((name) => f === name || f.endsWith(`.${name}`));
  if (named.length > 0 && named.every((f) => shown(f.field))) {
    return (
      <p className="error" role="alert" data-testid="form-problem">
        {title}: see the {named.length === 1 ? 'field' : 'fields'} marked.
      </p>
    );
  }
  return (
    <div data-testid="form-problem">
      <ErrorBox error={error} title={title} />
    </div>
  );
}

/** An Error from whatever was thrown. */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** `aria-invalid` for an input whose field the API refused, so assistive technology announces it. */
export function invalid(error: Error | null, field: string): { 'aria-invalid'?: true } {
  return fieldMessage(error, field) === null ? {} : { 'aria-invalid': true };
}
