import { exportContent, EXPORT_FORMATS } from '../../services/exportContent.js';
import { withLoadedStore, writeOutput } from '../analysisSupport.js';
import { parseCommandArgs, requireOption } from '../args.js';

/** Exports from the store, so people's own mappings and reviews are included; writes to --out or standard output. */
export async function exportCommand(argv: string[]) {
  const { values } = parseCommandArgs('export', argv, {
    format: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    framework: { type: 'string' },
    out: { type: 'string' },
  });
  const format = requireOption('export', values, 'format');
  await withLoadedStore(async (store) => {
    const file = await exportContent(store, { format, from: values.from as string | undefined, to: values.to as string | undefined, framework: values.framework as string | undefined });
    if (file.mappings === 0)
      console.error(`crosswalk: no mapping between ${values.from} and ${values.to} is stored, so the file has no rows; "crosswalk gap --have ${values.from} --target ${values.to}" follows chains through other frameworks, and "crosswalk suggest" proposes direct ones`);
    const data = typeof file.body === 'string' && !file.body.endsWith('\n') ? `${file.body}\n` : file.body;
    writeOutput('export', { out: values.out as string | undefined, data, binary: typeof file.body !== 'string' });
  });
}

export const EXPORT_USAGE = `export --format ${EXPORT_FORMATS.join('|')} [--from FW --to FW | --framework FW] [--out FILE]`;
