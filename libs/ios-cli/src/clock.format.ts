/**
 * Wall-clock time of the twin's simulated router, for `show version` lines such as
 * `System restarted at 23:02:42 MET-DST Fri Jul 25 2014` (domain reference §5.2).
 *
 * The zone is plain data (a label and a fixed offset): IOS prints the configured `clock timezone` name, not
 * an IANA zone, and a pure library must not consult the host's time-zone database.
 */
export interface ShowClock {
  /** Simulated "now" as Unix epoch ms. */
  readonly nowEpochMs: number;
  /** Name IOS prints, e.g. `UTC`, `MET-DST`, `PDT`. */
  readonly zone: string;
  /** Offset of that zone from UTC in minutes, e.g. 120 for MET-DST. */
  readonly utcOffsetMinutes: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `HH:MM:SS ZONE Ddd Mmm D YYYY`, the form of `System restarted at …` (day of month not padded: `Fri Feb 1
 * 2019` in public captures).
 */
export function formatIosTimestamp(epochMs: number, clock: Pick<ShowClock, 'zone' | 'utcOffsetMinutes'>): string {
  const local = new Date(epochMs + clock.utcOffsetMinutes * 60_000);
  const time = `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`;
  const weekday = WEEKDAYS[local.getUTCDay()] ?? 'Sun';
  const month = MONTHS[local.getUTCMonth()] ?? 'Jan';
  return `${time} ${clock.zone} ${weekday} ${month} ${local.getUTCDate()} ${local.getUTCFullYear()}`;
}

/** `Ddd dd-Mmm-yy HH:MM`, the form of an image's `Compiled Mon 27-May-13 13:56 by mcpre` line. */
export function formatCompileDate(epochMs: number): string {
  const d = new Date(epochMs);
  const weekday = WEEKDAYS[d.getUTCDay()] ?? 'Sun';
  const month = MONTHS[d.getUTCMonth()] ?? 'Jan';
  const yy = pad2(d.getUTCFullYear() % 100);
  return `${weekday} ${pad2(d.getUTCDate())}-${month}-${yy} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
