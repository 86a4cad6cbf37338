/** Seconds in a 365-day year: annual downtime is downtime per this much time. */
export const SECONDS_PER_YEAR = 365 * 86_400;

/** Confidence level of every interval the forecast reports. */
export const CONFIDENCE_LEVEL = 0.99;
/** Two-sided standard-normal quantile of {@link CONFIDENCE_LEVEL}: Φ⁻¹(0.995). */
export const Z_99 = 2.5758293035489;

/** A confidence interval of a mean. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Confidence interval of the mean of independent trials, by the central limit theorem: mean ± z·s/√n, with s the
 * sample standard deviation (n − 1). Good once trials number in the hundreds, even for the skewed downtime of rare
 * failures; with few trials, or no failure drawn at all, it is too narrow (a zero-width interval around 0 means
 * "no failure seen", not "certainly none").
 */
export function meanInterval(values: ArrayLike<number>, z = Z_99): { readonly mean: number; readonly halfWidth: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, halfWidth: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  return { mean, halfWidth: (z * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) };
}

/** Quantile `q` of sorted values, linear between order statistics (Hyndman–Fan type 7, as R and NumPy default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** Annual downtime of a router over the trials, seconds per year. */
export interface DowntimeDistribution {
  readonly meanS: number;
  readonly p50S: number;
  readonly p95S: number;
  readonly p99S: number;
  /** {@link CONFIDENCE_LEVEL} confidence interval of the mean. */
  readonly ciS: Interval;
  /** 1 − mean downtime / year. */
  readonly availability: number;
  /** −log10(unavailability); null when no downtime was seen (not "infinitely many nines"). */
  readonly nines: number | null;
}

/** Rounds to `digits` decimals, so reports print the same on every platform and stay short. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Summary of per-trial annual downtimes (seconds per year). */
export function summarize(annualSeconds: Float64Array): DowntimeDistribution {
  const sorted = Float64Array.from(annualSeconds).sort();
  const { mean, halfWidth } = meanInterval(annualSeconds);
  const unavailability = mean / SECONDS_PER_YEAR;
  return {
    meanS: round(mean, 3),
    p50S: round(quantileSorted(sorted, 0.5), 3),
    p95S: round(quantileSorted(sorted, 0.95), 3),
    p99S: round(quantileSorted(sorted, 0.99), 3),
    ciS: { low: round(Math.max(0, mean - halfWidth), 3), high: round(mean + halfWidth, 3) },
    availability: round(1 - unavailability, 9),
    nines: unavailability > 0 ? round(-Math.log10(unavailability), 2) : null,
  };
}
