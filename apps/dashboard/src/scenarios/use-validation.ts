import { useEffect, useState } from 'react';
import { graphql } from '../api/graphql';
import type { ScenarioError } from '../api/types';
import { useSession } from '../session/session';

export const VALIDATE = 'query Validate($source: String!) { validateScenario(source: $source) { valid errors { line column path code message } } }';
const DEBOUNCE_MS = 350;

export interface Validation {
  /** null while the text has not been checked yet. */
  readonly valid: boolean | null;
  readonly errors: readonly ScenarioError[];
  /** The check itself failed (server unreachable): the text's validity is unknown. */
  readonly failure: string | null;
}

/** Validates scenario text with the server (`validateScenario`) a moment after each change; stores nothing. */
export function useValidation(source: string): Validation {
  const { key } = useSession();
  const [validation, setValidation] = useState<Validation>({ valid: null, errors: [], failure: null });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      graphql<{ validateScenario: { valid: boolean; errors: ScenarioError[] } }>(key, VALIDATE, { source }).then(
        (data) => !cancelled && setValidation({ valid: data.validateScenario.valid, errors: data.validateScenario.errors, failure: null }),
        (error: unknown) => !cancelled && setValidation({ valid: null, errors: [], failure: error instanceof Error ? error.message : String(error) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, source]);
  return validation;
}
