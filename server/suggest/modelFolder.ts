import fs from 'node:fs';
import path from 'node:path';

/**
 * The local folder of embedding models (`$CROSSWALK_MODEL_DIR`, default `./models`), laid out the way
 * transformers.js reads models locally: `<folder>/<org>/<name>/{config.json, tokenizer.json, onnx/model*.onnx}`.
 * Nothing here touches the network.
 */

export const DEFAULT_MODEL_ID = 'Xenova/bge-small-en-v1.5';
/** Written by `crosswalk models pull` beside the model: how to pool and prefix it. */
export const MODEL_SETTINGS_FILE = 'crosswalk-model.json';

export const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type ModelDtype = (typeof DTYPES)[number];
const DTYPE_SUFFIX: Record<ModelDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' };

export interface ModelSettings {
  pooling: 'cls' | 'mean';
  /** Put before every text; some models want one ("query: " for e5 used symmetrically). */
  prefix: string;
  /** Which ONNX file to load: q8 is `onnx/model_quantized.onnx`, fp32 `onnx/model.onnx`. */
  dtype: ModelDtype;
}

export interface KnownModel extends ModelSettings {
  dimension: number;
  about: string;
}

/** Models Crosswalk knows how to use; any other feature-extraction model works with mean pooling. */
export const KNOWN_MODELS: Record<string, KnownModel> = {
  'Xenova/bge-small-en-v1.5': { pooling: 'cls', prefix: '', dtype: 'q8', dimension: 384, about: 'default: small (about 34 MB at q8), strong on short English passages' },
  'Xenova/bge-base-en-v1.5': { pooling: 'cls', prefix: '', dtype: 'q8', dimension: 768, about: 'larger BGE (about 110 MB at q8): somewhat better, about three times slower' },
  'Xenova/all-MiniLM-L6-v2': { pooling: 'mean', prefix: '', dtype: 'q8', dimension: 384, about: 'fastest (about 23 MB at q8), weaker on domain vocabulary' },
  'Xenova/e5-small-v2': { pooling: 'mean', prefix: 'query: ', dtype: 'q8', dimension: 384, about: 'E5 small; used symmetrically with the "query: " prefix' },
  'Xenova/gte-small': { pooling: 'mean', prefix: '', dtype: 'q8', dimension: 384, about: 'GTE small, comparable to bge-small' },
};

/** What a model in the folder is for: sentence embeddings, or scoring a query and a passage together (a cross-encoder). */
export type ModelTask = 'embedding' | 'reranker';

/** Cross-encoders Crosswalk knows; any other sequence-classification model with one relevance logit works. */
export const DEFAULT_RERANKER_ID = 'Xenova/bge-reranker-base';
export const KNOWN_RERANKERS: Record<string, { dtype: ModelDtype; about: string }> = {
  'Xenova/bge-reranker-base': { dtype: 'q8', about: 'default reranker: BGE cross-encoder (about 280 MB at q8), trained on broad passage retrieval' },
  'Xenova/ms-marco-MiniLM-L-6-v2': { dtype: 'q8', about: 'small and fast (about 23 MB at q8), trained on web search queries' },
};

export interface InstalledModel {
  id: string;
  task: ModelTask;
  dir: string;
  /** ONNX variants present. */
  dtypes: ModelDtype[];
  settings: ModelSettings;
  bytes: number;
}

export const modelDirFrom = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.CROSSWALK_MODEL_DIR || 'models');

const isModelDir = (dir: string) => fs.existsSync(path.join(dir, 'config.json')) && fs.existsSync(path.join(dir, 'onnx'));

/** A model whose config names a sequence-classification head is a cross-encoder; everything else is read as an embedder. */
function taskOf(dir: string): ModelTask {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { architectures?: unknown };
    const architectures = Array.isArray(config.architectures) ? config.architectures : [];
    return architectures.some((a) => typeof a === 'string' && a.endsWith('ForSequenceClassification')) ? 'reranker' : 'embedding';
  } catch {
    return 'embedding';
  }
}

function dtypesIn(dir: string): ModelDtype[] {
  const files = new Set(fs.readdirSync(path.join(dir, 'onnx')));
  return DTYPES.filter((dtype) => files.has(`model${DTYPE_SUFFIX[dtype]}.onnx`));
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : fs.statSync(full).size;
  }
  return total;
}

