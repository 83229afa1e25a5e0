import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddingStore, GraphStore } from '../../server/store/types.js';
import { smallBundle } from '../fixtures/smallBundle.js';
import { createTestStores } from './testStores.js';

const stores = createTestStores();
afterAll(() => stores.closeAll());

const model = { modelId: 'test/model', pooling: 'cls' as const, prefix: '', dimension: 3 };
const v = (...xs: number[]) => new Float32Array(xs);

describe.each(stores.eachSupportedId())('EmbeddingStore contract: %s', (id) => {
  let store: GraphStore & EmbeddingStore;
  beforeEach(async () => {
    store = (await stores.init(id)) as GraphStore & EmbeddingStore;
    await store.loadContent(smallBundle());
    await store.putEmbeddings(model, [
      { requirementId: 'fw-b:B-1', textHash: 'h1', vector: v(1, 0, 0) },
      { requirementId: 'fw-b:B-2', textHash: 'h2', vector: v(0, 1, 0) },
      { requirementId: 'fw-b:B-3', textHash: 'h3', vector: v(0.6, 0.8, 0) },
      { requirementId: 'fw-c:MAP 1.1', textHash: 'h4', vector: v(1, 0, 0) },
    ]);
  });

  it('returns stored vectors exactly, by model, with their text hash', async () => {
    const found = await store.getEmbeddings('test/model', ['fw-b:B-3', 'fw-a:1', 'fw-b:B-1']);
    expect([...found.keys()].sort()).toEqual(['fw-b:B-1', 'fw-b:B-3']);
    expect([...found.get('fw-b:B-3')!.vector]).toEqual([...v(0.6, 0.8, 0)]);
    expect(found.get('fw-b:B-3')!.textHash).toBe('h3');
    expect((await store.getEmbeddings('other/model', ['fw-b:B-1'])).size).toBe(0);
  });

  it('ranks the nearest requirements of one framework by cosine similarity', async () => {
    const hits = await store.nearestRequirements('test/model', v(0.9, 0.1, 0), { frameworkId: 'fw-b', k: 2 });
    expect(hits.map((h) => h.requirementId)).toEqual(['fw-b:B-1', 'fw-b:B-3']);
    expect(hits[0]!.score).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 5);
    expect((await store.nearestRequirements('test/model', v(1, 0, 0), { frameworkId: 'fw-c', k: 5 })).map((h) => h.requirementId)).toEqual(['fw-c:MAP 1.1']);
  });

  it('replaces a vector when its text changes, and refuses a vector of the wrong dimension', async () => {
    await store.putEmbeddings(model, [{ requirementId: 'fw-b:B-1', textHash: 'h1b', vector: v(0, 0, 1) }]);
    expect((await store.getEmbeddings('test/model', ['fw-b:B-1'])).get('fw-b:B-1')!.textHash).toBe('h1b');
    await expect(store.putEmbeddings(model, [{ requirementId: 'fw-b:B-1', textHash: 'x', vector: v(1, 0) }])).rejects.toThrow(/dimension/);
  });

  it('keeps vectors across a reload of the same content', async () => {
    const next = smallBundle();
    next.requirements[0]!.title = 'Changed';
    await store.loadContent(next);
    expect((await store.getEmbeddings('test/model', ['fw-b:B-2'])).size).toBe(1);
  });
});
