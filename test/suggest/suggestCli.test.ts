// `crosswalk suggest` and `crosswalk eval` as a user runs them, on a temporary data folder with the shipped content.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { corpusFromStore } from '../../server/suggest/corpusFromStore.js';
import { computeSuggestions } from '../../server/suggest/suggest.js';
import { startTestServer, TOKENS } from '../api/testServer.js';
import { crosswalk } from '../cli/run.js';
import { TINY_DIMENSION, TINY_MODEL_ID, TINY_RERANKER_ID, writeTinyBertModel, writeTinyCrossEncoder } from './tinyBertModel.js';

let dataDir: string;
let noModels: string;
let tinyModels: string;
let rerankers: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-suggest-'));
  noModels = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-nomodels-'));
  tinyModels = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-tiny-'));
  writeTinyBertModel(tinyModels);
  rerankers = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-rerankers-'));
  writeTinyCrossEncoder(rerankers);
});
afterAll(() => {
  for (const dir of [dataDir, noModels, tinyModels, rerankers]) fs.rmSync(dir, { recursive: true, force: true });
});

const suggestJson = (args: string[], modelDir = noModels) => {
  const result = crosswalk(['suggest', ...args, '--json'], { dataDir, env: { CROSSWALK_MODEL_DIR: modelDir } });
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(0);
  return { ...JSON.parse(result.stdout), stderr: result.stderr };
};

