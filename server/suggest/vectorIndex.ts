import type { EmbeddingStore } from '../store/types.js';
import type { Embedder } from './embedder.js';
import type { Scored } from './fuse.js';
import { passageOf, textHash, type RequirementText } from './requirementText.js';

export interface EmbeddingRefresh {
  vectors: Map<string, Float32Array>;
  /** Texts embedded now (new or changed). */
  embedded: number;
  /** Texts whose stored vector was reused. */
  cached: number;
}

/**
 * Vectors for these requirements, from the store when the stored text hash (of prefix + passage, per model)
 * still matches, else embedded now and stored with the model's id, pooling, prefix and dimension.
 */
export async function ensureEmbeddings({ embedder, store, texts }: { embedder: Embedder; store: EmbeddingStore; texts: RequirementText[] }): Promise<EmbeddingRefresh> {
  const { modelId, prefix } = embedder.info;
  const wanted = texts.map((t) => {
    const passage = passageOf(t);
    return { id: t.id, passage, hash: textHash(`${modelId}\n${prefix}${passage}`) };
  });
  const stored = await store.getEmbeddings(modelId, wanted.map((w) => w.id));
  const vectors = new Map<string, Float32Array>();
  const stale = wanted.filter((w) => {
    const hit = stored.get(w.id);
    if (hit && hit.textHash === w.hash && hit.vector.length === embedder.info.dimension) {
      vectors.set(w.id, hit.vector);
      return false;
    }
    return true;
  });
  if (stale.length) {
    const fresh = await embedder.embed(stale.map((w) => w.passage));
    await store.putEmbeddings(embedder.info, stale.map((w, i) => ({ requirementId: w.id, textHash: w.hash, vector: fresh[i]! })));
    stale.forEach((w, i) => vectors.set(w.id, fresh[i]!));
  }
  return { vectors, embedded: stale.length, cached: wanted.length - stale.length };
}

/**
 * The k targets most similar to `vector` by the store's own search (exact in process for the embedded store,
 * the vector index for Neo4j), keeping only current requirements of the target framework.
 */
export async function nearestTargets({ store, modelId, vector, to, k, targetIds }: { store: EmbeddingStore; modelId: string; vector: Float32Array; to: string; k: number; targetIds: ReadonlySet<string> }): Promise<Scored[]> {
  // Vectors of requirements removed since are ignored, so ask for a few more than needed.
  const hits = await store.nearestRequirements(modelId, vector, { frameworkId: to, k: k + 20 });
  return hits.filter((h) => targetIds.has(h.requirementId)).slice(0, k).map((h) => ({ id: h.requirementId, score: h.score }));
}
