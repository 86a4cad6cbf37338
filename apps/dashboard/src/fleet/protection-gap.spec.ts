import { describe, expect, it } from 'vitest';
import { type GapInput, protectionGap } from './protection-gap';

const healthy: GapInput = {
  health: 'protected',
  redundancyMode: 'sso',
  operatingMode: null,
  hosts: [{ slot: 'R0', state: 'up' }],
  instances: [
    { name: 'R0/0', rfState: 'ACTIVE', domainState: 'RUNNING' },
    { name: 'R0/1', rfState: 'STANDBY HOT', domainState: 'RUNNING' },
  ],
  esps: [{ slot: 'F0', state: 'ok', forwarding: true }],
};
const peer = (patch: Partial<GapInput['instances'][number]>) => [healthy.instances[0]!, { ...healthy.instances[1]!, ...patch }];

describe('protectionGap', () => {
  it('has nothing to say about a protected router', () => {
    expect(protectionGap(healthy)).toBeNull();
  });

  it('names a standby below STANDBY HOT by its RF state, or its guest state when not running', () => {
    expect(protectionGap({ ...healthy, health: 'degraded', instances: peer({ rfState: 'STANDBY COLD-BULK' }) })).toBe('standby STANDBY COLD-BULK');
    expect(protectionGap({ ...healthy, health: 'degraded', instances: peer({ rfState: 'DISABLED', domainState: 'SHUTOFF' }) })).toBe('standby SHUTOFF');
  });

  it('says simplex for a router without a peer or configured without redundancy', () => {
    expect(protectionGap({ ...healthy, health: 'degraded', redundancyMode: 'none', instances: peer({ rfState: 'DISABLED', domainState: 'SHUTOFF' }) })).toBe(
      'simplex',
    );
    expect(protectionGap({ ...healthy, health: 'degraded', instances: [healthy.instances[0]!] })).toBe('simplex');
  });

  it('says operating RPR, configured or fallen back to, and accepts a STANDBY COLD peer then', () => {
    expect(protectionGap({ ...healthy, health: 'degraded', redundancyMode: 'rpr', instances: peer({ rfState: 'STANDBY COLD' }) })).toBe('operating RPR');
    expect(protectionGap({ ...healthy, health: 'degraded', operatingMode: 'rpr', instances: peer({ rfState: 'STANDBY COLD' }) })).toBe('operating RPR');
  });

  it('names a failed ESP, and says when none forwards', () => {
    const esps = [
      { slot: 'F0', state: 'ok', forwarding: true },
      { slot: 'F1', state: 'failed', forwarding: false },
    ];
    expect(protectionGap({ ...healthy, health: 'degraded', instances: peer({ rfState: 'STANDBY COLD' }), esps })).toBe('standby STANDBY COLD; ESP F1 failed');
    expect(protectionGap({ ...healthy, health: 'down', esps: [{ slot: 'F0', state: 'failed', forwarding: false }] })).toBe('ESP F0 failed; no ESP forwarding');
  });

  it('names a down RP host and a missing or unfinished active', () => {
    const hosts = [
      { slot: 'R0', state: 'up' },
      { slot: 'R1', state: 'rebooting' },
    ];
    expect(protectionGap({ ...healthy, health: 'degraded', hosts, instances: peer({ rfState: 'DISABLED' }) })).toBe('RP R1 rebooting; standby DISABLED');
    expect(
      protectionGap({
        ...healthy,
        health: 'down',
        instances: [
          { name: 'R0/0', rfState: 'STANDBY COLD', domainState: 'RUNNING' },
          { name: 'R0/1', rfState: 'DISABLED', domainState: 'CRASHED' },
        ],
      }),
    ).toBe('no ACTIVE IOS; standby STANDBY COLD; standby CRASHED');
  });

  it('falls back to the health when nothing in the state explains it', () => {
    expect(protectionGap({ ...healthy, health: 'degraded' })).toBe('degraded');
  });
});
