import { ValidationError } from '@asr-twin/domain';
import { parseInput } from '../../common/validation.js';
import { CREATE_RUN, type CreateRunRequest, IDEMPOTENCY_KEY } from '../run.schemas.js';
import { given, labelRecord } from '../../graphql/graphql-inputs.js';
import type { RunTargetInput, StartRunInput } from './run.model.js';

function targetOf(target: RunTargetInput): unknown {
  const { routers, labels, ...selector } = target;
  const selecting = given({ ...selector, labels: labels ? labelRecord(labels) : null });
  if (routers != null && Object.keys(selecting).length > 0) {
    throw new ValidationError('the target names routers and a selector: give routers, or fleet/model/labels/hostnames', [
      { field: 'target', message: 'routers excludes fleet, model, labels and hostnames' },
    ]);
  }
  return routers != null ? { routers } : { selector: selecting };
}

/**
 * `startRun`'s input as the body of `POST /runs`, validated by the same schema (so the errors name the same
 * fields: `scenario`, `target.selector.fleet`, `iterations`, …), and its idempotency key as the header's.
 */
export function runRequestOf(input: StartRunInput): { request: CreateRunRequest; idempotencyKey: string | undefined } {
  const { target, idempotencyKey, ...rest } = input;
  const body = { ...given(rest), ...(target == null ? {} : { target: targetOf(target) }) };
  return {
    request: parseInput(CREATE_RUN, body, 'arguments'),
    idempotencyKey: parseInput(IDEMPOTENCY_KEY, idempotencyKey ?? undefined, 'idempotencyKey'),
  };
}
