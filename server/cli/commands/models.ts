import { InputError } from '../../domain/errors.js';
import { DEFAULT_MODEL_ID, DTYPES, KNOWN_MODELS, listInstalledModels, modelDirFrom, type ModelDtype } from '../../suggest/modelFolder.js';
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
      console.log(JSON.stringify({ modelDir, default: DEFAULT_MODEL_ID, installed: installed.map(({ id, dtypes, settings, bytes }) => ({ id, dtypes, settings, bytes })), known: KNOWN_MODELS }, null, 2));
      return;
    }
    console.log(`Embedding models in ${modelDir}:`);
    if (!installed.length) console.log(`  none. Run "npx crosswalk models pull" on a machine that can reach the Hugging Face hub (default ${DEFAULT_MODEL_ID}), then copy the folder here.`);
    for (const m of installed)
      console.log(`  ${m.id.padEnd(32)} ${m.dtypes.join(',').padEnd(10)} pooling ${m.settings.pooling}, dtype ${m.settings.dtype}${m.settings.prefix ? `, prefix "${m.settings.prefix}"` : ''}, ${mb(m.bytes)}${m.id === DEFAULT_MODEL_ID ? ' (default)' : ''}`);
    console.log('\nKnown models (npx crosswalk models pull MODEL):');
    for (const [id, k] of Object.entries(KNOWN_MODELS)) console.log(`  ${id.padEnd(32)} ${k.dimension} dims, ${k.pooling} pooling: ${k.about}`);
    return;
  }
  if (action === 'pull') {
    const { values, positionals } = parseCommandArgs('models pull', rest, { pooling: { type: 'string' }, prefix: { type: 'string' }, dtype: { type: 'string' } }, { positionals: true });
    if (positionals.length > 1) throw new InputError('models pull: give at most one MODEL id');
    const modelId = positionals[0] ?? DEFAULT_MODEL_ID;
    console.log(`Downloading ${modelId} into ${modelDir} …`);
    const model = await pullModel({
      modelDir,
      modelId,
      settings: { pooling: maybePooling(values.pooling), prefix: values.prefix as string | undefined, dtype: maybeDtype(values.dtype) },
      remoteHost: process.env.CROSSWALK_MODEL_HUB || undefined,
      onFile: (file) => console.log(`  ${file}`),
    });
    console.log(`Installed ${model.id} (${model.dtypes.join(', ')}; pooling ${model.settings.pooling}, dtype ${model.settings.dtype}, ${mb(model.bytes)}) in ${model.dir}`);
    return;
  }
  throw new InputError(`models: invalid action: "${action ?? ''}" (expected: list, pull)`);
}
