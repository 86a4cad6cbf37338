import { TIMING_KEYS, TIMING_PROFILE, timingProfileView } from '@asr-twin/domain';
import { formatDuration } from '@asr-twin/scenario';
import { type CliIo, EXIT, type ExitCode } from '../cli-io.js';

export const TIMINGS_HELP = `usage: twin timings [--json]

Every duration the simulator uses: key, default, distribution, meaning and source.
Override keys in a scenario under spec.timing (e.g. "standbyBootToHot: 4m").`;

function distribution(key: (typeof TIMING_KEYS)[number]): string {
  const d = TIMING_PROFILE[key].distribution;
  return d.kind === 'fixed' ? 'fixed' : `uniform ±${Math.round(d.spread * 100)}%`;
}

export function timingsCommand(options: { json: boolean }, io: CliIo): ExitCode {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(timingProfileView(), null, 2)}\n`);
    return EXIT.ok;
  }
  const blocks = TIMING_KEYS.map((k) => {
    const t = TIMING_PROFILE[k];
    return `${k}  ${formatDuration(t.defaultMs)} (${t.unit}: ${t.defaultMs}), ${distribution(k)}\n  ${t.description}\n  source: ${t.source}\n`;
  });
  io.stdout.write(blocks.join('\n'));
  return EXIT.ok;
}
