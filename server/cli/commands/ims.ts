import { imsPlan, type ImsPlan } from '../../domain/analysis/imsPlan.js';
import { InputError } from '../../domain/errors.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import { exportImsMarkdown, exportImsXlsx } from '../../exports/imsExport.js';
import { parseCommandArgs } from '../args.js';
import { contentFromFiles, contentFromStore, listOption, maybeFormat, maybeSource, maybeStatuses, now, withStore, writeOutput } from '../analysisSupport.js';

export const IMS_FORMATS = ['md', 'xlsx'] as const;

export async function ims({ standards, source = 'files', includeProposed = false }: { standards: string[]; source?: 'files' | 'store'; includeProposed?: boolean }): Promise<{ plan: ImsPlan; bundle: ContentBundle }> {
  if (!standards.length) throw new InputError('ims: --standards is required, e.g. --standards iso42001-2023,iso27001-2022,iso9001-2015');
  const bundle = source === 'store' ? await withStore(contentFromStore) : contentFromFiles();
  return { plan: imsPlan(bundle, { standards, harmonizedClauses: bundle.harmonizedClauses, statuses: maybeStatuses(includeProposed) }), bundle };
}

export async function imsCommand(argv: string[]) {
  const { values } = parseCommandArgs('ims', argv, {
    standards: { type: 'string', multiple: true }, source: { type: 'string' }, 'include-proposed': { type: 'boolean' },
    json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' },
  });
  const format = maybeFormat('ims', values.format, IMS_FORMATS);
  const { plan, bundle } = await ims({ standards: listOption(values.standards), source: maybeSource('ims', values.source, 'files'), includeProposed: Boolean(values['include-proposed']) });
  const out = values.out as string | undefined;
  const options = { frameworks: bundle.frameworks, generatedAt: now() };
  if (format === 'xlsx') writeOutput('ims', { out, data: await exportImsXlsx(plan, options), binary: true });
  else if (values.json) console.log(JSON.stringify(plan, null, 2));
  else writeOutput('ims', { out, data: exportImsMarkdown(plan, options) });
}
