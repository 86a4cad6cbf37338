import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditBody, type AuditStack, startAuditStack } from '../support/audits.js';
import { exampleSource, type RunBody, waitForRun } from '../support/runs.js';

let stack: AuditStack;
let runId: string;
let auditId: string;

beforeAll(async () => {
  stack = await startAuditStack('compress');
  await stack.post('/api/v1/fleets', { name: 'many' });
  await stack.post('/api/v1/fleets/many/routers', { generate: { count: 400 } });
  const run = await stack.post<RunBody>('/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'many' } }, shardSize: 200 });
  runId = run.body.id;
  expect((await waitForRun(stack.api.url, runId, stack.api.adminKey)).status).toBe('completed');
  const audit = await stack.post<AuditBody>('/api/v1/audits', { selector: { fleet: 'risk' } });
  auditId = audit.body.id;
  expect((await stack.waitForAudit(auditId)).status).toBe('completed');
});
afterAll(() => stack?.stop());

/** The answer's bytes exactly as they came over the wire (Node's http decodes nothing). */
function raw(path: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const headers: Record<string, string> = { authorization: `Bearer ${stack.api.adminKey}` };
  if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
  return new Promise((resolve, reject) => {
    httpGet(`${stack.api.url}${path}`, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const downloads = () => [`/api/v1/runs/${runId}/report`, `/api/v1/runs/${runId}/junit`, `/api/v1/audits/${auditId}/report`, `/api/v1/audits/${auditId}/junit`];

describe('compressed downloads', () => {
  it('sends reports and JUnit plain to a client without Accept-Encoding, saying they vary by it', async () => {
    for (const path of downloads()) {
      const plain = await raw(path);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toMatch(/accept-encoding/i);
      expect(plain.body.length).toBeGreaterThan(1000);
    }
    const report = await raw(downloads()[0] as string);
    expect(JSON.parse(report.body.toString('utf8')).routers).toHaveLength(400);
  });

  it('gzips for gzip and brotli-compresses for br, each decompressing to exactly the plain bytes', async () => {
    for (const path of downloads()) {
      const plain = (await raw(path)).body;
      const gz = await raw(path, 'gzip, deflate, br');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['vary']).toMatch(/accept-encoding/i);
      expect(gz.headers['content-type']).toMatch(path.endsWith('junit') ? /^application\/xml/ : /^application\/json/);
      expect(gunzipSync(gz.body).equals(plain)).toBe(true);
      expect(gz.body.length).toBeLessThan(plain.length / 4);
      const br = await raw(path, 'br;q=1, gzip;q=0.5');
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    }
  });

  it('sends plain when every coding offered is refused or unknown', async () => {
    const path = downloads()[0] as string;
    const plain = (await raw(path)).body;
    for (const header of ['identity', 'deflate', 'gzip;q=0, br;q=0', '*;q=0']) {
      const res = await raw(path, header);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.equals(plain)).toBe(true);
    }
  });

  it('still answers errors as plain problem+json, and Node fetch (the CLI) reads the compressed report as text', async () => {
    const missing = await raw('/api/v1/runs/6f1c1b9e-0000-4000-8000-000000000000/report', 'gzip');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(missing.body.toString('utf8')).code).toBe('NOT_FOUND');
    const path = downloads()[0] as string;
    const viaFetch = await fetch(`${stack.api.url}${path}`, { headers: { authorization: `Bearer ${stack.api.adminKey}` } });
    expect(viaFetch.headers.get('content-encoding')).toBe('gzip');
    expect(await viaFetch.text()).toBe((await raw(path)).body.toString('utf8'));
  });
});
