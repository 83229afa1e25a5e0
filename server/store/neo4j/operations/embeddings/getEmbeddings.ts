import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredEmbedding } from '../../../types.js';
import { toStoredEmbedding, type Props } from '../../conversion.js';
import * as Q from '../../queries.js';
import { EMBEDDING_BATCH_SIZE } from './putEmbeddings.js';

/** This model's stored vectors for these requirements, whatever their text hash; unknown ids are left out. */
export async function getEmbeddings({ tx, modelId, requirementIds }: { tx: ManagedTransaction; modelId: string; requirementIds: string[] }): Promise<Map<string, StoredEmbedding>> {
  const ids = [...new Set(requirementIds)];
  const found = new Map<string, StoredEmbedding>();
  for (let i = 0; i < ids.length; i += EMBEDDING_BATCH_SIZE) {
    const records = (await tx.run(Q.GET_EMBEDDINGS, { modelId, ids: ids.slice(i, i + EMBEDDING_BATCH_SIZE) })).records;
    for (const r of records) {
      const embedding = toStoredEmbedding({ requirementId: r.get('requirementId'), textHash: r.get('textHash'), vector: r.get('vector') } as Props);
      found.set(embedding.requirementId, embedding);
    }
  }
  return found;
}
