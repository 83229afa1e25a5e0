// npm run bench:analysis — evidence reach and gap analysis latency over the coverage index, at today's size and at
// the synthetic large scale of the store benchmark plus 100,000 evidence items. Writes its table into BENCHMARKS.md.
import path from 'node:path';
import { contentDirs, PACKAGE_ROOT } from '../server/config.js';
import { loadContent } from '../server/content/loadContent.js';
import { buildCoverageIndex, type CoverageIndex } from '../server/domain/analysis/coverageIndex.js';
import { evidenceReach } from '../server/domain/analysis/evidenceReach.js';
import { gapAnalysis } from '../server/domain/analysis/gapAnalysis.js';
import { buildEvidenceIndex } from '../server/domain/analysis/sources.js';
import { DEFAULT_MAX_PATH_LENGTH } from '../server/domain/analysis/options.js';
import type { ContentBundle } from '../server/domain/schemas/content.js';
import type { Evidence, EvidenceLink } from '../server/domain/schemas/evidence.js';
import { fmt, machine, timeEach, timeOnce, writeSection, type Timing } from './measure.js';
import { mulberry32, syntheticBundle } from './synthetic.js';

const LARGE = { frameworks: 200, requirementsPerFramework: 500, mappings: 1_000_000 };
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const GAP_SAMPLES = Number(process.env.BENCH_GAP_SAMPLES ?? 40);
const AS_OF = '2026-06-01';

/** Evidence items linked to 1–3 random requirements each; one in ten expired, one in five scoped to two frameworks. */
function syntheticEvidence(bundle: ContentBundle, count: number, seed = 11): { evidence: Evidence[]; links: EvidenceLink[] } {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const evidence: Evidence[] = [];
  const links: EvidenceLink[] = [];
  const frameworkIds = bundle.frameworks.map((f) => f.id);
  for (let i = 0; i < count; i++) {
    const id = `EV-${i}`;
    const first = pick(bundle.requirements);
    evidence.push({
      id, title: `Synthetic evidence ${i}`, type: 'record', owner: 'bench', locationUri: `https://evidence.example.org/${i}`, collected: '2026-01-01',
      ...(random() < 0.1 ? { expires: '2026-03-01' } : {}), scope: random() < 0.2 ? [first.frameworkId, pick(frameworkIds)].filter((v, k, a) => a.indexOf(v) === k) : [],
      description: '',
    });
    const n = 1 + Math.floor(random() * 3);
    const targets = new Set([first.id]);
    while (targets.size < n) targets.add(pick(bundle.requirements).id);
    for (const requirementId of targets) links.push({ kind: 'requirement', evidenceId: id, requirementId });
  }
  // As a store returns them: items by id, links by item id.
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  evidence.sort((a, b) => byId(a.id, b.id));
  links.sort((a, b) => byId(a.evidenceId, b.evidenceId));
  return { evidence, links };
}

