import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../domain/errors.js';
import { configureOffline, loadTransformers } from './embedder.js';
import { DEFAULT_MODEL_ID, KNOWN_MODELS, KNOWN_RERANKERS, listInstalledModels, MODEL_SETTINGS_FILE, type InstalledModel, type ModelSettings, type ModelTask } from './modelFolder.js';

export interface PullModelOptions {
  modelDir: string;
  modelId?: string;
  /** Settings for a model Crosswalk does not know (pooling, prefix, dtype). */
  settings?: Partial<ModelSettings>;
  /** An embedding model or a cross-encoder; a known reranker id is one without saying so. */
  task?: ModelTask;
  /** The fetch used for the download (tests pass one that fails). */
  fetch?: (input: string | URL, init?: unknown) => Promise<unknown>;
  /** A mirror of the Hugging Face hub (same URL layout), e.g. from CROSSWALK_MODEL_HUB. */
  remoteHost?: string;
  onFile?: (file: string) => void;
  /** How long to wait for the hub to start answering a request (default 30 s); the download itself may take longer. */
  answerTimeoutMs?: number;
}

/** How long `models pull` waits for the hub to answer each request before it gives up. */
export const HUB_ANSWER_TIMEOUT_MS = 30_000;

/**
 * The fetch, refusing to wait longer than `ms` for a response to begin: a proxy or firewall that accepts the
 * connection and then says nothing would otherwise hold the command for minutes per file. Once the answer has begun,
 * the body may take as long as it takes.
 */
function answeringWithin(fetchImpl: NonNullable<PullModelOptions['fetch']>, ms: number): NonNullable<PullModelOptions['fetch']> {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`the hub did not answer within ${ms / 1000} s`)), ms);
    const given = (init as RequestInit | undefined)?.signal;
    try {
      return await fetchImpl(input, { ...(init as RequestInit | undefined), signal: given ? AbortSignal.any([given, controller.signal]) : controller.signal });
    } catch (e) {
      throw controller.signal.aborted ? controller.signal.reason : e;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Downloads a feature-extraction model (or a cross-encoder for reranking) from the Hugging Face hub into the model folder: the only place where
 * Crosswalk allows transformers.js to reach the network. The files land where the offline embedder reads them
 * (`<folder>/<org>/<name>/...`); a crosswalk-model.json beside them records pooling, prefix and dtype.
 */
export async function pullModel({ modelDir, modelId = DEFAULT_MODEL_ID, settings = {}, task = KNOWN_RERANKERS[modelId] ? 'reranker' : 'embedding', fetch: fetchImpl, remoteHost, onFile, answerTimeoutMs = HUB_ANSWER_TIMEOUT_MS }: PullModelOptions): Promise<InstalledModel> {
  const known = KNOWN_MODELS[modelId];
  const chosen: ModelSettings = {
    pooling: settings.pooling ?? known?.pooling ?? 'mean',
    prefix: settings.prefix ?? known?.prefix ?? '',
    dtype: settings.dtype ?? known?.dtype ?? KNOWN_RERANKERS[modelId]?.dtype ?? 'q8',
  };
  const { env, pipeline } = await loadTransformers();
  const target = path.join(modelDir, ...modelId.split('/'));
  const existed = fs.existsSync(target);
  const defaultHost = env.remoteHost;
  if (remoteHost) env.remoteHost = remoteHost.endsWith('/') ? remoteHost : `${remoteHost}/`;
  const host = env.remoteHost;
  env.allowRemoteModels = true;
  env.allowLocalModels = true;
  env.localModelPath = `${modelDir}/`;
  // The download cache is the model folder itself, so cached files are exactly the local model layout.
  env.useFSCache = true;
  env.cacheDir = modelDir;
  env.fetch = answeringWithin(fetchImpl ?? (globalThis.fetch as NonNullable<PullModelOptions['fetch']>), answerTimeoutMs) as typeof env.fetch;
  try {
    const options = {
      dtype: chosen.dtype,
      progress_callback: (p: { status: string; file?: string }) => {
        if (p.status === 'done' && p.file) onFile?.(p.file);
      },
    };
    // Loading the pipeline once downloads every file it needs into the folder.
    const loaded = task === 'reranker' ? await pipeline('text-classification', modelId, options) : await pipeline('feature-extraction', modelId, options);
    await loaded.dispose();
  } catch (e) {
    if (!existed) fs.rmSync(target, { recursive: true, force: true });
    const cause = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
    throw new InputError(
      `models pull: could not download "${modelId}" from ${host} (${cause}). ` +
        `This machine may not reach the Hugging Face hub: run "npx crosswalk models pull ${modelId}" on one that can and copy ` +
        `its models/ folder to ${modelDir} (or set CROSSWALK_MODEL_DIR). Check the model id if the hub said it does not exist.`,
    );
  } finally {
    env.remoteHost = defaultHost;
    configureOffline(env, modelDir);
  }
  fs.writeFileSync(path.join(target, MODEL_SETTINGS_FILE), `${JSON.stringify(chosen, null, 2)}\n`);
  const installed = listInstalledModels(modelDir).find((m) => m.id === modelId);
  if (!installed) throw new InputError(`models pull: "${modelId}" was downloaded but has no ONNX file for dtype ${chosen.dtype} in ${target}/onnx`);
  return installed;
}
