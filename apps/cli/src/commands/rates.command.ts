import { ratesView, type RateView } from '@asr-twin/forecast';
import { type CliIo, EXIT, type ExitCode } from '../cli-io.js';

export const RATES_HELP = `usage: twin rates [--json]

Every failure class of the availability forecast: what fails and per which unit, its MTBF (hours) and FIT
(failures in 10^9 h), how it is repaired (automatic: by the simulator; replace: hardware, with and without
spares on site; fix: an operator's fix; restore: a power feed coming back), the mean repair time and its
distribution, and the source. "illustrative" marks figures with no public source: override them with your
fleet's field data (twin forecast --rates FILE, or rates:/models: in the fleet file).`;

function block(r: RateView): string {
  const mtbf = r.mtbfHours === null ? 'never fails' : `MTBF ${r.mtbfHours} h (${r.fit} FIT)`;
  const repair =
    r.repair === 'automatic'
      ? 'repair automatic (played by the simulator)'
      : r.repair === 'replace'
        ? `repair replace: ${r.mttrHours} h with spares, ${r.mttrNoSparesHours} h without (${r.repairDistribution})`
        : `repair ${r.repair}: ${r.mttrHours} h (${r.repairDistribution})`;
  const flag = r.illustrative ? '  [illustrative]' : '';
  return `${r.key}  per ${r.per}, fault ${r.fault}${flag}\n  ${mtbf}; ${repair}\n  ${r.description}\n  source: ${r.source}\n`;
}

export function ratesCommand(options: { json: boolean }, io: CliIo): ExitCode {
  const view = ratesView();
  io.stdout.write(options.json ? `${JSON.stringify(view, null, 2)}\n` : view.map(block).join('\n'));
  return EXIT.ok;
}
