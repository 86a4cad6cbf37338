import { TIMING_KEYS } from '@asr-twin/domain';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

function io(cwd: string) {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd },
    out: () => stdout,
    err: () => stderr,
  };
}

const SCENARIO = (expect: string) => `apiVersion: asr-twin/v1
kind: Scenario
metadata:
  name: crash
spec:
  seed: 3
  horizon: 30m
  routers:
    - hostname: edge-1
      model: ASR1002-X
    - hostname: edge-2
      model: ASR1001
      redundancy: none
  steps:
    - at: 60s
      fault: iosd-crash
  expect:
${expect}
`;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('twin run', () => {
  it('exits 0 when every expectation holds and writes JUnit', async () => {
    const dir = workdir({ 'ok.yaml': SCENARIO('    - metric: switchovers\n      max: 1\n    - invariant: single-active') });
    const t = io(dir);
    expect(await runCli(['run', 'ok.yaml', '--junit', 'out.xml'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^PASS\s+crash\s+ok\.yaml\s+seed 3/m);
    const xml = readFileSync(join(dir, 'out.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="crash" file="ok.yaml" tests="4" failures="0" errors="0"');
  });

  it('exits 1 on a failed expectation and names router, expectation, observed value and limit', async () => {
    const dir = workdir({ 'fail.yaml': SCENARIO('    - metric: dataPlaneOutage\n      max: 0s') });
    const t = io(dir);
    expect(await runCli(['run', 'fail.yaml', '--junit', 'out.xml'], t.io)).toBe(1);
    // The simplex ASR1001 reloads when its only IOS crashes: a real outage, against a limit of 0.
    expect(t.out()).toMatch(/^FAIL\s+crash/m);
    expect(t.out()).toMatch(/edge-2: dataPlaneOutage observed \d+m\S*, limit max 0s/);
    expect(t.out()).not.toMatch(/edge-1:/);
    const xml = readFileSync(join(dir, 'out.xml'), 'utf8');
    // The test case names the expectation's file and line (the `- metric:` line of spec.expect).
    const line =
      readFileSync(join(dir, 'fail.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('- metric: dataPlaneOutage')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(xml).toMatch(
      new RegExp(
        `<testcase classname="crash\\.edge-2" name="dataPlaneOutage max 0s" file="fail\\.yaml" line="${line}" time="0">\\n\\s+<failure message="edge-2: dataPlaneOutage observed`,
      ),
    );
    expect(xml).toContain('failures="1"');
  });

  it('exits 2 with file:line:col on an invalid file, and runs nothing', async () => {
    const dir = workdir({ 'bad.yaml': SCENARIO('    - metric: dataPlaneOutage\n      max: 0s').replace('iosd-crash', 'iosd-crsh') });
    const t = io(dir);
    expect(await runCli(['run', 'bad.yaml'], t.io)).toBe(2);
    expect(t.err()).toMatch(/^bad\.yaml:16:14: unknown fault "iosd-crsh".*did you mean "iosd-crash"/m);
    expect(t.out()).toBe('');
  });

  it('prints the report in the DESIGN.md format with --json, byte-stable for a seed', async () => {
    const dir = workdir({ 'ok.yaml': SCENARIO('    - invariant: single-active') });
    const a = io(dir);
    const b = io(dir);
    await runCli(['run', 'ok.yaml', '--json', '--seed', '99'], a.io);
    await runCli(['run', 'ok.yaml', '--json', '--seed', '99'], b.io);
    expect(a.out()).toBe(b.out());
    const report = JSON.parse(a.out()) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['scenario', 'seed', 'verdict', 'routers', 'expectations', 'timeline']);
    expect(report['seed']).toBe(99);
  });

  it('runs Monte Carlo iterations with derived seeds', async () => {
    const dir = workdir({ 'ok.yaml': SCENARIO('    - invariant: single-active') });
    const t = io(dir);
    expect(await runCli(['run', 'ok.yaml', '--json', '--iterations', '3'], t.io)).toBe(0);
    const reports = JSON.parse(t.out()) as { seed: number }[];
    expect(reports).toHaveLength(3);
    expect(new Set(reports.map((r) => r.seed)).size).toBe(3);
  });

  it('exits 2 on bad arguments and missing files', async () => {
    const dir = workdir({});
    expect(await runCli(['run'], io(dir).io)).toBe(2);
    expect(await runCli(['run', 'nope.yaml'], io(dir).io)).toBe(2);
    expect(await runCli(['run', '*.yaml'], io(dir).io)).toBe(2);
    const t = io(dir);
    expect(await runCli(['run', 'x.yaml', '--seed', '4294967296'], t.io)).toBe(2);
    expect(t.err()).toMatch(/--seed must be a whole number from 0 to 4294967295/);
    const dash = io(dir);
    expect(await runCli(['run', 'x.yaml', '--seed', '-1'], dash.io)).toBe(2);
    expect(dash.err().trim().split('\n')).toHaveLength(1);
    expect(await runCli(['run', 'x.yaml', '--colour'], io(dir).io)).toBe(2);
    expect(await runCli(['frobnicate'], io(dir).io)).toBe(2);
  });
});

describe('twin validate, timings, show', () => {
  it('validates files', async () => {
    const dir = workdir({ 'ok.yaml': SCENARIO('    - invariant: single-active'), 'bad.yaml': 'kind: Nope\n' });
    const t = io(dir);
    expect(await runCli(['validate', 'ok.yaml', 'bad.yaml'], t.io)).toBe(2);
    expect(t.out()).toContain('ok.yaml: valid (crash)');
    expect(t.err()).toMatch(/^bad\.yaml:1:1: /m);
  });

  it('lists every timing key with default, unit and source', async () => {
    const t = io('.');
    expect(await runCli(['timings', '--json'], t.io)).toBe(0);
    const keys = JSON.parse(t.out()) as { key: string; defaultMs: number; unit: string; source: string; modelSources: Record<string, string> }[];
    expect(keys.map((k) => k.key)).toEqual([...TIMING_KEYS]);
    for (const k of keys) {
      expect(k.unit).toBe('ms');
      expect(k.source.length).toBeGreaterThan(10);
    }
    expect(keys.find((k) => k.key === 'rprSwitchover')?.modelSources.ASR1001).toMatch(/7:11/);
  });

  it('§8.19–§8.21: prints the new keys, the per-model defaults with their sources and the deprecated standbyBootToHot', async () => {
    const t = io('.');
    expect(await runCli(['timings'], t.io)).toBe(0);
    const out = t.out();
    for (const key of ['iosBoot', 'bulkSync', 'peerLossDetection', 'protocolRecovery']) expect(out).toMatch(new RegExp(`^${key}  `, 'm'));
    expect(out).toMatch(/^bulkSync {2}2m30s \(ms: 150000\), uniform ±20%$/m);
    expect(out).toMatch(/^ {2}ASR1004: 4m56s \(296000\) — R0\/0 "Became HA Active"/m);
    expect(out).toMatch(/^standbyBootToHot {2}deprecated: iosBoot \+ bulkSync \(3m by default\)/m);
  });

  it('shows the output of a fresh router', async () => {
    const t = io('.');
    expect(await runCli(['show', 'ASR1006', 'redundancy-states', '--hostname', 'pe1'], t.io)).toBe(0);
    expect(t.out()).toContain('       my state = 13 -ACTIVE \n     peer state = 8  -STANDBY HOT \n');
    const bad = io('.');
    expect(await runCli(['show', 'ASR9000', 'version'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/unknown model "ASR9000"/);
  });

  it('§8.11: an ASR1002 runs 3.16.10S unless told otherwise, and refuses a 17.x release its RP1 has no image for', async () => {
    const t = io('.');
    expect(await runCli(['show', 'ASR1002', 'version'], t.io)).toBe(0);
    expect(t.out()).toContain('IOS XE Version: 03.16.10.S');
    const bad = io('.');
    expect(await runCli(['show', 'ASR1002', 'platform', '--version', '17.3.4a'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/ASR1002-RP1 cannot run IOS XE 17\.3\.4a: no 17\.x image exists for it/);
  });
});
