import { DEPRECATED_TIMING_KEYS, TIMING_PROFILE, timingProfileView, type TimingKeyView } from '@asr-twin/domain';
import { formatDuration } from '@asr-twin/scenario';
import { type CliIo, EXIT, type ExitCode } from '../cli-io.js';

export const TIMINGS_HELP = `usage: twin timings [--json]

Every duration the simulator uses: key, default, distribution, meaning, source, and the chassis models
with a default of their own (with its source). Override keys in a scenario under spec.timing
(e.g. "bulkSync: 10m" for a large configuration: it lengthens bulk sync, not IOS boot).`;

function distribution(d: TimingKeyView['distribution']): string {
  return d.kind === 'fixed' ? 'fixed' : `uniform ±${Math.round(d.spread * 100)}%`;
}

function block(t: TimingKeyView): string {
  const models = Object.entries(t.modelDefaults).map(
    ([model, ms]) => `  ${model}: ${formatDuration(ms)} (${ms}) — ${t.modelSources[model as keyof typeof t.modelSources] ?? ''}\n`,
  );
  return `${t.key}  ${formatDuration(t.defaultMs)} (${t.unit}: ${t.defaultMs}), ${distribution(t.distribution)}\n  ${t.description}\n  source: ${t.source}\n${models.join('')}`;
}

/** The deprecated keys a scenario may still give, and what they stand for. */
function aliases(): string {
  return Object.entries(DEPRECATED_TIMING_KEYS)
    .map(([alias, keys]) => {
      const total = keys.reduce((sum, k) => sum + TIMING_PROFILE[k].defaultMs, 0);
      return `${alias}  deprecated: ${keys.join(' + ')} (${formatDuration(total)} by default); an override is split over them in the proportion of their defaults, with a warning\n`;
    })
    .join('');
}

export function timingsCommand(options: { json: boolean }, io: CliIo): ExitCode {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(timingProfileView(), null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`${timingProfileView().map(block).join('\n')}\n${aliases()}`);
  return EXIT.ok;
}
