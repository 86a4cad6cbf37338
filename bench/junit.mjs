// JUnit benchmark: the embedded CLI's JUnit XML of a 100,000-router report (`toJunitXml`, as `twin run --junit`
// writes it), in wall time; target ≤ 5 s (issue: 40,000 routers took 13.7 s when each router's expectations were
// looked up by scanning all of them). Runs against the BUILT libs. Runnable directly: `node bench/junit.mjs`.
import { toJunitXml } from '@asr-twin/reporting';
import { runScenario } from '@asr-twin/simulator';
import { fleet, iosdCrashScenario } from './simulator.mjs';

const ROUTERS = 100_000;
const TARGET_MS = 5000;

export async function benchJunit() {
  const report = runScenario(iosdCrashScenario(), fleet(ROUTERS), { seed: 42 });
  const started = performance.now();
  const xml = toJunitXml([{ report, source: 'iosd-crash.yaml', durationMs: 0 }], (source, _e, index) => ({ file: source, line: 20 + index }));
  const ms = performance.now() - started;
  const cases = xml.split('<testcase ').length - 1;
  if (cases !== report.expectations.length) throw new Error(`JUnit has ${cases} test cases for ${report.expectations.length} expectations`);
  return [
    {
      bench: `junit: embedded XML of ${ROUTERS.toLocaleString('en-US')} routers (${cases.toLocaleString('en-US')} cases)`,
      value: Math.round(ms),
      unit: 'ms',
      target: `<= ${TARGET_MS}`,
      pass: ms <= TARGET_MS,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchJunit());
