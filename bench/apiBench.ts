// npm run bench:api — throughput and latency of the explorer's main queries against a real server process
// (embedded store, shipped content) at a fixed 200 requests/s. Writes its table into BENCHMARKS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PACKAGE_ROOT } from '../server/config.js';
import { fmt, machine, writeSection } from './measure.js';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '2,10').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const port = 4600 + Math.floor(Math.random() * 300);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-apibench-'));
const server = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/crosswalk.js'), 'serve'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, NEO4J_URI: '', NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (i > 240) throw new Error('server did not become ready in 120 s');
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}

const gql = (query: string) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const scenarios = [
  ['requirement page (hierarchy + mappings)', gql(`{ requirement(id: "iso42001-2023:A.6.2.8") { id title ancestors { id title } children { id } mappings { direction relationship mapping { strength rationale status provenance { source } } other { id title frameworkId } } } }`)],
  ['overlap matrix', gql('{ coverageMatrix { source target total covered share byRelationship { relationship count } } }')],
  ['neighbourhood depth 2', gql(`{ neighbourhood(id: "iso42001-2023:A.5.2", depth: 2) { nodes { depth requirement { id title frameworkId } } edges { id sourceId targetId relationship status } } }`)],
  ['search', gql('{ search(text: "impact assessment", limit: 20) { score requirement { id title frameworkId } } }')],
  ['framework tree (REST)', { method: 'GET' as const, path: '/api/frameworks/iso27001-2022/requirements?limit=200' }],
] as const;

const rows: string[] = [];
try {
  for (const connections of CONNECTIONS) for (const [name, request] of scenarios) {
    const result = await autocannon({ url, connections, overallRate: RATE, duration: SECONDS, requests: [request] });
    const errors = result.errors + result.non2xx;
    rows.push(`| ${name} | ${connections} | ${result.requests.average.toFixed(0)} | ${fmt(result.latency.p50)} | ${fmt(result.latency.p99)} | ${fmt(result.latency.max)} | ${errors} |`);
    console.log(rows.at(-1));
  }
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

writeSection(path.join(PACKAGE_ROOT, 'BENCHMARKS.md'), 'api-bench', [
  '## API (`npm run bench:api`)',
  '',
  `A real server process (\`crosswalk serve\`, embedded store, shipped content, NODE_ENV=production) loaded by autocannon from a second process at a fixed ${RATE} requests/s over ${CONNECTIONS.join(' and then ')} keep-alive connections, ${SECONDS} s per query; measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
  '',
  '| query | connections | requests/s | p50 ms | p99 ms | max ms | errors |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  'Target (issue 5): p99 under 50 ms at 200 requests/s on 2 cores. autocannon spreads the rate over its connections and',
  'fires them together, so with 10 connections each request queues behind up to 9 others sent at the same instant',
  '(about 2 ms of server time each): the 10-connection rows measure that burst as much as the server. This virtual',
  'machine shows run-to-run noise: earlier runs the same day put single p99 values at up to ~180 ms with 10 connections',
  'and ~85 ms with 2; run it a few times before drawing conclusions.',
].join('\n'));
process.exit(0);
