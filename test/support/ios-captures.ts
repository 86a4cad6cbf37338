import { readFileSync } from 'node:fs';
import { ROOT } from './processes.js';

/** The captured ASR 1000 outputs of the domain reference §5.2 and §8.13, as libs/ios-cli keeps them (verbatim). */
export const CAPTURES = {
  asr1006Redundancy: 'asr1006-show-redundancy-sso.txt',
  asr1002xRedundancyTail: 'asr1002x-show-redundancy-simplex-tail.txt',
  statesDuplex: 'asr1000-show-redundancy-states-duplex.txt',
  statesSimplex: 'asr1000-show-redundancy-states-simplex.txt',
  asr1006Platform: 'asr1006-show-platform.txt',
  asr1001Version: 'asr1001-show-version-03.09.01.S.txt',
  asr1001xVersion17: 'asr1001x-show-version-17.05.01a.txt',
} as const;

export function capture(name: keyof typeof CAPTURES): string {
  return readFileSync(`${ROOT}libs/ios-cli/test-fixtures/${CAPTURES[name]}`, 'utf8');
}
