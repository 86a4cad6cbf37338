import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsvInventory } from './inventory-csv.parser.js';
import { parseNetboxInventory } from './inventory-netbox.parser.js';
import { chassisModelOf, parseLabelText, redundancyModeOf } from './inventory-rows.js';

describe('chassisModelOf', () => {
  it.each([
    ['ASR1002-X', 'ASR1002-X'],
    ['asr1002-x', 'ASR1002-X'],
    ['ASR 1002-X', 'ASR1002-X'],
    ['Cisco ASR1002X', 'ASR1002-X'],
    ['asr-1006', 'ASR1006'],
    ['cisco-asr1001-x', 'ASR1001-X'],
    ['ASR 1006', 'ASR1006'],
    ['ISR4451-X', null],
    ['C8500-12X', null],
  ])('%s → %s', (text, model) => expect(chassisModelOf(text)).toBe(model));
});

describe('labels and redundancy', () => {
  it('reads key=value pairs separated by ";", values may hold "="', () => {
    expect(parseLabelText(' site=ams1 ; expr=a=b;; ')).toEqual({ site: 'ams1', expr: 'a=b' });
    expect(() => parseLabelText('site')).toThrow(/"site" is not key=value/);
    expect(() => parseLabelText('a=1;a=2')).toThrow(/given twice/);
  });

  it('knows sso, rpr, none and simplex in any case', () => {
    expect(['SSO', 'rpr', 'None', 'simplex', 'standby'].map(redundancyModeOf)).toEqual(['sso', 'rpr', 'none', 'none', null]);
  });
});

describe('CSV', () => {
  it('follows RFC 4180: quoted commas, doubled quotes, line breaks in quotes; records keep the line they start on', () => {
    expect(csvRecords('a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
    expect(() => csvRecords('a\n"x"y\n')).toThrow(/line 2: a quoted field must end/);
  });

  it('needs a header with hostname, warns of unknown columns, refuses rows of the wrong width', () => {
    const parsed = parseCsvInventory('\uFEFFHostname,Model,Rack\nr1,ASR1001,12\nr2,ASR1001\n');
    expect(parsed.warnings).toEqual([expect.stringMatching(/^unknown column\(s\) ignored: rack/)]);
    expect(parsed.rows).toEqual([
      { row: 2, hostname: 'r1', model: 'ASR1001', warnings: [] },
      { row: 3, warnings: [], refusal: 'has 2 field(s), the header 3' },
    ]);
    expect(() => parseCsvInventory('r1,ASR1001\n')).toThrow(/no hostname column/);
  });
});

describe('NetBox', () => {
  it('maps name, device type, serial, custom fields and labels; a bare array works too', () => {
    const device = {
      name: 'r1',
      device_type: { model: '', slug: 'asr1001-x' },
      serial: 'abc12345',
      site: { slug: 'ams1' },
      device_role: { slug: 'edge' },
      status: { value: 'planned' },
      tags: [{ name: 'Core', slug: 'core' }],
      custom_fields: { sw_version: '17.9.4', redundancy: 'RPR', other: 1 },
    };
    const parsed = parseNetboxInventory([device, { device_type: { model: 'ASR1006' } }, 'x']);
    expect(parsed.rows[0]).toEqual({
      row: 0,
      hostname: 'r1',
      model: 'asr1001-x',
      serial: 'abc12345',
      version: '17.9.4',
      redundancy: 'RPR',
      labels: { site: 'ams1', role: 'edge', status: 'planned', 'tag/core': 'true' },
      warnings: ['NetBox status is "planned": imported, labelled status=planned'],
    });
    expect(parsed.rows[1]!.refusal).toMatch(/no name/);
    expect(parsed.rows[2]!.refusal).toBe('not a NetBox device object');
    expect(parsed.warnings).toEqual(['custom field(s) not mapped, ignored: other']);
    expect(() => parseNetboxInventory({ devices: [] })).toThrow(/NetBox device list/);
  });
});
