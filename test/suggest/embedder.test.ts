// The real transformers.js pipeline (ONNX Runtime, tokenizer, pooling), offline, on a tiny BERT-shaped model
// that the suite writes itself; nothing may reach the network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { createEmbedder, loadTransformers, ModelNotInstalledError, type Embedder } from '../../server/suggest/embedder.js';
import { MemoryEmbeddingStore } from '../../server/suggest/memoryEmbeddingStore.js';
import { chooseModel, listInstalledModels, missingModelMessage } from '../../server/suggest/modelFolder.js';
import { prepareMethod } from '../../server/suggest/prepareMethod.js';
import { pullModel } from '../../server/suggest/pullModel.js';
import type { RequirementText } from '../../server/suggest/requirementText.js';
import { ensureEmbeddings, nearestTargets } from '../../server/suggest/vectorIndex.js';
import { norm } from '../../server/suggest/vectorMath.js';
import { TINY_DIMENSION, TINY_MODEL_ID, writeTinyBertModel } from './tinyBertModel.js';

let modelDir: string;
let embedder: Embedder;
const realFetch = globalThis.fetch;
const networkCalls: string[] = [];

beforeAll(async () => {
  modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-models-'));
  writeTinyBertModel(modelDir);
  // Any attempt to use the network fails the test (and is recorded).
  globalThis.fetch = vi.fn(async (input: unknown) => {
    networkCalls.push(String(input));
    throw new Error(`network access in a test: ${String(input)}`);
  }) as typeof fetch;
  embedder = await createEmbedder({ modelDir, model: { id: TINY_MODEL_ID, settings: { pooling: 'cls', prefix: '', dtype: 'fp32' } }, threads: 1 });
});

afterAll(async () => {
  await embedder?.dispose();
  globalThis.fetch = realFetch;
  fs.rmSync(modelDir, { recursive: true, force: true });
});

const text = (id: string, title: string, summary = ''): RequirementText => ({ id, frameworkId: id.split(':')[0]!, ref: id.split(':')[1]!, kind: 'control', title, summary, parentTitle: '' });

