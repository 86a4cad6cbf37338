import type { ForecastRouter, RouterForecastRecord } from '@asr-twin/forecast';

/**
 * The compact storage of a router's forecast (`forecast_results.stats`): float64 values, little-endian — the
 * control-plane downtime of each trial, the data-plane downtime of each trial, then per failure class the mean
 * control-plane and data-plane downtime and the failures per year. Doubles are stored exactly, so a report built
 * from stored records is byte-identical to one built in memory.
 */
export function encodeStats(r: RouterForecastRecord): Buffer {
  const values = [...r.controlPlaneS, ...r.dataPlaneS, ...r.controlPlaneByCauseS, ...r.dataPlaneByCauseS, ...r.failuresPerYear];
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, k) => buf.writeDoubleLE(v, k * 8));
  return buf;
}

/** The arrays of {@link encodeStats}, given the number of trials (the class count follows from the length). */
export function decodeStats(
  buf: Buffer,
  trials: number,
): Pick<RouterForecastRecord, 'controlPlaneS' | 'dataPlaneS' | 'controlPlaneByCauseS' | 'dataPlaneByCauseS' | 'failuresPerYear'> {
  const n = buf.length / 8;
  const values = new Array<number>(n);
  for (let k = 0; k < n; k++) values[k] = buf.readDoubleLE(k * 8);
  const classes = (n - 2 * trials) / 3;
  if (!Number.isInteger(classes) || classes < 0) throw new Error(`stored forecast stats of ${n} values do not fit ${trials} trials`);
  let at = 0;
  const take = (count: number): number[] => values.slice(at, (at += count));
  return {
    controlPlaneS: take(trials),
    dataPlaneS: take(trials),
    controlPlaneByCauseS: take(classes),
    dataPlaneByCauseS: take(classes),
    failuresPerYear: take(classes),
  };
}

/** A stored result row back as the record the forecast library builds reports from. */
export function recordOf(
  router: ForecastRouter,
  trials: number,
  row: { stats: Buffer; simulations: number; quiet: number; events: string | number; errors: number; first_error: string | null },
): RouterForecastRecord {
  return {
    router,
    ...decodeStats(row.stats, trials),
    simulations: row.simulations,
    quiet: row.quiet,
    events: Number(row.events),
    errors: row.errors,
    firstError: row.first_error,
  };
}
