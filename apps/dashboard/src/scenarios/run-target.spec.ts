import { CHASSIS_MODELS as DOMAIN_MODELS } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS, describeTarget, parseLabels, TargetError, toTargetInput } from './run-target';

describe('run targets', () => {
  it('names the same chassis models as the domain', () => {
    expect([...CHASSIS_MODELS]).toEqual([...DOMAIN_MODELS]);
  });

  it('builds the contract target of each choice', () => {
    expect(toTargetInput({ kind: 'scenario' })).toBeUndefined();
    expect(toTargetInput({ kind: 'router', hostname: 'ams-edge-01' })).toEqual({ routers: ['ams-edge-01'] });
    expect(toTargetInput({ kind: 'routers', hostnames: 'a, b\nc' })).toEqual({ routers: ['a', 'b', 'c'] });
    expect(toTargetInput({ kind: 'fleet', fleet: 'core' })).toEqual({ fleet: 'core' });
    expect(toTargetInput({ kind: 'selector', fleet: '', model: 'ASR1006', labels: 'site=ams, role = edge' })).toEqual({
      model: 'ASR1006',
      labels: [
        { key: 'site', value: 'ams' },
        { key: 'role', value: 'edge' },
      ],
    });
  });

  it('says what is missing', () => {
    expect(() => toTargetInput({ kind: 'fleet', fleet: '' })).toThrow(TargetError);
    expect(() => toTargetInput({ kind: 'routers', hostnames: ' ' })).toThrow('at least one');
    expect(() => toTargetInput({ kind: 'selector', fleet: '', model: '', labels: '' })).toThrow('a selector needs');
    expect(() => parseLabels('site')).toThrow('label "site" is not key=value');
  });

  it('describes stored targets', () => {
    expect(describeTarget({ kind: 'scenario' })).toBe("the scenario's routers");
    expect(describeTarget({ kind: 'routers', hostnames: ['r1'] })).toBe('router r1');
    expect(describeTarget({ kind: 'routers', hostnames: ['r1', 'r2'] })).toBe('2 routers');
    expect(describeTarget({ kind: 'selector', selector: { fleet: 'core', labels: { site: 'ams' } } })).toBe('fleet core, site=ams');
  });
});