/** Settings from the folder's crosswalk-model.json, else the known defaults, else mean pooling on the best dtype present. */
export function settingsFor(id: string, dir: string, dtypes: ModelDtype[]): ModelSettings {
  const known: Partial<KnownModel> | undefined = KNOWN_MODELS[id] ?? KNOWN_RERANKERS[id];
  const file = path.join(dir, MODEL_SETTINGS_FILE);
  const saved = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ModelSettings>) : {};
  const preferred = saved.dtype ?? known?.dtype;
  const dtype = preferred && dtypes.includes(preferred) ? preferred : (['q8', 'fp32', ...DTYPES] as ModelDtype[]).find((d) => dtypes.includes(d)) ?? 'fp32';
  return { pooling: saved.pooling ?? known?.pooling ?? 'mean', prefix: saved.prefix ?? known?.prefix ?? '', dtype };
}

/** Every usable model in the folder (`<org>/<name>` or `<name>`), sorted by id. */
export function listInstalledModels(modelDir: string): InstalledModel[] {
  if (!fs.existsSync(modelDir)) return [];
  const found: InstalledModel[] = [];
  const consider = (id: string, dir: string) => {
    const dtypes = dtypesIn(dir);
    if (dtypes.length) found.push({ id, dir, task: taskOf(dir), dtypes, settings: settingsFor(id, dir, dtypes), bytes: sizeOf(dir) });
  };
  for (const first of fs.readdirSync(modelDir, { withFileTypes: true })) {
    if (!first.isDirectory() || first.name.startsWith('.')) continue;
    const dir = path.join(modelDir, first.name);
    if (isModelDir(dir)) consider(first.name, dir);
    else
      for (const second of fs.readdirSync(dir, { withFileTypes: true }))
        if (second.isDirectory() && isModelDir(path.join(dir, second.name))) consider(`${first.name}/${second.name}`, path.join(dir, second.name));
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

export function missingModelMessage(modelDir: string, modelId = DEFAULT_MODEL_ID, task: ModelTask = 'embedding'): string {
  return (
    `no ${task === 'reranker' ? 'reranker (cross-encoder)' : 'embedding model'} "${modelId}" in ${modelDir}. To get one, run ` +
    `"npx crosswalk models pull ${modelId}${task === 'reranker' && !KNOWN_RERANKERS[modelId] ? ' --reranker' : ''}" on a machine that can ` +
    `reach the Hugging Face hub and copy its models/ folder here (or point CROSSWALK_MODEL_DIR at it); "npx crosswalk models list" ` +
    `shows what is installed.`
  );
}

export interface ModelChoice {
  model?: InstalledModel;
  /** Said to the user when no model is used, or when another model than the default is. */
  notice?: string;
}

const ROLES: Record<ModelTask, { defaultId: string; using: string; otherKind: string }> = {
  embedding: { defaultId: DEFAULT_MODEL_ID, using: 'using the embedding model', otherKind: 'is a reranker (cross-encoder), not an embedding model: give it to --rerank instead' },
  reranker: { defaultId: DEFAULT_RERANKER_ID, using: 'reranking with', otherKind: 'is an embedding model, not a reranker (cross-encoder): give it to --model instead' },
};

/**
 * The model of a kind to use: the one asked for, else the default, else the only other one installed. Never fails:
 * without a model the caller goes on without it (the offline method, or no rerank) and shows the notice.
 */
function choose(modelDir: string, task: ModelTask, requested?: string): ModelChoice {
  const all = listInstalledModels(modelDir);
  const installed = all.filter((m) => m.task === task);
  const { defaultId, using, otherKind } = ROLES[task];
  if (requested) {
    const model = installed.find((m) => m.id === requested);
    if (model) return { model };
    return { notice: all.some((m) => m.id === requested) ? `"${requested}" in ${modelDir} ${otherKind}` : missingModelMessage(modelDir, requested, task) };
  }
  const model = installed.find((m) => m.id === defaultId) ?? installed[0];
  if (!model) return { notice: missingModelMessage(modelDir, defaultId, task) };
  return model.id === defaultId ? { model } : { model, notice: `${using} "${model.id}" (the default ${defaultId} is not installed)` };
}

/** The embedding model: the one asked for (flag or CROSSWALK_MODEL), else the default, else the only other one installed. */
export const chooseModel = (modelDir: string, requested?: string): ModelChoice => choose(modelDir, 'embedding', requested);

/** The cross-encoder to rerank with: the one asked for, else the default reranker, else the only other one installed. */
export const chooseReranker = (modelDir: string, requested?: string): ModelChoice => choose(modelDir, 'reranker', requested);
