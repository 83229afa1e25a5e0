import { configureOffline, loadTransformers, ModelNotInstalledError, NetworkDisabledError } from './embedder.js';
import { reciprocalRankFusion, RRF_K, sortScored, type Scored } from './fuse.js';
import { missingModelMessage, type InstalledModel, type ModelSettings } from './modelFolder.js';

/**
 * A cross-encoder reads a query and a passage together and scores how well they match. It is too slow to rank a
 * whole framework, so it only reorders the first candidates another method found. Runs offline from the model
 * folder, like the embedder.
 */
export interface Reranker {
  readonly modelId: string;
  /** One score per passage, higher is a better match for the query (the model's raw relevance logit). */
  score(query: string, passages: string[]): Promise<number[]>;
  dispose(): Promise<void>;
}

/** Candidates of the first ranking the cross-encoder reads per source requirement. */
export const RERANK_DEPTH = 30;

export interface CreateRerankerOptions {
  modelDir: string;
  model: Pick<InstalledModel, 'id'> & { settings: Pick<ModelSettings, 'dtype'> };
  threads?: number;
  batchSize?: number;
}

export async function createReranker({ modelDir, model, threads, batchSize = 16 }: CreateRerankerOptions): Promise<Reranker> {
  const { env, AutoTokenizer, AutoModelForSequenceClassification } = await loadTransformers();
  configureOffline(env, modelDir);
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let classifier: Awaited<ReturnType<typeof AutoModelForSequenceClassification.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(model.id, { local_files_only: true });
    classifier = await AutoModelForSequenceClassification.from_pretrained(model.id, {
      dtype: model.settings.dtype,
      local_files_only: true,
      ...(threads ? { session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } } : {}),
    });
  } catch (e) {
    if (e instanceof NetworkDisabledError) throw e;
    throw new ModelNotInstalledError(`${missingModelMessage(modelDir, model.id, 'reranker')} (${(e as Error).message})`);
  }
  const run = async (query: string, passages: string[]): Promise<number[]> => {
    const inputs = tokenizer(passages.map(() => query), { text_pair: passages, padding: true, truncation: true });
    const { logits } = (await classifier(inputs)) as { logits: { dims: number[]; data: Float32Array } };
    const [rows, labels] = logits.dims as [number, number];
    // One logit is a relevance score; with two labels (not relevant, relevant) their difference is.
    return Array.from({ length: rows }, (_, i) => (labels === 1 ? logits.data[i]! : logits.data[i * labels + labels - 1]! - logits.data[i * labels]!));
  };
  return {
    modelId: model.id,
    async score(query, passages) {
      const scores: number[] = [];
      for (let i = 0; i < passages.length; i += batchSize) scores.push(...(await run(query, passages.slice(i, i + batchSize))));
      return scores;
    },
    async dispose() {
      await classifier.dispose();
    },
  };
}

/**
 * The first `depth` candidates reordered by reciprocal rank fusion of their first-stage order and the cross-encoder's
 * order; the rest keep their place below. Fusing rather than replacing keeps what the first stage knows (the graph,
 * reviewed decisions) that a cross-encoder reading two passages cannot see.
 */
export function rerankTop(ranking: readonly Scored[], crossScores: ReadonlyMap<string, number>, depth = RERANK_DEPTH): Scored[] {
  const head = ranking.slice(0, depth).filter((c) => crossScores.has(c.id));
  const byCrossEncoder = sortScored(head.map((c) => ({ id: c.id, score: crossScores.get(c.id)! })));
  const fused = reciprocalRankFusion([head.map((c) => c.id), byCrossEncoder.map((c) => c.id)]);
  const inHead = new Set(head.map((c) => c.id));
  // Below the head only the first stage votes, so each score stays a fused score and below every fused head score.
  return [...fused, ...ranking.flatMap((c, i) => (inHead.has(c.id) ? [] : [{ id: c.id, score: 1 / (RRF_K + i + 1) }]))];
}
