import { describe, expect, it } from 'vitest';
import type { ForecastRouter } from './fault-draw.js';
import { forecastRouter, YEAR_MS } from './forecast-run.js';
import { FAILURE_CLASSES, type FailureClass } from './rate-catalogue.js';
import type { RateOverride, RateOverrides } from './rate-overrides.js';
import { meanInterval, SECONDS_PER_YEAR } from './statistics.js';

/**
 * Independent checks of the Monte Carlo against closed forms (issue #18, item 4). The simulator stays in the loop:
 * ESP failures are played by it, with the ESP switchover and ESP boot set to 0 so that an outage lasts exactly as
 * long as the repair windows say, which is what the Markov models assume.
 *
 * - Simplex, one failure class, exponential repair: an alternating renewal process, unavailability
 *   U = MTTR / (MTBF + MTTR).
 * - 1+1 pair, independent failures and independent repair (one crew per unit): the Markov chain on
 *   {both up, one down, both down} with rates 2λ, μ / λ, 2μ has π(both down) = (λ/(λ+μ))² = U².
 *
 * The figures are chosen far from real ones (MTBF 1,000 h, MTTR 500 h) so a year holds several failures per unit
 * and a few hundred trials give a tight interval.
 */
const MTBF = 1000;
const MTTR = 500;
const INSTANT = { espSwitchover: 0, espPacketReady: 0 };

function only(cls: FailureClass, override: RateOverride): RateOverrides {
  const off = Object.fromEntries(FAILURE_CLASSES.map((c) => [c, { fit: 0 }]));
  return { ...off, [cls]: override };
}

function unavailability(router: ForecastRouter, trials: number, seed: number, override: RateOverride = { mtbfHours: MTBF, mttrNoSparesHours: MTTR }) {
  const f = forecastRouter(router, { seed, trials, periodMs: YEAR_MS, timing: INSTANT, rates: { request: only('esp-hardware', override) } });
  expect(f.errors).toBe(0);
  const perTrial = f.dataPlaneS.map((s) => s / SECONDS_PER_YEAR);
  const { mean, halfWidth } = meanInterval(perTrial);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, width: 2 * halfWidth, controlPlane: f.controlPlaneS };
}

const SIMPLEX: ForecastRouter = { hostname: 'simplex-esp', model: 'ASR1006', redundancy: 'sso', version: '17.3.4a', hardware: { esps: 1 } };
const PAIR: ForecastRouter = { hostname: 'dual-esp', model: 'ASR1006', redundancy: 'sso', version: '17.3.4a', hardware: { esps: 2 } };

// Each test takes well under a second on an idle core; the limit only guards a loaded CI machine.
describe('Monte Carlo against closed-form availability', { timeout: 20_000 }, () => {
  const u = MTTR / (MTBF + MTTR);

  it('simplex ESP with exponential repair: the 99 % interval holds MTTR / (MTBF + MTTR)', () => {
    const r = unavailability(SIMPLEX, 300, 11);
    expect(r.low).toBeLessThanOrEqual(u);
    expect(r.high).toBeGreaterThanOrEqual(u);
    // An ESP failure leaves the control plane alone.
    expect(Math.max(...r.controlPlane)).toBe(0);
  });

  it('the same interval rejects a model that keeps failing during repair (Poisson failures, U = λ·MTTR)', () => {
    const r = unavailability(SIMPLEX, 300, 11);
    expect(r.high).toBeLessThan(MTTR / MTBF);
  });

  it('the simplex interval moves with the repair rate: a doubled MTTR is outside the interval of the true one', () => {
    const r = unavailability(SIMPLEX, 300, 11);
    const doubled = (2 * MTTR) / (MTBF + 2 * MTTR);
    expect(r.high).toBeLessThan(doubled);
    const slow = unavailability(SIMPLEX, 300, 11, { mtbfHours: MTBF, mttrNoSparesHours: 2 * MTTR });
    expect(slow.low).toBeLessThanOrEqual(doubled);
    expect(slow.high).toBeGreaterThanOrEqual(doubled);
  });

  it('fixed repair times give the same steady state (renewal theory: only the mean repair time matters)', () => {
    const r = unavailability(SIMPLEX, 300, 12, { mtbfHours: MTBF, mttrNoSparesHours: MTTR, repairDistribution: 'fixed' });
    expect(r.low).toBeLessThanOrEqual(u);
    expect(r.high).toBeGreaterThanOrEqual(u);
  });

  it('1+1 ESP pair with independent repair: the 99 % interval holds the Markov chain’s (λ/(λ+μ))²', () => {
    const r = unavailability(PAIR, 300, 13);
    expect(r.low).toBeLessThanOrEqual(u * u);
    expect(r.high).toBeGreaterThanOrEqual(u * u);
    // Far below the simplex figure: the pair only fails when both units are down.
    expect(r.high).toBeLessThan(u / 2);
  });

  it('the pair’s interval excludes a single shared repair crew (π₂ = 2ρ² / (1 + 2ρ + 2ρ²), ρ = λ/μ)', () => {
    const r = unavailability(PAIR, 300, 13);
    const rho = MTTR / MTBF;
    const sharedCrew = (2 * rho * rho) / (1 + 2 * rho + 2 * rho * rho);
    expect(r.high).toBeLessThan(sharedCrew);
  });

  it('the interval narrows as trials grow (≈ 1/√n: four times the trials, half the width)', () => {
    const few = unavailability(SIMPLEX, 60, 21);
    const many = unavailability(SIMPLEX, 240, 21);
    const ratio = many.width / few.width;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.75);
  });
});
