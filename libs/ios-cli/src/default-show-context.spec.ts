import { readFileSync } from 'node:fs';
import { CHASSIS_MODELS, RF } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultSerial, defaultShowContext } from './default-show-context.js';
import { redundancyFactsFromShowRedundancy } from './observed-redundancy.js';
import { parseShowRedundancy } from './show-redundancy.parser.js';
import { renderShowRedundancy } from './show-redundancy.renderer.js';

describe('defaultShowContext', () => {
  it('builds a freshly booted, protected router for every model, with a stable serial', () => {
    for (const model of CHASSIS_MODELS) {
      const ctx = defaultShowContext({ hostname: `r-${model}`, model });
      expect(ctx.state.instances.map((i) => i.rfState)).toEqual([RF.ACTIVE, RF.STANDBY_HOT]);
      expect(ctx.serial).toMatch(/^FXS[0-9A-Z]{8}$/);
      expect(ctx.controlProcessorUptimeMs - ctx.systemUptimeMs).toBe(120_000);
      expect(ctx.platform.carriers.length).toBeGreaterThan(0);
    }
    expect(defaultSerial('edge-1')).toBe(defaultSerial('edge-1'));
    expect(defaultSerial('edge-1')).not.toBe(defaultSerial('edge-2'));
  });

  it('lets overrides replace whole fields and keeps the router’s own serial', () => {
    const ctx = defaultShowContext(
      { hostname: 'r', model: 'ASR1004', serial: 'FOX1444GPXU', redundancyMode: 'rpr', softwareVersion: '16.9.4' },
      { switchovers: 3, lastSwitchoverReason: 'user forced' },
    );
    expect(ctx).toMatchObject({ serial: 'FOX1444GPXU', switchovers: 3, lastSwitchoverReason: 'user forced' });
    expect(ctx.state.redundancyMode).toBe('rpr');
    expect(ctx.state.instances.map((i) => i.softwareVersion)).toEqual(['16.9.4', '16.9.4']);
  });
});

describe('observations mapped onto twin instances', () => {
  it('maps the ASR1006 capture to R0/0 ACTIVE and R1/0 STANDBY HOT', () => {
    const text = readFileSync(new URL('../test-fixtures/asr1006-show-redundancy-sso.txt', import.meta.url), 'utf8');
    const parsed = parseShowRedundancy(text);
    const facts = parsed.ok ? redundancyFactsFromShowRedundancy(parsed.value, 'ASR1006') : parsed;
    expect(facts).toEqual({
      ok: true,
      value: {
        configuredMode: 'sso',
        operatingMode: 'sso',
        instances: [
          { name: 'R0/0', rfState: RF.ACTIVE },
          { name: 'R1/0', rfState: RF.STANDBY_HOT },
        ],
      },
    });
  });

  it('refuses locations that are no ASR 1000 redundancy slot', () => {
    const text = renderShowRedundancy(defaultShowContext({ hostname: 'r', model: 'ASR1006' })).replace('slot 6', 'slot 1/5');
    const parsed = parseShowRedundancy(text);
    expect(parsed.ok && redundancyFactsFromShowRedundancy(parsed.value, 'ASR1006')).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', message: 'slot 1/5 is not a redundancy slot of an ASR1006 (6 or 7)' },
    });
  });
});
