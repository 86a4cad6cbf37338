import type { TimelineEntry } from '../api/types';

/** A component's state over an interval of simulated time. */
export interface Segment {
  readonly lane: string;
  readonly state: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Something that happened at an instant (a fault, an action, a switchover). */
export interface Marker {
  readonly lane: string;
  readonly tMs: number;
  readonly event: string;
  readonly detail: string;
}

export interface Lanes {
  /** Lane names, top to bottom: router-level first, then components in slot order. */
  readonly lanes: readonly string[];
  readonly segments: readonly Segment[];
  readonly markers: readonly Marker[];
  readonly endMs: number;
}

/** Which track of a component an event with a state change moves (RF state, libvirt, host, ESP …). */
export function laneOf(entry: TimelineEntry): string {
  const e = entry.event;
  let track: string;
  if (e === 'rf-state') track = 'RF';
  else if (e.startsWith('libvirt') || e === 'host lost') track = 'libvirt';
  else if (e.startsWith('switchover') || e.startsWith('split-brain')) track = 'active';
  else track = e;
  return `${entry.component} ${track}`;
}

const EVENTS_LANE = 'router events';

function laneOrder(lane: string): string {
  // router first, then R0, R0/0, R0/1, R1 …, then ESPs; RF before libvirt within an instance.
  const [component = '', ...rest] = lane.split(' ');
  const track = rest.join(' ');
  const group = component === 'router' ? '0' : component.startsWith('R') ? '1' : '2';
  const trackRank = track === 'events' ? '0' : track === 'RF' ? '1' : track === 'libvirt' ? '2' : `3${track}`;
  return `${group} ${component.padEnd(6)} ${trackRank}`;
}

/** The simulator's chassis reload: an instant (`from` null, `to` the reason); the reload lasts until an instance is ACTIVE. */
const RELOAD_EVENT = 'chassis-reload';
export const RELOAD_LANE = 'router chassis reload';

/**
 * Turns a router's timeline (state changes `from → to` and instant events) into lanes of state segments
 * over simulated time, for a Gantt-like chart. A lane's state before its first change is that change's
 * `from`, from t = 0; its last state lasts until `endMs` (the latest event, or `horizonMs` when given).
 * Only entries with both `from` and `to` change a state: one with a single side (a chassis reload and its
 * reason, a peer loss, an OOM kill) is an instant, drawn as a marker. A chassis reload also gets a lane of
 * its own that lasts from the reload until an instance is ACTIVE again, and ends there.
 */
export function toLanes(entries: readonly TimelineEntry[], horizonMs?: number): Lanes {
  const sorted = [...entries].sort((a, b) => a.tMs - b.tMs);
  const lastT = sorted.length > 0 ? (sorted[sorted.length - 1] as TimelineEntry).tMs : 0;
  const endMs = Math.max(horizonMs ?? 0, lastT === 0 ? 1000 : lastT * 1.05);
  const open = new Map<string, { state: string; since: number }>();
  const segments: Segment[] = [];
  const markers: Marker[] = [];
  const lanes = new Set<string>();
  let reloadSince: number | null = null;
  for (const entry of sorted) {
    if (entry.from === null || entry.to === null) {
      const side = entry.from ?? entry.to;
      lanes.add(EVENTS_LANE);
      markers.push({ lane: EVENTS_LANE, tMs: entry.tMs, event: entry.event, detail: side === null ? entry.component : `${entry.component}: ${side}` });
      if (entry.event === RELOAD_EVENT) {
        lanes.add(RELOAD_LANE);
        reloadSince ??= entry.tMs;
      }
      continue;
    }
    const lane = laneOf(entry);
    lanes.add(lane);
    const current = open.get(lane) ?? { state: entry.from, since: 0 };
    if (entry.tMs > current.since) segments.push({ lane, state: current.state, fromMs: current.since, toMs: entry.tMs });
    open.set(lane, { state: entry.to, since: entry.tMs });
    if (reloadSince !== null && entry.event === 'rf-state' && entry.to === 'ACTIVE') {
      segments.push({ lane: RELOAD_LANE, state: 'reloading', fromMs: reloadSince, toMs: entry.tMs });
      reloadSince = null;
    }
  }
  for (const [lane, current] of open) segments.push({ lane, state: current.state, fromMs: current.since, toMs: endMs });
  if (reloadSince !== null) segments.push({ lane: RELOAD_LANE, state: 'reloading', fromMs: reloadSince, toMs: endMs });
  return { lanes: [...lanes].sort((a, b) => laneOrder(a).localeCompare(laneOrder(b))), segments, markers, endMs };
}
