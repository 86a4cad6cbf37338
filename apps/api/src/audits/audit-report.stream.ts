import { AUDIT_FAULT_AT_MS } from '@asr-twin/domain';
import type { AuditCellValue, AuditMatrixRow, AuditRecord, AuditRepository } from '@asr-twin/persistence';
import { CLOSE_SUITE, CLOSE_TESTSUITES, escapeXml, openSuite, openTestsuites } from '@asr-twin/reporting';
import { formatDuration } from '@asr-twin/scenario';

const BATCH = 2_000;

async function* rowsOf(audits: AuditRepository, auditId: string): AsyncGenerator<AuditMatrixRow> {
  for (let after = -1; ;) {
    const batch = await audits.rowsAfter(auditId, after, BATCH);
    yield* batch;
    if (batch.length < BATCH) return;
    after = (batch[batch.length - 1] as AuditMatrixRow).ordinal;
  }
}

/** A cell as the report shows it. */
function cellJson(c: AuditCellValue): object {
  if (c.kind === 'n/a') return { applicable: false };
  if (c.kind === 'error') return { error: 'the router could not be simulated from its stored state' };
  const { controlPlaneOutageMs, dataPlaneOutageMs, redundancyRestoredMs, exposed } = c;
  return { controlPlaneOutageMs, dataPlaneOutageMs, redundancyRestoredMs, exposed };
}

/**
 * The report of a completed audit, streamed: the request, the fleet's exposure summary, then the matrix, one
 * router at a time in hostname order (`cells` keyed by `fault@target`, the causes in words, the start it was
 * audited from).
 */
export async function* auditReportChunks(audits: AuditRepository, audit: AuditRecord): AsyncGenerator<string> {
  const head = {
    audit: audit.id,
    selector: audit.selector,
    seed: audit.seed,
    horizonMs: audit.horizonMs,
    faultAtMs: AUDIT_FAULT_AT_MS,
    thresholds: audit.thresholds,
    faults: audit.faults,
    cells: audit.cells,
    summary: audit.summary,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"routers":[`;
  let n = 0;
  for await (const row of rowsOf(audits, audit.id)) {
    const cells = Object.fromEntries(audit.cells.map((key, k) => [key, cellJson(row.cells[k] as AuditCellValue)]));
    const entry = { hostname: row.hostname, model: row.model, exposed: row.causes.length > 0, causes: row.causes, cells, start: row.start };
    yield (n++ === 0 ? '' : ',') + JSON.stringify(entry);
  }
  yield ']}';
}

const attr = (v: string | number): string => `"${escapeXml(String(v))}"`;

function testCase(row: AuditMatrixRow, key: string, c: AuditCellValue): string {
  const open = `    <testcase classname=${attr(`risk-audit.${row.hostname}`)} name=${attr(key)} time="0"`;
  if (c.kind === 'n/a') return `${open}>\n      <skipped message=${attr(`${row.model} has no such target`)}/>\n    </testcase>\n`;
  if (c.kind === 'error') return `${open}>\n      <error message="the router could not be simulated from its stored state" type="error"/>\n    </testcase>\n`;
  if (!c.exposed) return `${open}/>\n`;
  const restored = c.redundancyRestoredMs === null ? 'never' : formatDuration(c.redundancyRestoredMs);
  const message = `${row.hostname} exposed to ${key} (${row.causes.join(', ')}): control-plane outage ${formatDuration(c.controlPlaneOutageMs)}, data-plane outage ${formatDuration(c.dataPlaneOutageMs)}, redundancy restored ${restored}`;
  return `${open}>\n      <failure message=${attr(message)} type="exposed">${escapeXml(message)}</failure>\n    </testcase>\n`;
}

/** JUnit XML of a completed audit: one suite, one test case per router × cell, failing when exposed. */
export async function* auditJunitChunks(audits: AuditRepository, audit: AuditRecord): AsyncGenerator<string> {
  const summary = audit.summary;
  const routers = summary?.routers ?? 0;
  const failures = Object.values(summary?.byCell ?? {}).reduce((a, b) => a + b, 0);
  const tests = routers * audit.cells.length;
  const errors = summary?.errors ?? 0;
  const durationMs = audit.startedAt && audit.finishedAt ? Date.parse(audit.finishedAt) - Date.parse(audit.startedAt) : 0;
  yield openTestsuites({ tests, failures, errors, durationMs });
  yield openSuite({ name: 'risk-audit', source: `audit ${audit.id}`, seed: audit.seed, durationMs, tests, failures, errors });
  for await (const row of rowsOf(audits, audit.id)) {
    yield audit.cells.map((key, k) => testCase(row, key, row.cells[k] as AuditCellValue)).join('');
  }
  yield CLOSE_SUITE;
  yield CLOSE_TESTSUITES;
}
