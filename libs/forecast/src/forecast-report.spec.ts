import { ValidationError } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { forecastFleet } from './forecast.js';
import { parseForecastFleet, sampleForecastFleet } from './forecast-fleet.js';
import { forecastFromRecord, forecastRecord, type RouterForecastRecord } from './forecast-record.js';
import { FORECAST_REPORT_SCHEMA, forecastReport } from './forecast-report.js';
import { runForecast } from './forecast-run.js';
import { SECONDS_PER_YEAR } from './statistics.js';
import { applyWhatIf, parseWhatIf } from './what-if.js';

describe('forecast report of the sample fleet', () => {
  const fleet = sampleForecastFleet();
  // ESPs fail ten times as often as by default, so 40 trials see plenty of them.
  const rates = { request: { 'esp-hardware': { mtbfHours: 20_000 } } };
  const report = forecastFleet(fleet.routers, { seed: 1, trials: 40, rates }, { redundancy: 'sso', esps: 2 });

  it('ranks every router by expected data-plane downtime, with causes whose shares add up', () => {
    expect(report.schema).toBe(FORECAST_REPORT_SCHEMA);
    const rows = report.baseline.routers;
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, k) => k + 1));
    expect(new Set(rows.map((r) => r.hostname))).toEqual(new Set(fleet.routers.map((r) => r.hostname)));
    for (let k = 1; k < rows.length; k++) expect(rows[k - 1]!.dataPlane.meanS).toBeGreaterThanOrEqual(rows[k]!.dataPlane.meanS);
    for (const r of rows) {
      expect(r.errors, r.hostname).toBe(0);
      const d = r.dataPlane;
      expect(d.p50S).toBeLessThanOrEqual(d.p95S);
      expect(d.p95S).toBeLessThanOrEqual(d.p99S);
      expect(d.ciS.low).toBeLessThanOrEqual(d.meanS);
      expect(d.ciS.high).toBeGreaterThanOrEqual(d.meanS);
      expect(d.availability).toBeCloseTo(1 - d.meanS / SECONDS_PER_YEAR, 8);
      if (d.meanS > 0) {
        expect(d.nines).toBeCloseTo(-Math.log10(d.meanS / SECONDS_PER_YEAR), 1);
        expect(r.causes.reduce((s, c) => s + c.dataPlaneShare, 0)).toBeCloseTo(1, 2);
      }
    }
    // The simplex ASR1001 loses both planes to every fault that takes its RP; the dual-RP SSO ASR1013 almost never.
    const byHost = new Map(rows.map((r) => [r.hostname, r]));
    expect(byHost.get('lon-edge-03')!.controlPlane.meanS).toBeGreaterThan(10 * byHost.get('fra-bng-01')!.controlPlane.meanS);
  });

  it('rolls up by model, mode and site', () => {
    const { byModel, byMode, bySite } = report.baseline.rollups;
    for (const groups of [byModel, byMode, bySite]) expect(groups.reduce((s, g) => s + g.routers, 0)).toBe(fleet.routers.length);
    expect(byMode.map((g) => g.key)).toEqual(['none', 'rpr', 'sso']);
    expect(bySite.map((g) => g.key)).toEqual(['ams', 'fra', 'lon']);
    const lon = bySite.find((g) => g.key === 'lon')!;
    const lonRows = report.baseline.routers.filter((r) => r.site === 'lon');
    expect(lon.dataPlaneMeanS).toBeCloseTo(lonRows.reduce((s, r) => s + r.dataPlane.meanS, 0) / lonRows.length, 2);
    expect(lonRows.map((r) => r.hostname)).toContain(lon.worst);
  });

  it('compares with the what-if router by router, listing what a chassis cannot take', () => {
    const c = report.comparison!;
    expect(c.routers.map((r) => r.hostname)).toEqual(report.baseline.routers.map((r) => r.hostname));
    expect(c.refused.map((r) => r.hostname)).toEqual(['ams-edge-01', 'ams-edge-02', 'lon-edge-01', 'lon-edge-02', 'lon-edge-03']);
    const core = c.routers.find((r) => r.hostname === 'ams-core-01')!;
    expect(core.dataPlane.whatIfS).toBeLessThan(core.dataPlane.baselineS);
    expect(core.dataPlane.deltaS).toBeCloseTo(core.dataPlane.whatIfS - core.dataPlane.baselineS, 2);
    expect(report.whatIf!.routers.find((r) => r.hostname === 'lon-edge-02')!.redundancy).toBe('sso');
  });
});

