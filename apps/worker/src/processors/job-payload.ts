import { type JobName, type JobPayload, parsePayload } from '@asr-twin/jobs';
import { type Job, UnrecoverableError } from 'bullmq';

/** The payload of a job checked against its schema; an invalid one can never succeed, so it is unrecoverable. */
export function payload<N extends JobName>(job: Job, name: N): JobPayload<N> {
  const parsed = parsePayload(name, job.data);
  if (parsed === null) throw new UnrecoverableError(`invalid payload for ${name}: ${JSON.stringify(job.data).slice(0, 200)}`);
  return parsed;
}
