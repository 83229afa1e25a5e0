import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../domain/errors.js';
import { buildWordVectors } from '../../suggest/wordVectorBuild.js';
import { SHIPPED_WORD_VECTORS, writeWordVectors } from '../../suggest/wordVectors.js';
import { DEFAULT_MODEL_ID, DEFAULT_RERANKER_ID, DTYPES, KNOWN_MODELS, KNOWN_RERANKERS, listInstalledModels, modelDirFrom, type ModelDtype } from '../../suggest/modelFolder.js';
import { pullModel } from '../../suggest/pullModel.js';
import { parseCommandArgs } from '../args.js';

const POOLINGS = ['cls', 'mean'] as const;

function maybePooling(value: unknown): 'cls' | 'mean' | undefined {
  if (value === undefined) return undefined;
  if (!(POOLINGS as readonly unknown[]).includes(value)) throw new InputError(`models pull: invalid pooling: "${String(value)}" (expected: ${POOLINGS.join(', ')})`);
  return value as 'cls' | 'mean';
}

function maybeDtype(value: unknown): ModelDtype | undefined {
  if (value === undefined) return undefined;
  if (!(DTYPES as readonly unknown[]).includes(value)) throw new InputError(`models pull: invalid dtype: "${String(value)}" (expected: ${DTYPES.join(', ')})`);
  return value as ModelDtype;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export async function modelsCommand(argv: string[]) {
  const [action, ...rest] = argv;
  const modelDir = modelDirFrom();
  if (action === 'list') {
    const { values } = parseCommandArgs('models list', rest, { json: { type: 'boolean' } });
    const installed = listInstalledModels(modelDir);
    if (values.json) {
      console.log(
        JSON.stringify(
          {
            modelDir,
            default: DEFAULT_MODEL_ID,
            defaultReranker: DEFAULT_RERANKER_ID,
            installed: installed.map(({ id, task, dtypes, settings, bytes }) => ({ id, task, dtypes, settings, bytes })),
            known: KNOWN_MODELS,
            knownRerankers: KNOWN_RERANKERS,
          },
          null,
          2,
        ),
      );
      return;
    }
    const embedders = installed.filter((m) => m.task === 'embedding');
    const rerankers = installed.filter((m) => m.task === 'reranker');
    console.log(`Embedding models in ${modelDir}:`);
    if (!embedders.length) console.log(`  none. Run "npx crosswalk models pull" on a machine that can reach the Hugging Face hub (default ${DEFAULT_MODEL_ID}), then copy the folder here.`);
    for (const m of embedders)
      console.log(`  ${m.id.padEnd(32)} ${m.dtypes.join(',').padEnd(10)} pooling ${m.settings.pooling}, dtype ${m.settings.dtype}${m.settings.prefix ? `, prefix "${m.settings.prefix}"` : ''}, ${mb(m.bytes)}${m.id === DEFAULT_MODEL_ID ? ' (default)' : ''}`);
    console.log(`\nRerankers (cross-encoders, for --rerank) in ${modelDir}:`);
    if (!rerankers.length) console.log(`  none (optional; default ${DEFAULT_RERANKER_ID}).`);
    for (const m of rerankers) console.log(`  ${m.id.padEnd(32)} ${m.dtypes.join(',').padEnd(10)} dtype ${m.settings.dtype}, ${mb(m.bytes)}${m.id === DEFAULT_RERANKER_ID ? ' (default)' : ''}`);
    console.log('\nKnown models (npx crosswalk models pull MODEL):');
    for (const [id, k] of Object.entries(KNOWN_MODELS)) console.log(`  ${id.padEnd(32)} ${k.dimension} dims, ${k.pooling} pooling: ${k.about}`);
    for (const [id, k] of Object.entries(KNOWN_RERANKERS)) console.log(`  ${id.padEnd(32)} reranker: ${k.about}`);
    return;
  }
  if (action === 'pull') {
    const { values, positionals } = parseCommandArgs(
      'models pull',
      rest,
      { pooling: { type: 'string' }, prefix: { type: 'string' }, dtype: { type: 'string' }, reranker: { type: 'boolean' } },
      { positionals: true },
    );
    if (positionals.length > 1) throw new InputError('models pull: give at most one MODEL id');
    const modelId = positionals[0] ?? DEFAULT_MODEL_ID;
    console.log(`Downloading ${modelId} into ${modelDir} …`);
    const model = await pullModel({
      modelDir,
      modelId,
      settings: { pooling: maybePooling(values.pooling), prefix: values.prefix as string | undefined, dtype: maybeDtype(values.dtype) },
      ...(values.reranker ? { task: 'reranker' as const } : {}),
      remoteHost: process.env.CROSSWALK_MODEL_HUB || undefined,
      onFile: (file) => console.log(`  ${file}`),
    });
    if (model.task === 'reranker') console.log(`Installed the reranker ${model.id} (${model.dtypes.join(', ')}; dtype ${model.settings.dtype}, ${mb(model.bytes)}) in ${model.dir}`);
    else console.log(`Installed ${model.id} (${model.dtypes.join(', ')}; pooling ${model.settings.pooling}, dtype ${model.settings.dtype}, ${mb(model.bytes)}) in ${model.dir}`);
    return;
  }
  if (action === 'build-word-vectors') return buildWordVectorsCommand(rest);
  throw new InputError(`models: invalid action: "${action ?? ''}" (expected: list, pull, build-word-vectors)`);
}

/** Text files under the folders given, in a stable order. */
function corpusFiles(dirs: string[], exclude?: RegExp): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|txt)$/i.test(entry.name)) files.push(full);
    }
  };
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError(`models build-word-vectors: no such folder: ${dir}`);
    walk(dir);
  }
  return exclude ? files.filter((f) => !exclude.test(fs.readFileSync(f, 'utf8'))) : files;
}