describe('fleet files and what-ifs', () => {
  it('reads routers with defaults and the fleet and model rate layers', () => {
    const fleet = parseForecastFleet({
      routers: [{ hostname: 'a', model: 'ASR1002', labels: { site: 'x' }, spares: true }],
      rates: { psu: { mtbfHours: 1e6 } },
      models: { ASR1002: { 'esp-hardware': { fit: 1000 } } },
    });
    expect(fleet.routers[0]).toEqual({ hostname: 'a', model: 'ASR1002', redundancy: 'sso', version: '3.16.10S', labels: { site: 'x' }, spares: true });
    expect(fleet.rates.fleet?.psu?.mtbfHours).toBe(1e6);
    expect(fleet.rates.models?.ASR1002?.['esp-hardware']?.fit).toBe(1000);
  });

  it('refuses bad routers naming the path', () => {
    const fields = (raw: unknown): string[] => {
      try {
        parseForecastFleet(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fields({ routers: [] })).toEqual(['routers']);
    expect(
      fields({
        routers: [
          { hostname: 'a', model: 'ASR9000' },
          { hostname: 'b', model: 'ASR1004', hardware: { esps: 2 } },
          { hostname: 'c', model: 'ASR1006', redundancy: 'hsrp' },
          { hostname: 'ok', model: 'ASR1006' },
          { hostname: 'ok', model: 'ASR1006' },
          { hostname: 'd', model: 'ASR1006', colour: 'red' },
        ],
        extra: 1,
      }),
    ).toEqual(['extra', 'routers.0.model', 'routers.1.hardware.esps', 'routers.2.redundancy', 'routers.4.hostname', 'routers.5.colour']);
  });

  it('applies what a chassis can take', () => {
    const w = parseWhatIf(['redundancy=sso', 'esps=2', 'rps=2', 'spares=true']);
    const dual = applyWhatIf({ hostname: 'c', model: 'ASR1006', redundancy: 'rpr', version: '17.3.4a', hardware: { esps: 1, rps: 1 } }, w);
    expect(dual.refused).toEqual([]);
    expect(dual.router).toMatchObject({ redundancy: 'sso', spares: true, hardware: { esps: 2, rps: 2 } });
    const fixed = applyWhatIf({ hostname: 'e', model: 'ASR1002-X', redundancy: 'rpr', version: '17.3.4a' }, w);
    expect(fixed.refused.map((r) => r.key)).toEqual(['rps', 'esps']);
    expect(fixed.router).toMatchObject({ redundancy: 'sso', spares: true });
    expect(() => parseWhatIf(['colour=red'])).toThrow(/unknown what-if "colour=red"/);
  });
});

describe('forecast records (shards)', () => {
  it('a report built from JSON records of two shards equals the embedded report byte for byte', () => {
    const routers = sampleForecastFleet().routers;
    const options = { seed: 12, trials: 25 };
    const whatIf = { redundancy: 'sso' as const, esps: 2 };
    const embedded = JSON.stringify(forecastFleet(routers, options, whatIf));
    const shard = (part: typeof routers) => JSON.parse(JSON.stringify(runForecast(part, options).map(forecastRecord))) as RouterForecastRecord[];
    const changed = routers.map((r) => applyWhatIf(r, whatIf));
    const baseline = [...shard(routers.slice(5)), ...shard(routers.slice(0, 5))].map((r) => forecastFromRecord(r, options));
    const alternative = [...shard(changed.slice(0, 3).map((c) => c.router)), ...shard(changed.slice(3).map((c) => c.router))].map((r) =>
      forecastFromRecord(r, options),
    );
    const rebuilt = forecastReport(options, baseline, { changes: whatIf, refused: changed.flatMap((c) => c.refused), forecasts: alternative });
    expect(JSON.stringify(rebuilt)).toBe(embedded);
  });
});
