import type { EmbeddingStore } from '../store/types.js';
import { createEmbedder, ModelNotInstalledError } from './embedder.js';
import { isEmbeddingStore, MemoryEmbeddingStore } from './memoryEmbeddingStore.js';
import { chooseModel, chooseReranker } from './modelFolder.js';
import { LOAD_FOR_ONE_RUN, type ModelLoader } from './modelKeeper.js';
import { createReranker, type Reranker } from './reranker.js';
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
export async function prepareMethod({ requested, modelId, modelDir, store, threads, models = LOAD_FOR_ONE_RUN }: { requested?: SuggestMethod; modelId?: string; modelDir: string; store?: unknown; threads?: number; models?: ModelLoader }): Promise<PreparedMethod> {
  if (requested === 'lexical') return { method: 'lexical', notices: [] };
  const notices: string[] = [];
  const choice = chooseModel(modelDir, modelId);
  if (!choice.model) return { method: 'lexical', notices: [`${choice.notice} Using the offline method (lexical) instead.`] };
  if (choice.notice) notices.push(choice.notice);
  try {
    const model = choice.model;
    const embedder = await models.load(model, () => createEmbedder({ modelDir, model, threads }));
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

export interface PreparedReranker {
  reranker?: Reranker;
  notices: string[];
}

const WITHOUT_RERANKER = 'Ranking without a reranker instead.';

/**
 * The cross-encoder asked for (`--rerank`, or `--reranker ID`), loaded from the model folder. Without one it says how
 * to get one and the run goes on unreranked, as the method does without an embedding model.
 */
export async function prepareReranker({ wanted, modelId, modelDir, threads, models = LOAD_FOR_ONE_RUN }: { wanted: boolean; modelId?: string; modelDir: string; threads?: number; models?: ModelLoader }): Promise<PreparedReranker> {
  if (!wanted) return { notices: [] };
  const choice = chooseReranker(modelDir, modelId);
  if (!choice.model) return { notices: [`${choice.notice} ${WITHOUT_RERANKER}`] };
  const notices = choice.notice ? [choice.notice] : [];
  try {
    const model = choice.model;
    return { reranker: await models.load(model, () => createReranker({ modelDir, model, threads })), notices };
  } catch (e) {
    if (!(e instanceof ModelNotInstalledError)) throw e;
    return { notices: [...notices, `${e.message} ${WITHOUT_RERANKER}`] };
  }
}
