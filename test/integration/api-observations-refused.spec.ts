import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { capture } from '../support/ios-captures.js';

let db: TestDatabase;
let api: RunningApi;

const admin = (method: string, path: string, body?: unknown) => request(api.url, method, path, body, bearer(api.adminKey));

/** What a client can see of a router: its tree and its change log, as served. */
async function snapshot(router: string): Promise<string[]> {
  const views = await Promise.all([admin('GET', `/api/v1/routers/${router}`), admin('GET', `/api/v1/routers/${router}/changes`)]);
  return views.map((v) => v.text);
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  await admin('POST', '/api/v1/fleets', { name: 'lab' });
  await admin('POST', '/api/v1/fleets/lab/routers', [
    { hostname: 'victim', model: 'ASR1002-X' },
    { hostname: 'victim-6', model: 'ASR1006' },
  ]);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const CATALYST_VERSION = `Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc5)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre

ROM: IOS-XE ROMMON
BOOTLDR: System Bootstrap, Version 17.11.1r, RELEASE SOFTWARE (P)

sw1 uptime is 2 weeks, 3 days, 4 hours, 5 minutes
Uptime for this control processor is 2 weeks, 3 days, 4 hours, 7 minutes
System returned to ROM by Reload Command
System image file is "flash:packages.conf"
Last reload reason: Reload Command

cisco C9300-48P (X86) processor with 1338934K/6147K bytes of memory.
Processor board ID FOC2233X0AB
`;

const CATALYST_REDUNDANCY = `Redundant System Information :
------------------------------
       Available system uptime = 2 weeks, 3 days, 4 hours, 5 minutes
Switchovers system experienced = 0
              Standby failures = 0
        Last switchover reason = none

                 Hardware Mode = Duplex
    Configured Redundancy Mode = sso
     Operating Redundancy Mode = sso
              Maintenance Mode = Disabled
                Communications = Up

Current Processor Information :
-------------------------------
               Active Location = slot 1
        Current Software state = ACTIVE
       Uptime in current state = 2 weeks, 3 days, 4 hours, 5 minutes
                 Image Version = Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc5)
`;

const redundancy = capture('asr1006Redundancy');
const ipRoute = `victim#show ip route
Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
Gateway of last resort is 10.0.0.1 to network 0.0.0.0
S*    0.0.0.0/0 [1/0] via 10.0.0.1
victim#`;

/** The twin's own show platform of the ASR1002-X with its RP claiming standby: which instance is meant is unknown. */
async function singleRpPlatformWithStandbyR0(): Promise<string> {
  const platform = (await admin('GET', '/api/v1/routers/victim/show/platform')).text;
  const edited = platform.replace(/^(R0\s+\S+\s+)ok {9}/m, '$1ok, standby');
  expect(edited).not.toBe(platform);
  return edited;
}

/** [case, router, content type, body, status, code, text the detail or an issue must contain] */
const refused: [string, string, string, string | (() => Promise<string>), number, string, RegExp][] = [
  ['an empty body', 'victim', 'text/plain', '', 400, 'VALIDATION_FAILED', /the text is empty/],
  ['blank lines', 'victim', 'text/plain', '  \n\n \r\n', 400, 'VALIDATION_FAILED', /the text is empty/],
  ['garbage text', 'victim', 'text/plain', 'hello, router\nplease be redundant', 400, 'VALIDATION_FAILED', /not the output of show redundancy/],
  [
    'two outputs without their prompt lines',
    'victim',
    'text/plain',
    `${redundancy}${capture('asr1001Version')}`,
    400,
    'VALIDATION_FAILED',
    /the text from line 1: the text looks like the output of several commands \(show redundancy, show version\); keep the prompt line/,
  ],
  ['another command', 'victim', 'text/plain', ipRoute, 400, 'VALIDATION_FAILED', /"show ip route" \(line 1\) is not the output/],
  ['unicode junk', 'victim', 'text/plain', '💥\u200b\u202e ﷽ \ud83d Ω≈ç√∫ \uFFFD'.repeat(50), 400, 'VALIDATION_FAILED', /not the output of/],
  ['NUL and escape characters', 'victim', 'text/plain', `${redundancy}\u0000\u001b[2J`, 400, 'VALIDATION_FAILED', /U\+0000 \(NUL\) at line 37, column 1/],
  ['escape characters', 'victim', 'text/plain', `${redundancy}\u001b[2J`, 400, 'VALIDATION_FAILED', /line 37: control characters/],
  ['a 3,000-character line', 'victim', 'text/plain', `Cisco IOS Software, ${' '.repeat(3_000)}x`, 400, 'VALIDATION_FAILED', /line 1: longer than 2048/],
  [
    'the truncated ASR1002-X simplex capture',
    'victim',
    'text/plain',
    capture('asr1002xRedundancyTail'),
    400,
    'VALIDATION_FAILED',
    /show redundancy \(from line 1\): no "Current Processor Information" section/,
  ],
  [
    'an unknown RF state',
    'victim',
    'text/plain',
    redundancy.replace('STANDBY HOT ', 'STANDBY WARM'),
    400,
    'VALIDATION_FAILED',
    /"STANDBY WARM" is not an RF state \(line 29\)/,
  ],
  [
    'a command given twice',
    'victim',
    'text/plain',
    `r#show redundancy\n${redundancy}r#show redundancy\n${redundancy}`,
    400,
    'VALIDATION_FAILED',
    /show redundancy \(line 39\) appears twice/,
  ],
  [
    'RPR+ (not on an ASR 1000)',
    'victim',
    'text/plain',
    redundancy.replaceAll(/Redundancy Mode = sso/g, 'Redundancy Mode = rpr+'),
    400,
    'VALIDATION_FAILED',
    /RPR\+ does not exist/,
  ],
  [
    'an implausible uptime',
    'victim',
    'text/plain',
    redundancy.replace('= 15 hours, 4 minutes', '= 9999 years, 4 minutes'),
    400,
    'VALIDATION_FAILED',
    /line 3\): an uptime of more than 50 years/,
  ],
  [
    'a counter too large to store',
    'victim',
    'text/plain',
    redundancy.replace('experienced = 0', 'experienced = 99999999999'),
    400,
    'VALIDATION_FAILED',
    /too large a count/,
  ],
  [
    'an unknown switchover reason',
    'victim',
    'text/plain',
    redundancy.replace('reason = none', 'reason = Active lost GW'),
    400,
    'VALIDATION_FAILED',
    /"Active lost GW" is none of/,
  ],
  [
    'a Catalyst show redundancy (slot 1)',
    'victim',
    'text/plain',
    CATALYST_REDUNDANCY,
    400,
    'VALIDATION_FAILED',
    /slot 1 is not a redundancy slot of an ASR1002-X/,
  ],
  [
    'show redundancy and show redundancy states that disagree',
    'victim',
    'text/plain',
    `r#show redundancy\n${redundancy}r#show redundancy states\n${capture('statesSimplex')}`,
    400,
    'VALIDATION_FAILED',
    /puts R0\/1 in STANDBY HOT, show redundancy states \(line 39\) in DISABLED/,
  ],
  [
    'an ESP slot the chassis lacks',
    'victim',
    'text/plain',
    capture('asr1006Platform').replace(/^Chassis type: .*$/m, ''),
    400,
    'VALIDATION_FAILED',
    /an ASR1002-X has no slot R1/,
  ],
  ['a Catalyst show version', 'victim', 'text/plain', CATALYST_VERSION, 409, 'CONFLICT', /is the output of an C9300-48P; victim is an ASR1002-X/],
  [
    'show version of an ASR1006',
    'victim',
    'text/plain',
    capture('asr1001Version').replace('ASR1001 (1RU)', 'ASR1006 (RP2)'),
    409,
    'CONFLICT',
    /show version \(line 26\) is the output of an ASR1006/,
  ],
  ['show platform of an ASR1006', 'victim', 'text/plain', capture('asr1006Platform'), 409, 'CONFLICT', /show platform \(line 1\) is the output of an ASR1006/],
  [
    'an RP role a single-RP twin cannot place',
    'victim',
    'text/plain',
    singleRpPlatformWithStandbyR0,
    409,
    'CONFLICT',
    /on a single-RP chassis send show redundancy/,
  ],
  [
    'both RPs active',
    'victim-6',
    'text/plain',
    capture('asr1006Platform').replace('ok, standby', 'ok, active '),
    409,
    'INVARIANT_VIOLATION',
    /at most one IOS instance may be active/,
  ],
  ['a JSON body without output', 'victim', 'application/json', '{"text":"show version"}', 400, 'VALIDATION_FAILED', /output/],
  ['a JSON output that is not text', 'victim', 'application/json', '{"output":42}', 400, 'VALIDATION_FAILED', /output/],
  ['a JSON array', 'victim', 'application/json', '["show version"]', 400, 'VALIDATION_FAILED', /got an array/],
  ['malformed JSON', 'victim', 'application/json', '{"output": "x', 400, 'MALFORMED_REQUEST', /JSON/i],
  ['an empty JSON body', 'victim', 'application/json', '', 400, 'MALFORMED_REQUEST', /empty/],
  [
    'a content type that is neither text nor JSON',
    'victim',
    'application/xml',
    '<output/>',
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    /takes a body of type text\/plain, application\/json; got application\/xml/,
  ],
  ['a 4 MB paste', 'victim', 'text/plain', `${redundancy}\n`.repeat(2_500).slice(0, 4_000_000), 413, 'PAYLOAD_TOO_LARGE', /limited to 262144 characters/],
  ['a paste over the 4 MiB body limit', 'victim', 'text/plain', 'x\n'.repeat(2_300_000), 413, 'PAYLOAD_TOO_LARGE', /too large/i],
];

