// Does one request monopolise the event loop? Fires hostile scenario validation (14 hostile YAML sources) and/or
// anonymous introspection queries at a running api while polling /health, and prints /health's latencies.
//
//   [MODE=graphql|rest|both|none] [INTROSPECT=1] [DURATION_S=10] [SOURCES=14] node bench/event-loop.mjs <baseUrl> <viewerKey>
//
// MODE=graphql: one viewer request with 14 (SOURCES) aliased validateScenario fields at a time; rest: the sources as
// concurrent POST /scenarios/validate requests; both: the two together; none: no validation. INTROSPECT=1 adds 4 clients without a key
// sending the standard introspection query in a loop.
import { getIntrospectionQuery } from 'graphql';
import { hostileSources } from './hostile-scenarios.mjs';

const [base, viewerKey] = process.argv.slice(2);
if (!base || !viewerKey) {
  process.stderr.write('usage: [MODE=graphql|rest|both|none] [INTROSPECT=1] [DURATION_S=10] node bench/event-loop.mjs <baseUrl> <viewerKey>\n');
  process.exit(2);
}
const mode = process.env.MODE ?? 'graphql';
const introspect = process.env.INTROSPECT === '1';
const durationMs = Number(process.env.DURATION_S ?? 10) * 1000;
const auth = { authorization: `Bearer ${viewerKey}` };
const sources = hostileSources(Number(process.env.SOURCES ?? 14));
let round = 0;
/** The sources with a comment of this round: the api caches the checks of sources it has seen. */
const fresh = () => {
  round++;
  return sources.map((s) => `${s}# ${round}\n`);
};
const statuses = new Map();
const count = (what, status) => statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
let running = true;

async function post(path, body, headers, what) {
  try {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    let codes = '';
    try {
      const json = JSON.parse(text);
      codes = json.code ?? [...new Set((json.errors ?? []).map((e) => e.extensions?.code))].join(',');
    } catch {
      // not JSON: the status alone names the answer
    }
    count(what, `${res.status}${codes ? ` ${codes}` : ''}`);
  } catch (error) {
    count(what, `failed (${error.cause?.code ?? error.message})`);
  }
}

async function graphqlValidation() {
  const query = `query (${sources.map((_, i) => `$s${i}: String!`).join(', ')}) { ${sources.map((_, i) => `v${i}: validateScenario(source: $s${i}) { valid }`).join(' ')} }`;
  while (running) {
    const variables = Object.fromEntries(fresh().map((s, i) => [`s${i}`, s]));
    await post('/graphql', { query, variables }, auth, `graphql validateScenario x${sources.length}`);
  }
}

async function restValidation() {
  while (running) await Promise.all(fresh().map((source) => post('/api/v1/scenarios/validate', { source }, auth, 'REST /scenarios/validate')));
}

async function introspection() {
  const query = getIntrospectionQuery();
  while (running) await post('/graphql', { query }, {}, 'anonymous introspection');
}

async function pollHealth() {
  const latencies = [];
  while (running) {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/health`);
      await res.text();
    } catch {
      // a failed probe still measures the event loop's delay
    }
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 25));
  }
  return latencies;
}

const load = [];
if (!['graphql', 'rest', 'both', 'none'].includes(mode)) throw new Error(`MODE is graphql, rest, both or none; got ${mode}`);
if (mode === 'graphql' || mode === 'both') load.push(graphqlValidation());
if (mode === 'rest' || mode === 'both') load.push(restValidation());
if (introspect) for (let i = 0; i < 4; i++) load.push(introspection());
// Let the load start before measuring.
await new Promise((r) => setTimeout(r, 200));
const health = pollHealth();
setTimeout(() => (running = false), durationMs);
const latencies = (await health).sort((a, b) => a - b);
await Promise.all(load);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const ms = (v) => `${v.toFixed(1)} ms`;
process.stdout.write(
  `MODE=${mode} INTROSPECT=${introspect ? 1 : 0} SOURCES=${sources.length}: /health over ${durationMs / 1000} s: ${latencies.length} polls, median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, worst ${ms(latencies.at(-1))}\n`,
);
for (const [what, n] of [...statuses].sort()) process.stdout.write(`  ${what}: ${n}\n`);
