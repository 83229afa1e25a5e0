// The cross-encoder rerank: the real transformers.js sequence-classification path, offline, on a tiny cross-encoder
// the suite writes itself; the fusion of the two orders as a pure function; and the wiring into suggestions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseModel, chooseReranker, listInstalledModels } from '../../server/suggest/modelFolder.js';
import { prepareReranker } from '../../server/suggest/prepareMethod.js';
import { createReranker, RERANK_DEPTH, rerankTop, type Reranker } from '../../server/suggest/reranker.js';
import { explainCandidate } from '../../server/suggest/saveSuggestions.js';
import { computeSuggestions } from '../../server/suggest/suggest.js';
import { smallCorpus } from './fixtures.js';
import { TINY_MODEL_ID, TINY_RERANKER_ID, writeTinyBertModel, writeTinyCrossEncoder } from './tinyBertModel.js';

let modelDir: string;
let emptyDir: string;
let reranker: Reranker;
const realFetch = globalThis.fetch;
const networkCalls: string[] = [];

beforeAll(async () => {
  modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-rerankers-'));
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-no-rerankers-'));
  writeTinyCrossEncoder(modelDir);
  writeTinyBertModel(modelDir);
  globalThis.fetch = vi.fn(async (input: unknown) => {
    networkCalls.push(String(input));
    throw new Error(`network access in a test: ${String(input)}`);
  }) as typeof fetch;
  reranker = await createReranker({ modelDir, model: { id: TINY_RERANKER_ID, settings: { dtype: 'fp32' } }, threads: 1 });
});

