/**
 * The pending-event queue: a binary min-heap ordered by (time, seq), stored flat in a plain number array with
 * four slots per event `[timeMs, seq, code, token]`, and an explicit length (in slots). Plain numbers keep
 * the hot path free of per-event objects and the queue JSON-serialisable with the rest of the simulation
 * state; the explicit length avoids array push/pop bookkeeping and keeps the array's capacity between the
 * routers of a batch. Slots at or beyond the length are stale and never read.
 *
 * `seq` is unique and increasing, so ties in time pop in scheduling order: runs are deterministic.
 */
export const EVENT_STRIDE = 4;

/** Inserts an event into the heap of `length` slots; returns the new length. */
export function heapPush(q: number[], length: number, timeMs: number, seq: number, code: number, token: number): number {
  let i = length;
  while (i > 0) {
    const parent = (((i >> 2) - 1) >> 1) << 2;
    const pt = q[parent] as number;
    if (pt < timeMs || (pt === timeMs && (q[parent + 1] as number) < seq)) break;
    q[i] = pt;
    q[i + 1] = q[parent + 1] as number;
    q[i + 2] = q[parent + 2] as number;
    q[i + 3] = q[parent + 3] as number;
    i = parent;
  }
  q[i] = timeMs;
  q[i + 1] = seq;
  q[i + 2] = code;
  q[i + 3] = token;
  return length + EVENT_STRIDE;
}

/**
 * Removes the earliest event (the caller has read it at offsets 0–3) from a non-empty heap of `length`
 * slots; returns the new length.
 */
export function heapDropRoot(q: number[], length: number): number {
  const last = length - EVENT_STRIDE;
  if (last === 0) return 0;
  const t = q[last] as number;
  const s = q[last + 1] as number;
  const c = q[last + 2] as number;
  const k = q[last + 3] as number;
  let i = 0;
  for (;;) {
    const l = (i << 1) + EVENT_STRIDE;
    if (l >= last) break;
    const r = l + EVENT_STRIDE;
    const m = r < last && ((q[r] as number) < (q[l] as number) || (q[r] === q[l] && (q[r + 1] as number) < (q[l + 1] as number))) ? r : l;
    const mt = q[m] as number;
    if (t < mt || (t === mt && s < (q[m + 1] as number))) break;
    q[i] = mt;
    q[i + 1] = q[m + 1] as number;
    q[i + 2] = q[m + 2] as number;
    q[i + 3] = q[m + 3] as number;
    i = m;
  }
  q[i] = t;
  q[i + 1] = s;
  q[i + 2] = c;
  q[i + 3] = k;
  return last;
}