describe.each(refused)('refuses %s', (_name, router, contentType, body, status, code, message) => {
  it(`with ${status} ${code} and leaves the router byte-for-byte unchanged`, async () => {
    const before = await snapshot(router);
    const payload = typeof body === 'string' ? body : await body();
    const res = await request<Problem>(api.url, 'POST', `/api/v1/routers/${router}/observations`, payload, {
      ...bearer(api.adminKey),
      'content-type': contentType,
    });
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect([res.body.detail, ...(res.body.errors ?? []).map((e) => e.message)].join('\n')).toMatch(message);
    expect(await snapshot(router)).toEqual(before);
  });
});

describe('creating a router from observations', () => {
  const create = (body: string) =>
    request<Problem>(api.url, 'POST', '/api/v1/fleets/lab/routers/observations', body, { ...bearer(api.adminKey), 'content-type': 'text/plain' });

  it('needs show version', async () => {
    const res = await create(redundancy);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/show version is required/);
  });

  it('needs an ASR 1000 model', async () => {
    const res = await create(CATALYST_VERSION);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/C9300-48P is not an ASR 1000 model the twin knows/);
  });

  it('refuses show platform of another chassis than show version', async () => {
    const res = await create(`r#show version\n${capture('asr1001Version')}r#show platform\n${capture('asr1006Platform')}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/show platform \(line 36\) is from an ASR1006, show version from an ASR1001/);
  });

  it('refuses an unknown fleet', async () => {
    expect(
      (
        await request(api.url, 'POST', '/api/v1/fleets/nope/routers/observations', capture('asr1001Version'), {
          ...bearer(api.adminKey),
          'content-type': 'text/plain',
        })
      ).status,
    ).toBe(404);
  });

  it('created nothing while refusing', async () => {
    const list = await admin('GET', '/api/v1/routers?fleet=lab');
    expect((list.body as { items: { hostname: string }[] }).items.map((r) => r.hostname)).toEqual(['victim', 'victim-6']);
  });
});

describe('the show routes', () => {
  it('answer 404 as a problem for an unknown router', async () => {
    const res = await request<Problem>(api.url, 'GET', '/api/v1/routers/nope/show/version', undefined, bearer(api.adminKey));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
