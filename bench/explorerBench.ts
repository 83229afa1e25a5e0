// npm run bench:explorer — the explorer in headless Debian chromium: gzipped bundle size, time to the first
// meaningful render of the evidence hub and the overlap matrix, and the frame rate while dragging a node of a
// 5,000-node graph. Writes its table into BENCHMARKS.md.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { PACKAGE_ROOT } from '../server/config.js';
import { startTestServer, TOKENS } from '../test/api/testServer.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/browser.js';
import { fmt, machine, writeSection } from './measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DRAG_SECONDS = Number(process.env.BENCH_DRAG_SECONDS ?? 4);
const NODES = Number(process.env.BENCH_NODES ?? 5000);
if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

// 1. Build and weigh.
const dist = path.join(PACKAGE_ROOT, 'client/dist');
const buildStart = performance.now();
await build({ configFile: path.join(PACKAGE_ROOT, 'vite.config.ts'), logLevel: 'warn' });
const buildMs = performance.now() - buildStart;
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!));
const assets = fs.readdirSync(path.join(dist, 'assets')).map((f) => {
  const bytes = fs.readFileSync(path.join(dist, 'assets', f));
  return { file: `assets/${f}`, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const sum = (list: typeof assets, key: 'raw' | 'gzip') => list.reduce((s, a) => s + a[key], 0);
const initial = assets.filter((a) => entry.has(a.file));
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`build ${fmt(buildMs)} ms; first load ${kib(sum(initial, 'gzip'))} gzipped, all assets ${kib(sum(assets, 'gzip'))}`);

// 2. Serve the shipped content and measure in chromium.
const server = await startTestServer({ clientDir: dist });
const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** Milliseconds from navigation start to the view's performance mark, over fresh browser contexts (cold cache). */
async function firstRender(pathAndQuery: string, mark: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${pathAndQuery}`);
    const ms = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, mark, { timeout: 30_000 }).then((h) => h.jsonValue() as Promise<number>);
    if (i > 0) samples.push(ms); // the first run warms the server's caches
    await context.close();
  }
  return samples;
}

async function dragFrameRate(): Promise<{ fps: number; p95: number; worst: number; frames: number; layoutMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/lab?nodes=${NODES}&seed=1`);
  const layoutMs = await page.waitForFunction(() => performance.getEntriesByName('crosswalk:lab-rendered')[0]?.startTime).then((h) => h.jsonValue() as Promise<number>);
  await page.waitForTimeout(500);
  type Graphs = { __crosswalkGraphs?: Map<string, { screenPosition: (id: string) => { x: number; y: number } | null }> };
  const start = await page.evaluate(() => (globalThis as unknown as Graphs).__crosswalkGraphs?.get('Synthetic crosswalk')?.screenPosition('synthetic-1:R0') ?? null);
  if (!start) throw new Error('the lab graph has no node synthetic-1:R0');
  // The drag runs inside the page, one pointer move per animation frame, so the browser's own pace is measured
  // rather than the round trips of a remote-controlled mouse. A string, not a function: tsx would wrap a named
  // inner function in a helper the page does not have.
  await page.evaluate(`new Promise((done) => {
    const el = document.querySelector('.graph-canvas');
    const fire = (type, x, y) => el.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y }));
    const x0 = ${start.x}, y0 = ${start.y};
    window.__frames = [];
    fire('pointerdown', x0, y0);
    const t0 = performance.now();
    (function frame(t) {
      window.__frames.push(t);
      const a = (t - t0) / 400;
      if (t - t0 < ${DRAG_SECONDS * 1000}) {
        fire('pointermove', x0 + Math.cos(a) * 120 - 120, y0 + Math.sin(a) * 120);
        requestAnimationFrame(frame);
      } else {
        fire('pointerup', x0, y0);
        done();
      }
    })(t0);
  })`);
  const end = await page.evaluate(() => (globalThis as unknown as Graphs).__crosswalkGraphs?.get('Synthetic crosswalk')?.screenPosition('synthetic-1:R0') ?? null);
  if (!end || Math.hypot(end.x - start.x, end.y - start.y) < 20) throw new Error('the dragged node did not move: the drag was not delivered');
  const frames = await page.evaluate(() => (globalThis as unknown as { __frames: number[] }).__frames);
  await context.close();
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  return { fps: (frames.length - 1) / seconds, p95: quantile(gaps, 0.95), worst: Math.max(...gaps), frames: frames.length, layoutMs };
}

/** One evidence item linked to 42001 A.2.2 (the AI policy), for the evidence hub's own measurement. */
async function seedEvidence(): Promise<string> {
  const id = 'EV-BENCH';
  const saved = await server.gql(
    'mutation($i: EvidenceInput!) { saveEvidence(input: $i) { id } }',
    { i: { id, title: 'AI policy', type: 'policy', owner: 'Benchmark', locationUri: 'https://example.org/ai-policy', collected: '2026-01-01' } },
    TOKENS.analyst,
  );
  const linked = await server.gql(`mutation { linkEvidence(evidenceId: "${id}", requirementId: "iso42001-2023:A.2.2") { kind } }`, {}, TOKENS.analyst);
  if (saved.body.errors || linked.body.errors) throw new Error(`could not create the benchmark's evidence item: ${JSON.stringify(saved.body.errors ?? linked.body.errors)}`);
  return id;
}

let hub: number[];
let evidenceHub: number[];
let matrix: number[];
let drag: Awaited<ReturnType<typeof dragFrameRate>>;
try {
  hub = await firstRender('/hub?req=iso42001-2023%3A6.1.4&depth=2', 'crosswalk:hub-rendered');
  console.log(`hub first render p50 ${fmt(quantile(hub, 0.5))} ms`);
  evidenceHub = await firstRender(`/hub?ev=${await seedEvidence()}`, 'crosswalk:evidence-hub-rendered');
  console.log(`evidence hub (an item's reach) first render p50 ${fmt(quantile(evidenceHub, 0.5))} ms`);
  matrix = await firstRender('/matrix', 'crosswalk:matrix-rendered');
  console.log(`matrix first render p50 ${fmt(quantile(matrix, 0.5))} ms`);
  drag = await dragFrameRate();
  console.log(`drag ${NODES} nodes: ${drag.fps.toFixed(1)} fps, p95 frame ${fmt(drag.p95)} ms`);
} finally {
  await browser.close();
  await server.close();
}

const chromiumVersion = browser.version();
writeSection(path.join(PACKAGE_ROOT, 'BENCHMARKS.md'), 'explorer-bench', [
  '## Explorer (`npm run bench:explorer`)',
  '',
  `Production build (Vite 8) served by the real app over the shipped content; headless Debian chromium ${chromiumVersion} (software rendering, --disable-gpu) at 1400 × 1000; measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
  '',
  '| what | result |',
  '|---|---|',
  `| build time (\`npm run build\`) | ${fmt(buildMs)} ms |`,
  `| first load: HTML + entry JS + CSS, gzipped (-9) | ${kib(sum(initial, 'gzip'))} (${kib(sum(initial, 'raw'))} raw) |`,
  `| every asset, including views loaded on demand, gzipped | ${kib(sum(assets, 'gzip'))} (${assets.length} files) |`,
  `| evidence hub from a requirement, 42001 6.1.4 up to 2 steps: navigation → graph on screen, p50 / p95 of ${RUNS} cold loads | ${fmt(quantile(hub, 0.5))} / ${fmt(quantile(hub, 0.95))} ms |`,
  `| evidence hub, one item linked to 42001 A.2.2 (its \`evidenceReach\`, up to 2 mappings): navigation → graph on screen, p50 / p95 of ${RUNS} cold loads | ${fmt(quantile(evidenceHub, 0.5))} / ${fmt(quantile(evidenceHub, 0.95))} ms |`,
  `| overlap matrix: navigation → heatmap on screen, p50 / p95 of ${RUNS} cold loads | ${fmt(quantile(matrix, 0.5))} / ${fmt(quantile(matrix, 0.95))} ms |`,
  `| ${NODES.toLocaleString('en')}-node graph (/lab, canvas): navigation → first frame | ${fmt(drag.layoutMs)} ms |`,
  `| dragging a node of the ${NODES.toLocaleString('en')}-node graph for ${DRAG_SECONDS} s, simulation running | ${drag.fps.toFixed(1)} frames/s (p95 frame ${fmt(drag.p95)} ms, worst ${fmt(drag.worst)} ms) |`,
  '',
  '"First meaningful render" is the `performance.mark` each view sets once its graph or heatmap is drawn, read as time since navigation start. Frame rate counts `requestAnimationFrame` callbacks while a pointer, driven from inside the page one move per frame, drags a node around a circle (the benchmark checks that the node moved); chromium caps it at 60. While a node of a graph over 1,500 nodes is dragged, repulsion is paused and links pull the neighbours along; nodes under 3.5 px are drawn as squares.',
].join('\n'));
