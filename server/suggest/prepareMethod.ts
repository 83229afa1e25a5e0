import type { EmbeddingStore } from '../store/types.js';
import { createEmbedder, ModelNotInstalledError } from './embedder.js';
import { isEmbeddingStore, MemoryEmbeddingStore } from './memoryEmbeddingStore.js';
import { chooseModel } from './modelFolder.js';
import type { ModelContext } from './suggest.js';
import type { SuggestMethod } from './types.js';

export interface PreparedMethod {
  method: SuggestMethod;
  model?: ModelContext;
  /** What the user should be told (no model, another model than the default, vectors not kept). */
  notices: string[];
}

/**
 * Settles the method to run: the one asked for, or hybrid when a model is installed. Without a usable model
 * it says how to get one and falls back to the offline method instead of failing.
 */
export async function prepareMethod({ requested, modelId, modelDir, store, threads }: { requested?: SuggestMethod; modelId?: string; modelDir: string; store?: unknown; threads?: number }): Promise<PreparedMethod> {
  if (requested === 'lexical') return { method: 'lexical', notices: [] };
  const notices: string[] = [];
  const choice = chooseModel(modelDir, modelId);
  if (!choice.model) return { method: 'lexical', notices: [`${choice.notice} Using the offline method (lexical) instead.`] };
  if (choice.notice) notices.push(choice.notice);
  try {
    const embedder = await createEmbedder({ modelDir, model: choice.model, threads });
    let vectors: EmbeddingStore;
    if (isEmbeddingStore(store)) vectors = store;
    else {
      vectors = new MemoryEmbeddingStore();
      if (store) notices.push('this store keeps no vectors yet; they are computed again on every run');
    }
    return { method: requested ?? 'hybrid', model: { embedder, store: vectors }, notices };
  } catch (e) {
    if (!(e instanceof ModelNotInstalledError)) throw e;
    return { method: 'lexical', notices: [...notices, `${e.message} Using the offline method (lexical) instead.`] };
  }
}
