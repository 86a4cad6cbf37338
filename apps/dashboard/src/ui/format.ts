/** A simulated duration for people: `0 ms`, `40 ms`, `2.5 s`, `2 min 47 s`, `1 h 05 min`; `—` for none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

function trim(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1).replace(/\.?0+$/, '');
}

/** Simulated time on a chart axis: `mm:ss` (or `h:mm:ss`). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Whole wall-clock seconds as `45 s`, `3 min 19 s`, `2 h 05 min`, `3 d 4 h`. */
function wallSpan(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return s === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${s} s`;
  }
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
  const hours = Math.floor((seconds % 86_400) / 3600);
  return hours === 0 ? `${Math.floor(seconds / 86_400)} d` : `${Math.floor(seconds / 86_400)} d ${hours} h`;
}

/**
 * A wall-clock time relative to `nowMs`: `just now` within 5 s, else `3 min 19 s ago` or `in 3 min 19 s`
 * (whole seconds); `—` for none. The exact time belongs in a `title` next to it ({@link formatDateTime}).
 */
export function formatRelative(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - nowMs) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  return seconds > 0 ? `in ${wallSpan(seconds)}` : `${wallSpan(-seconds)} ago`;
}

/** Time left until `iso` for a countdown: `3 min 19 s`, `0 s` once passed. */
export function formatCountdown(iso: string, nowMs: number): string {
  return wallSpan(Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 1000)));
}