async function run(label: string, bundle: ContentBundle, evidenceCount: number) {
  const random = mulberry32(7);
  const build = await timeOnce(() => buildCoverageIndex(bundle));
  const index: CoverageIndex = build.result;
  const { evidence, links } = syntheticEvidence(bundle, evidenceCount);
  const prepared = await timeOnce(() => buildEvidenceIndex(index, { evidence, links }));
  const evidenceIndex = prepared.result;
  const linksOf = new Map<string, EvidenceLink[]>();
  for (const link of links) linksOf.set(link.evidenceId, [...(linksOf.get(link.evidenceId) ?? []), link]);
  const sample = <T>(items: readonly T[], n: number) => Array.from({ length: n }, () => items[Math.floor(random() * items.length)]!);
  const frameworks = bundle.frameworks.map((f) => f.id);
  const pairs = Array.from({ length: GAP_SAMPLES }, () => {
    const have = sample(frameworks, 1)[0]!;
    let target = sample(frameworks, 1)[0]!;
    while (target === have && frameworks.length > 1) target = sample(frameworks, 1)[0]!;
    return { have, target };
  });
  let reached = 0;
  const timings: Timing[] = [
    await timeEach(`evidence reach, one item (paths ≤ ${DEFAULT_MAX_PATH_LENGTH})`, sample(evidence, SAMPLES), async (item) => {
      reached += evidenceReach(index, { evidence: item, links: linksOf.get(item.id) ?? [], asOf: AS_OF }).reached.length;
    }),
    await timeEach('evidence reach, one item (paths ≤ 3)', sample(evidence, SAMPLES), async (item) =>
      evidenceReach(index, { evidence: item, links: linksOf.get(item.id) ?? [], asOf: AS_OF, maxPathLength: 3 })),
    await timeEach(`gap analysis, whole framework → whole framework (paths ≤ ${DEFAULT_MAX_PATH_LENGTH})`, pairs, async ({ have, target }) =>
      gapAnalysis(index, { have: { kind: 'frameworks', frameworkIds: [have] }, target })),
    await timeEach(`gap analysis from all ${evidenceCount.toLocaleString('en')} evidence items → a framework (evidence index built once)`, pairs, async ({ target }) =>
      gapAnalysis(index, { have: { kind: 'evidence', evidenceIndex, asOf: AS_OF }, target }), { warmup: 2 }),
    await timeEach(`gap analysis from all ${evidenceCount.toLocaleString('en')} evidence items → a framework (plain arrays)`, pairs, async ({ target }) =>
      gapAnalysis(index, { have: { kind: 'evidence', evidence, links, asOf: AS_OF }, target }), { warmup: 2 }),
  ];
  const rss = process.memoryUsage().rss / 2 ** 20;
  return { label, bundle, build: build.ms, evidenceBuild: prepared.ms, timings, rss, evidenceCount, links: links.length, meanReach: reached / SAMPLES };
}

type Result = Awaited<ReturnType<typeof run>>;

function section(results: Result[], when: string): string {
  const lines = [
    '## Analysis (`npm run bench:analysis`)',
    '',
    `Evidence reach and gap analysis (server/domain/analysis) over a coverage index built once per content version; approved mappings only. Measured ${when} on ${machine()}.`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `**${r.label}**: ${r.bundle.frameworks.length} frameworks, ${r.bundle.requirements.length.toLocaleString('en')} requirements, ${r.bundle.mappings.length.toLocaleString('en')} mappings, ` +
        `${r.evidenceCount.toLocaleString('en')} synthetic evidence items with ${r.links.toLocaleString('en')} links (coverage index built in ${fmt(r.build)} ms, evidence index in ${fmt(r.evidenceBuild)} ms; an item reaches ${r.meanReach.toFixed(0)} requirements on average; process RSS ${r.rss.toFixed(0)} MiB).`,
      '',
      '| query (random inputs) | runs | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|',
      ...r.timings.map((t) => `| ${t.name} | ${t.runs} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${fmt(t.max)} |`),
      '',
    );
  }
  lines.push('Targets (issue 6), at the large scale: evidence reach p95 under 50 ms; a full-framework gap analysis p95 under 500 ms. The coverage index is built once per content change and the evidence index once per change to the register, not per query.');
  return lines.join('\n');
}

async function main() {
  const today = loadContent(contentDirs({ dataDir: path.join(PACKAGE_ROOT, '.bench-no-user-data') })).bundle;
  const results = [await run("Today's shipped content", today, 1_000)];
  console.log(section(results, 'now'));
  results.push(await run('Synthetic large scale (seeded)', syntheticBundle(LARGE), 100_000));
  const markdown = section(results, new Date().toISOString().slice(0, 10));
  console.log(markdown);
  writeSection(path.join(PACKAGE_ROOT, 'BENCHMARKS.md'), 'analysis-bench', markdown);
}

await main();