const withStore = async <T>(fn: (store: ReturnType<typeof openSqliteStore>) => Promise<T>) => {
  const store = openSqliteStore({ file: path.join(dataDir, 'crosswalk.db') });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

const pairKey = (a: string, b: string) => [a, b].sort().join(' ~ ');

describe('crosswalk suggest', () => {
  it('without a model: says how to get one, falls back to lexical, and saves proposed automated mappings', async () => {
    const out = suggestJson(['--from', 'iso42001-2023', '--to', 'hitrust-ai', '--top', '2']);
    expect(out.method).toBe('lexical');
    expect(out.stderr).toMatch(/no embedding model "Xenova\/bge-small-en-v1\.5" in .*npx crosswalk models pull.*Using the offline method \(lexical\) instead/);
    expect(out.stderr).toMatch(/was empty: loaded the shipped content/);
    expect(out.saved.created).toBeGreaterThan(20);
    const first = out.sources.find((s: { candidates: unknown[] }) => s.candidates.length).candidates[0];
    expect(first).toMatchObject({ rank: 1, relationship: expect.stringMatching(/-/), evidence: { sharedTerms: expect.any(Array), graph: expect.any(Array) } });

    await withStore(async (store) => {
      const suggestions = await store.findMappings({ frameworks: ['iso42001-2023', 'hitrust-ai'], origins: ['suggestion'] });
      expect(suggestions).toHaveLength(out.saved.created);
      for (const m of suggestions) {
        expect(m).toMatchObject({ method: 'automation', status: 'proposed', origin: 'suggestion', provenance: { source: 'Crosswalk suggestion engine (lexical)', author: 'crosswalk-suggest', created: today } });
        expect(m.note).toMatch(/^Proposed by the Crosswalk suggestion engine \(lexical\): rank \d+, score /);
        expect(m.note).not.toMatch(/not reviewed|must approve/i);
      }
      // Approved pairs are not proposed again.
      const approvedPairs = new Set((await store.findMappings({ frameworks: ['iso42001-2023', 'hitrust-ai'], statuses: ['approved'] })).map((m) => pairKey(m.source, m.target)));
      expect(approvedPairs.size).toBeGreaterThan(10);
      expect(suggestions.filter((m) => approvedPairs.has(pairKey(m.source, m.target)))).toEqual([]);
    });
  });

  it('reads the frameworks with the corpus from the store, so two editions of one standard are told apart', async () => {
    expect(crosswalk(['load'], { dataDir }).code).toBe(0);
    await withStore(async (store) => {
      const corpus = await corpusFromStore(store);
      expect(corpus.frameworks?.find((f) => f.id === 'iso27701-2019')?.family).toBe('iso27701');
      const proposal = async (from: string, to: string, sourceId: string, targetId: string) => {
        const run = await computeSuggestions(corpus, { from, to, method: 'lexical', top: 20, blind: true, sourceIds: [sourceId], wordVectors: false });
        return run.sources[0]!.candidates.find((c) => c.targetId === targetId);
      };
      // "Competence" in both: the same clause in another edition, but another management system's clause in 42001.
      expect(await proposal('iso27701-2019', 'iso27701-2025', 'iso27701-2019:5.5.2', 'iso27701-2025:7.2')).toMatchObject({ relationship: 'equivalent-to', relationshipReason: 'same title in another edition of the standard' });
      expect(await proposal('iso27701-2019', 'iso42001-2023', 'iso27701-2019:5.5.2', 'iso42001-2023:7.2')).toMatchObject({ relationship: 'intersects-with' });
    });
  });

  it('suggestions show up for review in the API; rejected ones are not proposed again, approved ones not duplicated', async () => {
    const server = await startTestServer({ store: openSqliteStore({ file: path.join(dataDir, 'crosswalk.db') }) });
    let rejectedId: string;
    let approvedId: string;
    try {
      const listed = await server.gql(`{ mappings(filter: { frameworks: ["iso42001-2023", "hitrust-ai"], origins: [suggestion], statuses: [proposed] }, limit: 500) { id method status origin } }`);
      const ids = listed.body.data.mappings.map((m: { id: string }) => m.id).sort();
      expect(listed.body.data.mappings[0]).toMatchObject({ method: 'automation', status: 'proposed', origin: 'suggestion' });
      [rejectedId, approvedId] = [ids[0], ids[1]];
      const rest = await fetch(`${server.url}/api/mappings?from=iso42001-2023&to=hitrust-ai&origin=suggestion&status=proposed&limit=500`);
      expect(rest.status).toBe(200);
      const restIds = ((await rest.json()) as Array<{ id: string }>).map((m) => m.id).sort();
      expect(restIds).toEqual(ids);
      const rejected = await server.gql(`mutation($id: ID!) { rejectMapping(id: $id, reason: "different topic") { status reviewNote provenance { reviewer } } }`, { id: rejectedId }, TOKENS.analyst);
      expect(rejected.body.data.rejectMapping).toEqual({ status: 'rejected', reviewNote: 'different topic', provenance: { reviewer: 'bob' } });
      const accepted = await server.gql(`mutation($id: ID!) { reviewMapping(id: $id, review: { status: approved, relationship: subset_of, note: "checked" }) { status relationship } }`, { id: approvedId }, TOKENS.analyst);
      expect(accepted.body.data.reviewMapping).toEqual({ status: 'approved', relationship: 'subset_of' });
    } finally {
      await server.close();
    }

    const again = suggestJson(['--from', 'iso42001-2023', '--to', 'hitrust-ai', '--top', '2']);
    const proposedAgain = again.sources.flatMap((s: { sourceId: string; candidates: Array<{ targetId: string }> }) => s.candidates.map((c) => `${s.sourceId} -> ${c.targetId}`));
    expect(proposedAgain).not.toContain(rejectedId);
    expect(proposedAgain).not.toContain(approvedId);
    expect(again.skipped.rejected).toBe(1);
    expect(again.saved.unchanged).toBeGreaterThan(0);

    // A narrower run leaves the earlier proposals it does not make again in the queue, and says how many; the
    // ones it makes again are unchanged (their note does not depend on --top).
    const queued = async () => withStore(async (store) => (await store.findMappings({ frameworks: ['iso42001-2023', 'hitrust-ai'], origins: ['suggestion'], statuses: ['proposed'] })).map((m) => m.id).sort());
    const before = await queued();
    const narrower = suggestJson(['--from', 'iso42001-2023', '--to', 'hitrust-ai', '--top', '1']);
    expect(narrower.saved.updated).toBe(0);
    expect(narrower.saved.created).toBe(0);
    expect(narrower.saved.earlierLeft).toBe(before.length - narrower.saved.unchanged);
    expect(narrower.saved.earlierLeft).toBeGreaterThan(0);
    expect(await queued()).toEqual(before);

    await withStore(async (store) => {
      expect(await store.getMapping(rejectedId)).toMatchObject({ status: 'rejected', reviewNote: 'different topic' });
      expect(await store.getMapping(approvedId)).toMatchObject({ status: 'approved', relationship: 'subset-of' });
      const all = await store.findMappings({ frameworks: ['iso42001-2023', 'hitrust-ai'] });
      const keys = all.map((m) => pairKey(m.source, m.target));
      expect(new Set(keys).size).toBe(keys.length); // no pair twice, in either direction
    });

    // The other direction is no way round it.
    const reverse = suggestJson(['--from', 'hitrust-ai', '--to', 'iso42001-2023', '--top', '3']);
    const [source, target] = rejectedId.split(' -> ') as [string, string];
    const reverseProposed = reverse.sources.find((s: { sourceId: string }) => s.sourceId === target)?.candidates.map((c: { targetId: string }) => c.targetId) ?? [];
    expect(reverseProposed).not.toContain(source);
  });

  it('with a local model: hybrid ranking, vectors stored with their model and reused on the next run', async () => {
    const first = suggestJson(['--from', 'iso42001-2023', '--to', 'nist-ai-600-1', '--top', '2', '--method', 'hybrid', '--model', TINY_MODEL_ID], tinyModels);
    expect(first).toMatchObject({ method: 'hybrid', model: TINY_MODEL_ID, embeddings: { embedded: 114 + 13, cached: 0 } });
    const candidate = first.sources.find((s: { candidates: unknown[] }) => s.candidates.length).candidates[0];
    expect(candidate.evidence.similarPassage).toMatchObject({ similarity: expect.any(Number), text: expect.any(String) });
    expect(candidate.signals).toHaveProperty('model');
    const second = suggestJson(['--from', 'iso42001-2023', '--to', 'nist-ai-600-1', '--top', '2', '--method', 'model', '--model', TINY_MODEL_ID], tinyModels);
    expect(second).toMatchObject({ method: 'model', embeddings: { embedded: 0, cached: 127 } });
    await withStore(async (store) => {
      const stored = await store.getEmbeddings(TINY_MODEL_ID, ['iso42001-2023:6.1.2']);
      expect(stored.get('iso42001-2023:6.1.2')!.vector).toHaveLength(TINY_DIMENSION);
      const provenance = await store.findMappings({ frameworks: ['iso42001-2023', 'nist-ai-600-1'], origins: ['suggestion'], limit: 1 });
      expect(provenance[0]!.provenance.source).toMatch(/^Crosswalk suggestion engine \((hybrid|model)\)$/);
    });
  });

  it('with --rerank: the first candidates are reordered by a local cross-encoder, which the saved note names; without one it says how to get one', async () => {
    const args = ['--from', 'iso42001-2023', '--to', 'nist-ai-600-1', '--top', '3', '--dry-run'];
    const plain = suggestJson(args, rerankers);
    // A folder with only a cross-encoder has no embedding model: the method falls back to lexical.
    expect(plain.method).toBe('lexical');
    expect(plain.reranker).toBeUndefined();
    const reranked = suggestJson([...args, '--rerank'], rerankers);
    expect(reranked).toMatchObject({ method: 'lexical', reranker: TINY_RERANKER_ID });
    expect(reranked.stderr).toMatch(/reranking with "crosswalk-test\/tiny-cross-encoder"/);
    const candidates = reranked.sources.flatMap((s: { candidates: Array<{ signals: { crossEncoder?: number } }> }) => s.candidates);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c.signals.crossEncoder).toEqual(expect.any(Number));
    const order = (run: { sources: Array<{ candidates: Array<{ targetId: string }> }> }) => run.sources.map((s) => s.candidates.map((c) => c.targetId).join(' '));
    expect(order(reranked)).not.toEqual(order(plain));

    const missing = suggestJson([...args, '--rerank'], noModels);
    expect(missing.reranker).toBeUndefined();
    expect(missing.stderr).toMatch(/no reranker \(cross-encoder\) "Xenova\/bge-reranker-base" in .*Ranking without a reranker instead\./);
    expect(order(missing)).toEqual(order(plain));

    const saved = suggestJson(['--from', 'iso42001-2023', '--to', 'nist-ai-600-1', '--top', '1', '--reranker', TINY_RERANKER_ID], rerankers);
    expect(saved.saved.created + saved.saved.updated).toBeGreaterThan(0);
    await withStore(async (store) => {
      const [mapping] = await store.findMappings({ frameworks: ['iso42001-2023', 'nist-ai-600-1'], origins: ['suggestion'], limit: 1 });
      expect(mapping!.note).toMatch(/reranked by crosswalk-test\/tiny-cross-encoder.*Cross-encoder score -?\d/);
      expect(mapping!.status).toBe('proposed');
    });
  });

  it('with --scope: proposes only for the source requirements within it, and refuses a tag the framework does not use', () => {
    const out = suggestJson(['--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--scope', 'role:deployer', '--dry-run']);
    const sources: string[] = out.sources.map((s: { sourceId: string }) => s.sourceId);
    expect(sources).toContain('eu-ai-act-2024-1689:Art. 26(1)');
    // An untitled paragraph is labelled by its summary.
    expect(out.sources.find((s: { sourceId: string }) => s.sourceId === 'eu-ai-act-2024-1689:Art. 26(1)').title).toMatch(/^Deployers /);
    expect(sources).toContain('eu-ai-act-2024-1689:Art. 5(1)(a)');
    expect(sources.some((id) => id.startsWith('eu-ai-act-2024-1689:Art. 16'))).toBe(false);
    const all = suggestJson(['--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--dry-run']);
    expect(all.sources.length).toBeGreaterThan(sources.length);
    const wrong = crosswalk(['suggest', '--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--scope', 'role:deployr', '--dry-run'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no requirement of eu-ai-act-2024-1689 is tagged "role:deployr" \(its tags: .*role:deployer/);
  });

  it('as a dry run in text: explains the score and ~ terms, names the pairs left out, and sends nobody to review what was not saved', () => {
    const result = crosswalk(['suggest', '--from', 'iso42001-2023', '--to', 'iso9001-2015', '--top', '2', '--dry-run'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(score: the method's own scale, for ranking within this run; shared terms marked ~ are vocabulary concepts");
    expect(result.stdout).toMatch(/\nDry run: nothing was saved\. Existing pairs left out of the suggestions: \d+ approved/);
    expect(result.stdout).not.toContain('Review them');
  });

  it('explains bad input', () => {
    const unknown = crosswalk(['suggest', '--from', 'iso42001-2023', '--to', 'iso99999'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/suggest: unknown framework "iso99999" \(known: .*iso27001-2022.*\)/);
    const editionLeftOff = crosswalk(['suggest', '--from', 'iso42001-2023', '--to', 'iso27001', '--dry-run'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(editionLeftOff.stderr).toMatch(/suggest: unknown framework "iso27001" \(did you mean "iso27001-2022"\?\) \(known: .*\); import others first/);
    const method = crosswalk(['suggest', '--from', 'iso42001-2023', '--to', 'hitrust-ai', '--method', 'magic'], { dataDir });
    expect(method.stderr).toContain('suggest: invalid method: "magic" (expected: lexical, model, hybrid)');
  });

  it('names the rerank options in the help of suggest, eval and models pull', () => {
    const help = crosswalk(['help'], { dataDir }).stdout.split('\n');
    const line = (command: string) => help.find((l) => l.trim().startsWith(`${command} `)) ?? '';
    expect(line('suggest')).toContain('[--rerank | --reranker ID]');
    expect(line('eval')).toContain('[--rerank | --reranker ID]');
    expect(line('models')).toMatch(/models pull \[MODEL\] .*\[--reranker\] \| models build-word-vectors/);
  });
});

describe('crosswalk eval', () => {
  it('scores a gold CSV blind and prints the documented JSON', () => {
    const gold = path.join(dataDir, 'gold.csv');
    fs.writeFileSync(gold, 'source_framework,source_ref,target_framework,target_ref\niso42001-2023,6.1.2,iso27001-2022,6.1.2\niso42001-2023,7.2,iso27001-2022,7.2\niso42001-2023,A.10.3,iso27001-2022,A.5.19\n');
    const result = crosswalk(['eval', '--gold', gold, '--blind', '--json'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).slice(0, 7)).toEqual(['method', 'pairs', 'sources', 'recallAt', 'precisionAt', 'mrr', 'ndcg10']);
    expect(report).toMatchObject({ method: 'lexical', pairs: 3, sources: 3, blind: true, recallAt: { '1': expect.any(Number), '5': expect.any(Number), '10': expect.any(Number) } });
    expect(report.recallAt['10']).toBeGreaterThan(0.6);
    expect(report.baseline).toBeUndefined();
    expect(result.stderr).toMatch(/no embedding model/);

    const withBaseline = JSON.parse(crosswalk(['eval', '--gold', gold, '--blind', '--baseline', '--json'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } }).stdout);
    expect(withBaseline.baseline).toMatchObject({ pairs: 3, sources: 3, recallAt: { '10': expect.any(Number) }, mrr: expect.any(Number) });
    expect(withBaseline.recallAt).toEqual(report.recallAt);

    const reranked = crosswalk(['eval', '--gold', gold, '--blind', '--json', '--reranker', TINY_RERANKER_ID], { dataDir, env: { CROSSWALK_MODEL_DIR: rerankers } });
    expect(reranked.code).toBe(0);
    expect(JSON.parse(reranked.stdout)).toMatchObject({ method: 'lexical', reranker: TINY_RERANKER_ID, pairs: 3 });
  });

  it('names the line of a malformed gold row', () => {
    const gold = path.join(dataDir, 'bad-gold.csv');
    fs.writeFileSync(gold, 'iso42001-2023,6.1.2,iso27001-2022,6.1.2\niso42001-2023,6.1.2,iso27001-2022\niso42001-2023,Z.9,iso27001-2022,6.1.2\n');
    const result = crosswalk(['eval', '--gold', gold], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad-gold.csv:2: expected 4 columns');
    expect(result.stderr).toContain('bad-gold.csv:3: unknown requirement "Z.9" in iso42001-2023');
    // eval only reads, so it does not claim to have protected anything from being written.
    expect(result.stderr).toMatch(/^2 problems\.$/m);
  });

  it('marks the warnings about a gold file as warnings, as every command does', () => {
    const gold = path.join(dataDir, 'respelled-gold.csv');
    fs.writeFileSync(gold, 'iso42001-2023,6.1.2,iso27001-2022,06.1.2\n');
    const result = crosswalk(['eval', '--gold', gold, '--json'], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/respelled-gold\.csv.*"06\.1\.2" as 6\.1\.2.* \(warning\)$/m);
  });

  it('says a folder given as the gold file is a folder, not an internal error', () => {
    const result = crosswalk(['eval', '--gold', dataDir], { dataDir, env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`crosswalk: eval: ${dataDir} is a folder; give a gold CSV file (source_framework,source_ref,target_framework,target_ref)`);
    expect(result.stderr).not.toMatch(/internal error|EISDIR/);
  });
});

describe('crosswalk models', () => {
  it('lists installed models and says how to get one when there is none', () => {
    const none = crosswalk(['models', 'list'], { env: { CROSSWALK_MODEL_DIR: noModels } });
    expect(none.stdout).toMatch(/none\. Run "npx crosswalk models pull"/);
    const listed = JSON.parse(crosswalk(['models', 'list', '--json'], { env: { CROSSWALK_MODEL_DIR: tinyModels } }).stdout);
    expect(listed.installed).toEqual([expect.objectContaining({ id: TINY_MODEL_ID, dtypes: ['fp32', 'q8'] })]);
    expect(listed.default).toBe('Xenova/bge-small-en-v1.5');
    const withReranker = crosswalk(['models', 'list'], { env: { CROSSWALK_MODEL_DIR: rerankers } }).stdout;
    expect(withReranker).toMatch(/Embedding models in .*:\n  none\./);
    expect(withReranker).toMatch(/Rerankers \(cross-encoders, for --rerank\) in .*:\n  crosswalk-test\/tiny-cross-encoder +fp32,q8 +dtype q8/);
    expect(JSON.parse(crosswalk(['models', 'list', '--json'], { env: { CROSSWALK_MODEL_DIR: rerankers } }).stdout).installed).toEqual([
      expect.objectContaining({ id: TINY_RERANKER_ID, task: 'reranker' }),
    ]);
  });
});
