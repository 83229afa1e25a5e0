import type { ManagedTransaction } from 'neo4j-driver';
import { InputError } from '../../../../domain/errors.js';
import type { EmbeddingModelInfo, StoredEmbedding } from '../../../types.js';
import { embeddingFrameworkOf, toInteger } from '../../conversion.js';
import * as Q from '../../queries.js';

/** Vectors per UPSERT_EMBEDDINGS statement: 500 × 384 floats is about 1.7 MB on the wire. */
export const EMBEDDING_BATCH_SIZE = 500;

/**
 * Refuses what the store cannot keep, before anything is written: a vector whose length is not the model's dimension
 * (as the SQLite store refuses it, with its message), and a value that is not a finite number, which Neo4j's cosine
 * cannot compare (the SQLite store would keep it and rank it arbitrarily).
 */
export function checkEmbeddings(model: EmbeddingModelInfo, embeddings: StoredEmbedding[]): void {
  for (const e of embeddings) {
    if (e.vector.length !== model.dimension) throw new InputError(`vector for "${e.requirementId}" has ${e.vector.length} dimensions; ${model.modelId} has ${model.dimension}`);
    if (!e.vector.every(Number.isFinite)) throw new InputError(`vector for "${e.requirementId}" has a value that is not a finite number`);
  }
}

/**
 * Creates or replaces this model's vector of each requirement (keyed by model and requirement, the last one given
 * wins), in the caller's write transaction. A requirement need not be stored, as in the SQLite store; when it is, the
 * vector's node is linked to it.
 */
export async function putEmbeddings({ tx, model, embeddings }: { tx: ManagedTransaction; model: EmbeddingModelInfo; embeddings: StoredEmbedding[] }): Promise<void> {
  checkEmbeddings(model, embeddings);
  const params = { model: { modelId: model.modelId, pooling: model.pooling, prefix: model.prefix, dimension: toInteger(model.dimension) } };
  for (let i = 0; i < embeddings.length; i += EMBEDDING_BATCH_SIZE) {
    const rows = embeddings.slice(i, i + EMBEDDING_BATCH_SIZE).map((e) => ({
      requirementId: e.requirementId, frameworkId: embeddingFrameworkOf(e.requirementId), textHash: e.textHash, vector: Array.from(e.vector),
    }));
    await tx.run(Q.UPSERT_EMBEDDINGS, { ...params, rows });
  }
}