afterAll(async () => {
  await reranker?.dispose();
  globalThis.fetch = realFetch;
  for (const dir of [modelDir, emptyDir]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('cross-encoder (transformers.js, local model folder)', () => {
  it('tells a cross-encoder from an embedding model by its config, and picks each for its own use', () => {
    const installed = listInstalledModels(modelDir);
    expect(installed.map((m) => [m.id, m.task])).toEqual([
      [TINY_MODEL_ID, 'embedding'],
      [TINY_RERANKER_ID, 'reranker'],
    ]);
    expect(chooseModel(modelDir).model?.id).toBe(TINY_MODEL_ID);
    expect(chooseModel(modelDir, TINY_RERANKER_ID)).toEqual({ notice: expect.stringMatching(/is a reranker \(cross-encoder\), not an embedding model: give it to --rerank/) });
    expect(chooseReranker(modelDir).model?.id).toBe(TINY_RERANKER_ID);
    expect(chooseReranker(modelDir).notice).toMatch(/reranking with "crosswalk-test\/tiny-cross-encoder" \(the default Xenova\/bge-reranker-base is not installed\)/);
    expect(chooseReranker(modelDir, TINY_MODEL_ID)).toEqual({ notice: expect.stringMatching(/is an embedding model, not a reranker \(cross-encoder\): give it to --model/) });
    expect(chooseReranker(modelDir, 'acme/unknown-cross-encoder')).toEqual({ notice: expect.stringContaining('run "npx crosswalk models pull acme/unknown-cross-encoder --reranker" on a machine') });
  });

  it('scores a passage that shares the query’s words above one that does not, the same on every run and in any batch size', async () => {
    const passages = ['human oversight', 'supplier monitoring of suppliers', 'privacy policy'];
    const scores = await reranker.score('supplier monitoring', passages);
    expect(scores).toHaveLength(3);
    expect(scores[1]).toBeGreaterThan(Math.max(scores[0]!, scores[2]!));
    expect(await reranker.score('supplier monitoring', passages)).toEqual(scores);
    const oneByOne = await createReranker({ modelDir, model: { id: TINY_RERANKER_ID, settings: { dtype: 'q8' } }, batchSize: 1 });
    try {
      const single = await oneByOne.score('supplier monitoring', passages);
      single.forEach((s, i) => expect(s).toBeCloseTo(scores[i]!, 4));
    } finally {
      await oneByOne.dispose();
    }
    expect(networkCalls).toEqual([]);
  });

  it('without a reranker: says how to get one and lets the run go on unreranked; not asked, says nothing', async () => {
    expect(await prepareReranker({ wanted: false, modelDir: emptyDir })).toEqual({ notices: [] });
    const missing = await prepareReranker({ wanted: true, modelDir: emptyDir });
    expect(missing.reranker).toBeUndefined();
    expect(missing.notices).toEqual([expect.stringContaining(`no reranker (cross-encoder) "Xenova/bge-reranker-base" in ${emptyDir}`)]);
    expect(missing.notices[0]).toMatch(/npx crosswalk models pull Xenova\/bge-reranker-base.*Ranking without a reranker instead\.$/);
    const damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-damaged-reranker-'));
    try {
      writeTinyCrossEncoder(damaged);
      fs.writeFileSync(path.join(damaged, TINY_RERANKER_ID, 'tokenizer.json'), '{ not json');
      const broken = await prepareReranker({ wanted: true, modelDir: damaged });
      expect(broken.reranker).toBeUndefined();
      expect(broken.notices.at(-1)).toMatch(/no reranker \(cross-encoder\) "crosswalk-test\/tiny-cross-encoder".*Ranking without a reranker instead\.$/);
    } finally {
      fs.rmSync(damaged, { recursive: true, force: true });
    }
    expect(networkCalls).toEqual([]);
  });
});

describe('rerankTop', () => {
  const ranking = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, score: 10 - i }));

  it('fuses the first-stage order with the cross-encoder’s within the head, and keeps the tail below in its order', () => {
    // The cross-encoder reads c as the best match and a as the worst: c rises to the top, d and e stay below.
    const cross = new Map([
      ['a', -1],
      ['b', 0.5],
      ['c', 3],
      ['d', 1],
    ]);
    expect(rerankTop(ranking, cross, 4).map((c) => c.id)).toEqual(['c', 'a', 'b', 'd', 'e']);
    // Every score is a fused one: the tail, voted on by the first stage alone, scores below the whole head.
    const scores = rerankTop(ranking, cross, 4).map((c) => c.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(scores.at(-1)).toBeCloseTo(1 / (60 + 5), 10);
    expect(rerankTop(ranking, new Map([['a', 1], ['b', 2], ['c', 3]]), 3).map((c) => c.id).slice(3)).toEqual(['d', 'e']);
  });

  it('changes nothing when the cross-encoder agrees with the first stage', () => {
    const agreeing = new Map(ranking.map((c) => [c.id, c.score]));
    expect(rerankTop(ranking, agreeing, 5).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lifts the cross-encoder’s favourite, but not above what both orders rank high', () => {
    const cross = new Map(ranking.map((c, i) => [c.id, i === 4 ? 100 : -i]));
    const reranked = rerankTop(ranking, cross, 5).map((c) => c.id);
    expect(reranked[0]).toBe('a');
    expect(reranked.indexOf('e')).toBeLessThan(4);
  });
});

describe('suggestions with a reranker', () => {
  it('sends the source and at most RERANK_DEPTH allowed candidates to the cross-encoder, and says so in each candidate', async () => {
    const calls: Array<{ query: string; passages: string[] }> = [];
    // Prefers whatever mentions logging: a stand-in with a known opinion, so the effect on the order can be asserted.
    const logging: Reranker = {
      modelId: 'test/logging-lover',
      async score(query, passages) {
        calls.push({ query, passages });
        return passages.map((p) => (/log/i.test(p) ? 5 : 0));
      },
      async dispose() {},
    };
    const corpus = smallCorpus();
    const plain = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5, sourceIds: ['alpha-1:1'] });
    const excluded = plain.sources[0]!.candidates[0]!.targetId;
    const run = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5, sourceIds: ['alpha-1:1'], exclude: (_s, t) => t === excluded }, { reranker: logging });
    expect(run.reranker).toBe('test/logging-lover');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query).toMatch(/supplier/i);
    expect(calls[0]!.passages.length).toBeLessThanOrEqual(RERANK_DEPTH);
    expect(calls[0]!.passages.some((p) => p.includes(corpus.requirements.find((r) => r.id === excluded)!.title))).toBe(false);
    const candidates = run.sources[0]!.candidates;
    expect(candidates.map((c) => c.targetId)).not.toContain(excluded);
    for (const c of candidates) expect(c.signals.crossEncoder).toEqual(expect.any(Number));
    const loggingTarget = candidates.find((c) => c.signals.crossEncoder === 5);
    const plainRank = plain.sources[0]!.candidates.filter((c) => c.targetId !== excluded).findIndex((c) => c.targetId === loggingTarget?.targetId) + 1;
    expect(loggingTarget!.rank).toBeLessThanOrEqual(plainRank);
    expect(explainCandidate(candidates[0]!, { method: run.method, reranker: run.reranker })).toMatch(/\(lexical, reranked by test\/logging-lover\).*Cross-encoder score/);
  });
});
