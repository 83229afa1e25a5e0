import type { EmbeddingModelInfo } from '../store/types.js';
import { missingModelMessage, type InstalledModel, type ModelSettings } from './modelFolder.js';

/**
 * Sentence embeddings from a local model folder through transformers.js (ONNX Runtime). At run time remote
 * models are switched off and every network call of the library is refused, so no text leaves the machine.
 */

export interface Embedder {
  readonly info: EmbeddingModelInfo;
  /** One normalized vector per text (the prefix is added here). */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** The model is not in the folder, or its files cannot be read. */
export class ModelNotInstalledError extends Error {
  override name = 'ModelNotInstalledError';
}

/** Something tried to reach the network while the embedder runs offline. */
export class NetworkDisabledError extends Error {
  override name = 'NetworkDisabledError';
}

type Transformers = typeof import('@huggingface/transformers');

/** The library is large; it is loaded only when a model is actually used. */
export const loadTransformers = (): Promise<Transformers> => import('@huggingface/transformers');

const refuseNetwork = async (input: unknown): Promise<never> => {
  throw new NetworkDisabledError(`the embedder runs offline and refused to fetch ${String(input)}`);
};

/** Local files only: no remote models, no download cache, and a fetch that refuses to run. */
export function configureOffline(env: Transformers['env'], modelDir: string) {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelDir.endsWith('/') ? modelDir : `${modelDir}/`;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.fetch = refuseNetwork;
}

export interface CreateEmbedderOptions {
  modelDir: string;
  model: Pick<InstalledModel, 'id'> & { settings: ModelSettings };
  /** ONNX Runtime intra-op threads (default: its own choice). */
  threads?: number;
  batchSize?: number;
}

export async function createEmbedder({ modelDir, model, threads, batchSize = 32 }: CreateEmbedderOptions): Promise<Embedder> {
  const { env, pipeline } = await loadTransformers();
  configureOffline(env, modelDir);
  const { pooling, prefix, dtype } = model.settings;
  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    extractor = await pipeline('feature-extraction', model.id, {
      dtype,
      local_files_only: true,
      ...(threads ? { session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } } : {}),
    });
  } catch (e) {
    if (e instanceof NetworkDisabledError) throw e;
    throw new ModelNotInstalledError(`${missingModelMessage(modelDir, model.id)} (${(e as Error).message})`);
  }
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts.map((t) => prefix + t), { pooling, normalize: true });
    const [rows, dimension] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dimension, (i + 1) * dimension));
  };
  const [probe] = await run(['dimension probe']);
  const info: EmbeddingModelInfo = { modelId: model.id, pooling, prefix, dimension: probe!.length };
  return {
    info,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) vectors.push(...(await run(texts.slice(i, i + batchSize))));
      return vectors;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
}
