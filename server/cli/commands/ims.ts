import { proposeHarmonizedAlignment } from '../../domain/analysis/harmonizedAlignment.js';
import { imsPlan, type ImsPlan } from '../../domain/analysis/imsPlan.js';
import { splitRequirementId } from '../../domain/ids.js';
import { exportHarmonizedDraft } from '../../exports/harmonizedDraft.js';
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

/**
 * `ims align --framework FW [--out FILE]`: drafts the harmonized-structure file that brings a standard Crosswalk does
 * not ship into IMS plans (see proposeHarmonizedAlignment); a person reviews it and saves it in the data folder.
 */
function imsAlignCommand(argv: string[]) {
  const { values } = parseCommandArgs('ims align', argv, { framework: { type: 'string' }, out: { type: 'string' } });
  const frameworkId = values.framework as string | undefined;
  if (!frameworkId) throw new InputError('ims align: --framework is required: the imported standard to align with the harmonized structure, e.g. --framework iso22301-2019');
  const bundle = contentFromFiles();
  const alignment = proposeHarmonizedAlignment(bundle, frameworkId);
  const names = new Map(bundle.frameworks.map((f) => [f.id, f.name]));
  const nameOf = (id: string) => {
    const { frameworkId: fw, ref } = splitRequirementId(id);
    return `${names.get(fw) ?? fw} ${ref}`;
  };
  const draft = exportHarmonizedDraft(alignment, { frameworkName: names.get(frameworkId)!, generatedAt: now(), nameOf });
  writeOutput('ims align', { out: values.out as string | undefined, data: draft });
  const placed = alignment.concepts.reduce((n, c) => n + c.clauses.length, 0);
  console.error(`ims align: ${placed} clause(s) of ${frameworkId} proposed for ${alignment.concepts.length} concept(s), ${alignment.unmatched.length} left to place by hand. Review the draft before saving it in the data folder.`);
}

export async function imsCommand(argv: string[]) {
  if (argv[0] === 'align') return imsAlignCommand(argv.slice(1));
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
