import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ForecastReport } from '@asr-twin/forecast';
import { describe, expect, it } from 'vitest';

/** The built `twin` (npm test builds first), run as a separate process like a CI pipeline runs it. */
const TWIN = fileURLToPath(new URL('../bin/twin.js', import.meta.url));
const run = promisify(execFile);

async function twin(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TWIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const FLEET = `routers:
  - hostname: edge-rpr
    model: ASR1002
    redundancy: rpr
    labels: { site: lon }
  - hostname: core-one-esp
    model: ASR1006
    hardware: { esps: 1 }
    labels: { site: ams }
`;
// ESP failures made frequent enough that a short forecast sees many; every other class keeps its default.
const RATES = `esp-hardware: { mtbfHours: 20000 }\n`;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-forecast-'));
  writeFileSync(join(dir, 'fleet.yaml'), FLEET);
  writeFileSync(join(dir, 'rates.yaml'), RATES);
  return dir;
}

const ARGS = ['forecast', 'fleet.yaml', '--rates', 'rates.yaml', '--trials', '120', '--seed', '7', '--what-if', 'redundancy=sso', '--what-if', 'esps=2'];

describe('twin forecast (embedded)', () => {
  it('RPR → SSO and a second ESP lower the expected downtime, beyond the paired 99 % interval', async () => {
    const dir = workdir();
    const r = await twin([...ARGS, '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ForecastReport;
    expect(report.schema).toBe('asr-twin/forecast-report/v1');
    expect(report.comparison?.refused).toEqual([{ hostname: 'edge-rpr', key: 'esps', reason: expect.stringMatching(/ASR1002 holds exactly one ESP/) }]);
    const delta = new Map(report.comparison?.routers.map((x) => [x.hostname, x]));
    // RPR: an IOSd crash reboots into the standby (minutes of outage); SSO switches over in milliseconds.
    expect(delta.get('edge-rpr')?.controlPlane.ciS.high).toBeLessThan(0);
    expect(delta.get('edge-rpr')?.dataPlane.ciS.high).toBeLessThan(0);
    // One ESP: its failure stops forwarding until it is replaced; with two, the standby takes over.
    expect(delta.get('core-one-esp')?.dataPlane.ciS.high).toBeLessThan(0);
    const base = new Map(report.baseline.routers.map((x) => [x.hostname, x]));
    const alt = new Map(report.whatIf?.routers.map((x) => [x.hostname, x]));
    expect(base.get('core-one-esp')?.causes[0]?.cause).toBe('esp-hardware');
    expect(alt.get('core-one-esp')?.hardware.esps).toBe(2);
    expect(alt.get('core-one-esp')?.dataPlane.meanS).toBeLessThan((base.get('core-one-esp')?.dataPlane.meanS ?? 0) / 10);
    expect(alt.get('edge-rpr')?.redundancy).toBe('sso');
    // Ranked by expected data-plane downtime.
    const means = report.baseline.routers.map((x) => x.dataPlane.meanS);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(report.baseline.totals.errors).toBe(0);
  }, 60_000);

  it('the same seed gives byte-identical JSON (stdout and --out), another seed does not', async () => {
    const dir = workdir();
    const a = await twin([...ARGS, '--json', '--out', 'a.json'], dir);
    const b = await twin([...ARGS, '--json'], dir);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(a.stdout);
    const other = await twin([...ARGS.map((x) => (x === '7' ? '8' : x)), '--json'], dir);
    expect(other.stdout).not.toBe(a.stdout);
  }, 60_000);

  it('refuses a bad what-if and a bad rate naming the key', async () => {
    const dir = workdir();
    const bad = await twin(['forecast', 'fleet.yaml', '--what-if', 'esps=3'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/what-if\.esps must be 1 or 2; found "3"/);
    writeFileSync(join(dir, 'bad-rates.yaml'), 'esp-hardware: { mtbf: 5 }\n');
    const rates = await twin(['forecast', 'fleet.yaml', '--rates', 'bad-rates.yaml'], dir);
    expect(rates.code).toBe(2);
    expect(rates.stderr).toMatch(/unknown field "mtbf" in rates\.esp-hardware/);
  }, 60_000);
});

describe('twin rates', () => {
  it('lists every class with figures, repair model and source, as a table and as JSON', async () => {
    const dir = workdir();
    const json = await twin(['rates', '--json'], dir);
    const rows = JSON.parse(json.stdout) as { key: string; mtbfHours: number; source: string; illustrative: boolean; repair: string }[];
    expect(rows.map((r) => r.key)).toEqual([
      'iosd-crash',
      'iosd-hang',
      'guest-crash',
      'host-panic',
      'host-oom',
      'rp-hardware',
      'esp-hardware',
      'psu',
      'power-feed',
      'config-sync',
    ]);
    for (const r of rows) expect(r.source.length, r.key).toBeGreaterThan(10);
    expect(rows.find((r) => r.key === 'esp-hardware')).toMatchObject({ repair: 'replace', illustrative: true });
    const text = await twin(['rates'], dir);
    expect(text.stdout).toMatch(/^esp-hardware {2}per esp, fault esp-failure {2}\[illustrative\]$/m);
    expect(text.stdout).toMatch(/repair replace: 4 h with spares, 28 h without \(exponential\)/);
  }, 60_000);
});
