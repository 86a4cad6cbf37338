// `npm run bench`: every benchmark of the project in one run on this machine, as a table and one JSON line.
// Sections are modules exporting an async function that returns rows { bench, value, unit, target, pass }.
import { existsSync } from 'node:fs';

const sections = [
  ['./simulator.mjs', 'benchSimulator'],
  ['./junit.mjs', 'benchJunit'],
  ['./api-generate.mjs', 'benchApiGenerate'],
  ['./service.mjs', 'benchService'],
  ['./observations.mjs', 'benchObservations'],
  ['./audit.mjs', 'benchAudit'],
  ['./forecast-server.mjs', 'benchForecastServer'],
  ['./run-diagnosis.mjs', 'benchRunDiagnosis'],
  ['./run-memory.mjs', 'benchRunMemory'],
  ['./dashboard.mjs', 'benchDashboard'],
];

const rows = [];
for (const [file, fn] of sections) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const mod = await import(file);
  rows.push(...(await mod[fn]()));
}
console.table(rows);
console.log(JSON.stringify({ bench: rows, node: process.version, at: new Date().toISOString() }));
process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
