// Risk audit benchmark through the real processes: a 10,000-router fleet (every chassis model) audited against
// every single fault of the catalogue (power-loss and iosd-hang included) with two workers, timed from POST /audits to completed.
import { FAULTS } from '@asr-twin/domain';
import pg from 'pg';
import { withStack } from './support.mjs';

const ADMIN = 'bench-admin-key-0123456789abcdef0123456789abcdef';
const PORT = 3929;

/** Rows for `npm run bench`: the audit's wall time and its size. */
export async function benchAudit({ routers = 10_000 } = {}) {
  return withStack({ name: 'audit', port: PORT, adminKey: ADMIN, workers: 2 }, async ({ call, databaseUrl }) => {
    await call('POST', '/api/v1/fleets', { name: 'bench-audit' });
    await call('POST', '/api/v1/fleets/bench-audit/routers', { generate: { count: routers } });
    const started = performance.now();
    const audit = await call('POST', '/api/v1/audits', { selector: { fleet: 'bench-audit' }, faults: [...FAULTS] });
    let state = audit;
    while (!['completed', 'failed', 'cancelled'].includes(state.status)) {
      await new Promise((r) => setTimeout(r, 100));
      state = await call('GET', `/api/v1/audits/${audit.id}`);
    }
    const ms = performance.now() - started;
    if (state.status !== 'completed') throw new Error(`audit ${state.status}: ${state.error}`);
    const cells = state.cells.length;
    const mb = await auditStorageMb(databaseUrl);
    return [
      {
        bench: `risk audit ${routers} routers × ${cells} fault cells (every fault), 2 workers, POST → completed`,
        value: Math.round(ms),
        unit: 'ms',
        target: '≤ 30000 ms',
        pass: ms <= 30_000,
      },
      { bench: 'storage of that audit: results and frozen starting states, indexes included', value: mb, unit: 'MB', target: '', pass: null },
    ];
  });
}

/** Size of the audit tables (one audit in the scratch database): `audit_results` and `audit_targets`, indexes included. */
async function auditStorageMb(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT pg_total_relation_size('audit_results') + pg_total_relation_size('audit_targets') AS bytes`);
    return Math.round((Number(rows[0].bytes) / 1024 / 1024) * 10) / 10;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchAudit({ routers: Number(process.argv[2] ?? 10_000) }));
}
