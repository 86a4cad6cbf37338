export type Tone = 'good' | 'standby' | 'transition' | 'bad' | 'neutral';

/** A colour class for a state word: good (green), standby (blue), transitional (amber), bad (red). */
export function stateTone(state: string): Tone {
  const s = state.toUpperCase();
  if (/^(ACTIVE|UP|RUNNING|OK)$/.test(s) || s === 'FORWARDING') return 'good';
  if (s === 'STANDBY HOT' || s === 'STANDBY') return 'standby';
  if (/ACTIVE[ _-]|STANDBY|INIT|NEGOTIATION|BOOT|REBOOT|RELOAD|PAUSED|BLOCKED|STARTING|RESET|VERSION/.test(s)) return 'transition';
  if (/DISABLED|CRASHED|SHUTOFF|DOWN|PANIC|FAIL|DEAD|STOPPED|HUNG|NOT FORWARDING/.test(s)) return 'bad';
  return 'neutral';
}

/** Chart colours of the tones (the same hues as the CSS badges). */
export const TONE_COLOURS: Readonly<Record<Tone, string>> = {
  good: '#2e9d5b',
  standby: '#2f6fb5',
  transition: '#e0a526',
  bad: '#c9403a',
  neutral: '#8a94a3',
};

const NEUTRAL_PALETTE = ['#7b6fb0', '#4f9aa8', '#a0707f', '#6e8f4e', '#8a94a3'];

/** A chart colour for a state: its tone's, or for states without one (instance names, versions) a stable hue. */
export function stateColour(state: string): string {
  const tone = stateTone(state);
  if (tone !== 'neutral') return TONE_COLOURS[tone];
  let hash = 0;
  for (const ch of state) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return NEUTRAL_PALETTE[hash % NEUTRAL_PALETTE.length] as string;
}