describe('embedder (transformers.js, local model folder)', () => {
  it('finds the generated model and its settings in the folder', () => {
    const [model] = listInstalledModels(modelDir);
    expect(model).toMatchObject({ id: TINY_MODEL_ID, dtypes: ['fp32', 'q8'], settings: { pooling: 'mean', prefix: '', dtype: 'q8' } });
    expect(chooseModel(modelDir).model?.id).toBe(TINY_MODEL_ID);
    expect(chooseModel(modelDir).notice).toMatch(/using the embedding model "crosswalk-test\/tiny-bert"/);
  });

  it('gives normalized vectors of the model dimension, the same on every run', async () => {
    expect(embedder.info).toEqual({ modelId: TINY_MODEL_ID, pooling: 'cls', prefix: '', dimension: TINY_DIMENSION });
    const texts = ['AI risk assessment', 'Supplier security and third party monitoring', 'personal data processing'];
    const first = await embedder.embed(texts);
    const second = await embedder.embed([...texts].reverse());
    expect(first).toHaveLength(3);
    for (const v of first) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_DIMENSION);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(Array.from(second[2]!)).toEqual(Array.from(first[0]!));
    // Different texts, different vectors; batching does not change a vector.
    expect(Array.from(first[0]!)).not.toEqual(Array.from(first[1]!));
    const [alone] = await embedder.embed(['AI risk assessment']);
    for (let i = 0; i < TINY_DIMENSION; i++) expect(alone![i]).toBeCloseTo(first[0]![i]!, 5);
  });

  it('a second embedder over the same model gives the same vectors (deterministic weights and tokenizer)', async () => {
    const other = await createEmbedder({ modelDir, model: { id: TINY_MODEL_ID, settings: { pooling: 'cls', prefix: '', dtype: 'fp32' } } });
    try {
      const [a] = await other.embed(['data quality for ai systems']);
      const [b] = await embedder.embed(['data quality for ai systems']);
      for (let i = 0; i < TINY_DIMENSION; i++) expect(a![i]).toBeCloseTo(b![i]!, 6);
    } finally {
      await other.dispose();
    }
  });

  it('a missing model gives the clear message, and the commands fall back to the offline method', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-nomodels-'));
    try {
      await expect(createEmbedder({ modelDir: empty, model: { id: 'Xenova/bge-small-en-v1.5', settings: { pooling: 'cls', prefix: '', dtype: 'q8' } } })).rejects.toThrow(ModelNotInstalledError);
      await expect(createEmbedder({ modelDir: empty, model: { id: 'Xenova/bge-small-en-v1.5', settings: { pooling: 'cls', prefix: '', dtype: 'q8' } } })).rejects.toThrow(/npx crosswalk models pull Xenova\/bge-small-en-v1\.5/);
      expect(chooseModel(empty)).toEqual({ notice: missingModelMessage(empty) });
      const prepared = await prepareMethod({ requested: 'hybrid', modelDir: empty });
      expect(prepared.method).toBe('lexical');
      expect(prepared.notices[0]).toMatch(/no embedding model "Xenova\/bge-small-en-v1.5" in .*models pull.*Using the offline method \(lexical\) instead/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('caches vectors by text hash and model: only changed texts are embedded again', async () => {
    for (const store of [new MemoryEmbeddingStore(), openSqliteStore({ file: ':memory:' })]) {
      const spy = vi.spyOn(embedder, 'embed');
      const texts = [text('a-1:1', 'AI risk assessment'), text('a-1:2', 'Data quality'), text('b-1:1', 'Risk assessment of AI systems'), text('b-1:2', 'Personal data processing')];
      const first = await ensureEmbeddings({ embedder, store, texts });
      expect(first).toMatchObject({ embedded: 4, cached: 0 });
      const second = await ensureEmbeddings({ embedder, store, texts });
      expect(second).toMatchObject({ embedded: 0, cached: 4 });
      const changed = await ensureEmbeddings({ embedder, store, texts: [texts[0]!, { ...texts[1]!, summary: 'now with a summary' }] });
      expect(changed).toMatchObject({ embedded: 1, cached: 1 });
      expect(spy.mock.calls.map((c) => c[0].length)).toEqual([4, 1]);
      spy.mockRestore();
      // Stored with the model's description, searched by the store itself.
      const stored = await store.getEmbeddings(TINY_MODEL_ID, ['a-1:1']);
      expect(stored.get('a-1:1')!.vector).toHaveLength(TINY_DIMENSION);
      const hits = await nearestTargets({ store, modelId: TINY_MODEL_ID, vector: first.vectors.get('a-1:1')!, to: 'b-1', k: 2, targetIds: new Set(['b-1:1', 'b-1:2']) });
      expect(hits.map((h) => h.id).sort()).toEqual(['b-1:1', 'b-1:2']);
      expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
      if ('close' in store) await store.close();
    }
  });

  it('models pull reports a hub it cannot reach clearly and leaves no partial files', async () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-pull-'));
    const refused = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    try {
      await expect(pullModel({ modelDir: target, modelId: 'Xenova/bge-small-en-v1.5', fetch: refused })).rejects.toThrow(
        /could not download "Xenova\/bge-small-en-v1.5" from https:\/\/huggingface.co\/ .*run "npx crosswalk models pull Xenova\/bge-small-en-v1.5" on one that can/,
      );
      expect(refused).toHaveBeenCalled();
      expect(fs.readdirSync(target)).toEqual([]);
      // Back to offline afterwards.
      const { env } = await loadTransformers();
      expect(env.allowRemoteModels).toBe(false);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('never reached the network, and runs with remote models switched off', async () => {
    const { env } = await loadTransformers();
    expect(env.allowRemoteModels).toBe(false);
    expect(env.useFSCache).toBe(false);
    await expect(env.fetch('https://huggingface.co/')).rejects.toThrow(/runs offline/);
    expect(networkCalls).toEqual([]);
  });
});