/**
 * Builds the domain word vectors the offline suggestion method uses, from a folder of Markdown or text files
 * (docs/suggestions.md says which corpus the shipped ones come from). --exclude leaves out every file whose text
 * matches, so documents that state mappings cannot leak into an evaluation.
 */
async function buildWordVectorsCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs(
    'models build-word-vectors',
    argv,
    { out: { type: 'string' }, exclude: { type: 'string' }, dims: { type: 'string' }, description: { type: 'string' }, source: { type: 'string', multiple: true } },
    { positionals: true },
  );
  if (!positionals.length) throw new InputError('models build-word-vectors: give one or more FOLDERs of .md or .txt files');
  const dims = values.dims === undefined ? 100 : Number(values.dims);
  if (!Number.isInteger(dims) || dims < 2 || dims > 1000) throw new InputError(`models build-word-vectors: --dims must be an integer from 2 to 1000 (got "${String(values.dims)}")`);
  let exclude: RegExp | undefined;
  try {
    exclude = values.exclude ? new RegExp(values.exclude as string, 'i') : undefined;
  } catch (e) {
    throw new InputError(`models build-word-vectors: --exclude is not a regular expression: ${(e as Error).message}`);
  }
  const files = corpusFiles(positionals, exclude);
  if (!files.length) throw new InputError('models build-word-vectors: no .md or .txt file to read (after --exclude)');
  const out = path.resolve((values.out as string | undefined) ?? SHIPPED_WORD_VECTORS);
  console.log(`Reading ${files.length} files …`);
  const started = Date.now();
  const { header, rows } = buildWordVectors({
    documents: files.map((f) => fs.readFileSync(f, 'utf8')),
    description: (values.description as string | undefined) ?? `${files.length} files under ${positionals.join(', ')}`,
    sources: (values.source as string[] | undefined) ?? positionals,
    dims,
  });
  writeWordVectors(out, header, rows);
  console.log(`Wrote ${header.words.length} words × ${dims} dimensions from ${header.total} tokens to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
