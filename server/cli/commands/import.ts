import fs from 'node:fs';
import { dataDirFrom } from '../../config.js';
import { InputError } from '../../domain/errors.js';
import { describeWritten, importContent, IMPORT_FORMATS, maybeImportFormat } from '../../services/importContent.js';
import { createStore } from '../../store/createStore.js';
import { formatLoadSummary } from './load.js';
import { listOption } from '../analysisSupport.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { printWarning } from '../errors.js';

export { IMPORT_FORMATS };

export async function importCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs(
    'import',
    argv,
    {
      format: { type: 'string' },
      'framework-id': { type: 'string' },
      name: { type: 'string' },
      edition: { type: 'string' },
      publisher: { type: 'string' },
      'short-name': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sheet: { type: 'string' },
      'element-types': { type: 'string' },
      replace: { type: 'boolean' },
      'skip-conflicts': { type: 'boolean' },
      'no-load': { type: 'boolean' },
    },
    { positionals: true },
  );
  const format = maybeImportFormat(requireOption('import', values, 'format'));
  if (positionals.length !== 1) throw new InputError('import: give exactly one FILE to import');
  const file = positionals[0]!;
  if (!fs.existsSync(file)) throw new InputError(`import: no such file: ${file}`);
  const store = values['no-load'] ? undefined : await createStore();
  try {
    const outcome = await importContent({
      format,
      bytes: fs.readFileSync(file),
      sourceName: file,
      dataDir: dataDirFrom(),
      store,
      replace: Boolean(values.replace),
      skipConflicts: Boolean(values['skip-conflicts']),
      frameworkId: values['framework-id'] as string | undefined,
      name: values.name as string | undefined,
      edition: values.edition as string | undefined,
      publisher: values.publisher as string | undefined,
      shortName: values['short-name'] as string | undefined,
      from: values.from as string | undefined,
      to: values.to as string | undefined,
      sheet: values.sheet as string | undefined,
      elementTypes: listOption(values['element-types']),
    });
    outcome.warnings.forEach(printWarning);
    for (const written of describeWritten(outcome.written)) console.log(`Wrote ${written}`);
    if (outcome.load) console.log(formatLoadSummary(outcome.load));
    if (outcome.reviewsApplied) console.log(`Applied ${outcome.reviewsApplied} review decisions.`);
  } finally {
    await store?.close();
  }
}
