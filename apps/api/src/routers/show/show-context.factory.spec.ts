import { initialRouterState, routerHealth } from '@asr-twin/domain';
import { renderShow } from '@asr-twin/ios-cli';
import type { RouterDetail } from '@asr-twin/persistence';
import { describe, expect, it } from 'vitest';
import { showContextOf } from './show-context.factory.js';

const BOOTED = '2026-01-01T00:00:00.000Z';
const NOW = Date.parse(BOOTED) + 15 * 3_600_000 + 4 * 60_000 + 20_000;

function stored(stateSince: RouterDetail['redundancy']['stateSince']): RouterDetail {
  const state = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
  return {
    id: '00000000-0000-4000-8000-000000000001',
    fleetId: '00000000-0000-4000-8000-000000000002',
    hostname: 'PE1',
    model: 'ASR1006',
    serial: 'FOX1444GPXU',
    softwareVersion: '17.3.4a',
    redundancyMode: 'sso',
    health: routerHealth(state),
    labels: {},
    createdAt: BOOTED,
    updatedAt: BOOTED,
    observedAt: null,
    observedCommand: null,
    state,
    redundancy: { switchovers: 0, standbyFailures: 0, lastSwitchoverReason: 'none', operatingMode: null, bootedAt: BOOTED, stateSince },
    stateVersion: 1,
  };
}

const inState = (text: string) => text.match(/Uptime in current state = (.*)/g);

describe('showContextOf: time in current state (§8.16)', () => {
  it('§8.16: a router whose states date from its boot shows the standby HOT about 3 min below the system uptime', () => {
    const text = renderShow('show redundancy', showContextOf(stored({ 'R0/0': BOOTED, 'R1/0': BOOTED }), NOW));
    expect(text).toContain('Available system uptime = 15 hours, 4 minutes\n');
    expect(inState(text)).toEqual(['Uptime in current state = 15 hours, 4 minutes', 'Uptime in current state = 15 hours, 1 minute']);
  });

  it('§8.16: a state entered after the boot keeps its stored time', () => {
    const since = new Date(NOW - 61 * 60_000).toISOString();
    const text = renderShow('show redundancy', showContextOf(stored({ 'R0/0': BOOTED, 'R1/0': since }), NOW));
    expect(inState(text)).toEqual(['Uptime in current state = 15 hours, 4 minutes', 'Uptime in current state = 1 hour, 1 minute']);
  });
});
