import type { EmbeddingModelInfo, EmbeddingStore, NearestHit, StoredEmbedding } from '../store/types.js';
import { frameworkOf } from '../domain/ids.js';
import { cosine } from './vectorMath.js';

/** An EmbeddingStore in memory with exact search: for evaluation runs and tests that need no database. */
export class MemoryEmbeddingStore implements EmbeddingStore {
  private readonly vectors = new Map<string, Map<string, StoredEmbedding>>();

  async putEmbeddings(model: EmbeddingModelInfo, embeddings: StoredEmbedding[]): Promise<void> {
    let byId = this.vectors.get(model.modelId);
    if (!byId) this.vectors.set(model.modelId, (byId = new Map()));
    for (const e of embeddings) {
      if (e.vector.length !== model.dimension) throw new TypeError(`vector for "${e.requirementId}" has ${e.vector.length} dimensions; ${model.modelId} has ${model.dimension}`);
      byId.set(e.requirementId, { ...e, vector: Float32Array.from(e.vector) });
    }
  }

  async getEmbeddings(modelId: string, requirementIds: string[]): Promise<Map<string, StoredEmbedding>> {
    const byId = this.vectors.get(modelId);
    return new Map(requirementIds.flatMap((id) => (byId?.has(id) ? [[id, byId.get(id)!] as const] : [])));
  }

  async nearestRequirements(modelId: string, vector: Float32Array, { frameworkId, k }: { frameworkId: string; k: number }): Promise<NearestHit[]> {
    return [...(this.vectors.get(modelId)?.values() ?? [])]
      .filter((e) => frameworkOf(e.requirementId) === frameworkId)
      .map((e) => ({ requirementId: e.requirementId, score: cosine(vector, e.vector) }))
      .sort((a, b) => b.score - a.score || a.requirementId.localeCompare(b.requirementId))
      .slice(0, k);
  }
}

/** Whether a store also keeps vectors (the embedded store does; a store may not). */
export const isEmbeddingStore = (store: unknown): store is EmbeddingStore =>
  typeof store === 'object' && store !== null && ['putEmbeddings', 'getEmbeddings', 'nearestRequirements'].every((m) => typeof (store as Record<string, unknown>)[m] === 'function');
