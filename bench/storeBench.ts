// npm run bench:store — load time and query latency of the embedded store, at today's size and at a
// synthetic meta-framework scale. Writes its tables into BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentDirs, PACKAGE_ROOT } from '../server/config.js';
import { loadContent } from '../server/content/loadContent.js';
import type { ContentBundle } from '../server/domain/schemas/content.js';
import { openSqliteStore } from '../server/store/sqlite/SqliteStore.js';
import type { GraphStore } from '../server/store/types.js';
import { fmt, machine, timeEach, timeOnce, writeSection, type Timing } from './measure.js';
import { mulberry32, syntheticBundle } from './synthetic.js';

const LARGE = { frameworks: 200, requirementsPerFramework: 500, mappings: 1_000_000 };
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

async function queryTimings(store: GraphStore, bundle: ContentBundle): Promise<Timing[]> {
  const random = mulberry32(7);
  const sample = <T>(items: T[]) => Array.from({ length: SAMPLES }, () => items[Math.floor(random() * items.length)]!);
  const mapped = bundle.mappings.filter((m) => m.status === 'approved');
  const ids = sample(mapped).map((m) => m.source);
  const pairs = sample(mapped).map((m) => {
    const next = mapped[Math.floor(random() * mapped.length)]!;
    return [m.source, next.target] as const;
  });
  const words = ['risk', 'policy assessment', 'logging', 'data quality', 'A.5', 'supplier'];
  const frameworkPairs = sample(bundle.mappings).map((m) => [m.source.split(':')[0]!, m.target.split(':')[0]!] as [string, string]);
  return [
    await timeEach('requirement with ancestors, children, mappings', ids, (id) => store.requirementDetail(id)),
    await timeEach('neighbourhood, depth 2 (approved)', ids, (id) => store.neighbourhood({ id, depth: 2, statuses: ['approved'], maxNodes: 500 })),
    await timeEach('all paths ≤ 3 between two requirements', pairs, ([from, to]) => store.paths({ from, to, maxLength: 3, statuses: ['approved'] })),
    await timeEach('mappings of a framework pair (page of 100)', frameworkPairs, (frameworks) => store.findMappings({ frameworks, limit: 100 })),
    await timeEach('coverage matrix (approved), cached', Array.from({ length: SAMPLES }, () => 0), () => store.coverageMatrix({ statuses: ['approved'] })),
    await timeEach('review a mapping, then read the matrix', sample(mapped), async (m) => {
      await store.reviewMapping({ mappingId: m.id, status: 'approved', reviewer: 'bench', at: '2026-01-01T00:00:00Z' });
      return store.coverageMatrix({ statuses: ['approved'] });
    }),
    await timeEach('text search (20 hits)', sample(words), (text) => store.search({ text, limit: 20 })),
  ];
}

async function run(label: string, bundle: ContentBundle, { fromFiles }: { fromFiles?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-'));
  const store = openSqliteStore({ file: path.join(dir, 'crosswalk.db') });
  try {
    const load = await timeOnce(() => store.loadContent(bundle));
    const reload = await timeOnce(() => store.loadContent(bundle));
    const coldMatrix = await timeOnce(async () => {
      await store.reviewMapping({ mappingId: bundle.mappings[0]!.id, status: 'approved', reviewer: 'bench', at: '2026-01-01T00:00:00Z' });
      return store.coverageMatrix({ statuses: ['approved'] });
    });
    const timings = await queryTimings(store, bundle);
    const rss = process.memoryUsage().rss / 2 ** 20;
    const size = fs.statSync(path.join(dir, 'crosswalk.db')).size / 2 ** 20;
    return { label, bundle, load: load.ms, reload: reload.ms, fromFiles, coldMatrix: coldMatrix.ms, timings, rss, size };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function table(result: Awaited<ReturnType<typeof run>>) {
  const { bundle } = result;
  const lines = [
    `**${result.label}**: ${bundle.frameworks.length} frameworks, ${bundle.requirements.length.toLocaleString('en')} requirements, ${bundle.mappings.length.toLocaleString('en')} mappings ` +
      `(database ${result.size.toFixed(0)} MiB, process RSS ${result.rss.toFixed(0)} MiB).`,
    '',
    '| step | time |',
    '|---|---|',
    ...(result.fromFiles !== undefined ? [`| read + validate content files | ${fmt(result.fromFiles)} ms |`] : []),
    `| load into an empty store | ${fmt(result.load)} ms |`,
    `| second load of the same content (no-op) | ${fmt(result.reload)} ms |`,
    `| coverage matrix, first computation after a load | ${fmt(result.coldMatrix)} ms |`,
    '',
    `| query (${SAMPLES} runs, random inputs) | p50 ms | p95 ms | max ms |`,
    '|---|---|---|---|',
    ...result.timings.map((t) => `| ${t.name} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${fmt(t.max)} |`),
  ];
  return lines.join('\n');
}

const files = await timeOnce(() => loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' })));
console.log(`today's content read and validated in ${fmt(files.ms)} ms`);
const today = await run("Today's shipped content", files.result.bundle, { fromFiles: files.ms });
console.log(table(today));
const generated = await timeOnce(() => syntheticBundle(LARGE));
console.log(`synthetic bundle generated in ${fmt(generated.ms)} ms`);
const large = await run('Synthetic large scale (seeded)', generated.result);
console.log(table(large));

writeSection(path.join(PACKAGE_ROOT, 'BENCHMARKS.md'), 'store-bench', [
  '## Store (`npm run bench:store`)',
  '',
  `Embedded SQLite store, measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
  '',
  table(today),
  '',
  table(large),
  '',
  'Targets (issue 4): today\'s size loads in under 2 s; at the large scale the load finishes in under 60 s and each query\'s p95 is under 50 ms.',
].join('\n'));
