import fs from 'node:fs';
import { statementOfApplicability, type StatementOfApplicability } from '../../domain/analysis/statementOfApplicability.js';
import { frameworkCitation } from '../../domain/citation.js';
import { InputError } from '../../domain/errors.js';
import { exportSoaCsv, exportSoaXlsx } from '../../exports/soaExport.js';
import { importSoaRegister } from '../../services/importRegisters.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { contentFromStore, maybeFormat, now, today, withEvidenceStore, writeOutput } from '../analysisSupport.js';
import { printWarning } from '../errors.js';
import { unknownFramework } from '../../domain/likelyMeant.js';

export const SOA_FORMATS = ['csv', 'xlsx'] as const;

export async function soa({ frameworkId, asOf = today() }: { frameworkId: string; asOf?: string }): Promise<{ soa: StatementOfApplicability; frameworkName?: string }> {
  return withEvidenceStore('soa', async (store) => {
    const bundle = await contentFromStore(store);
    const framework = bundle.frameworks.find((f) => f.id === frameworkId);
    if (!framework) throw new InputError(`soa: ${unknownFramework(frameworkId, bundle.frameworks.map((f) => f.id))}`);
    const result = statementOfApplicability({
      frameworkId, requirements: bundle.requirements, entries: await store.listSoaEntries(frameworkId), evidence: await store.listEvidence(),
      links: await store.listEvidenceLinks(), orgControls: await store.listOrgControls(), asOf,
    });
    return { soa: result, frameworkName: frameworkCitation(framework) };
  });
}

/** Saves the decisions of a SoA CSV (as exported, possibly edited) into the store; all or nothing. */
export async function importSoa(file: string, { frameworkId }: { frameworkId?: string } = {}) {
  if (!fs.existsSync(file)) throw new InputError(`soa import: no such file: ${file}`);
  return withEvidenceStore('soa import', (store) => importSoaRegister(store, fs.readFileSync(file), file, { frameworkId }));
}

export function formatSoa({ soa: s, frameworkName }: { soa: StatementOfApplicability; frameworkName?: string }): string {
  const lines = [
    `Statement of Applicability: ${frameworkName ?? s.frameworkId} (evidence as of ${s.asOf})`,
    `${s.summary.controls} controls: ${s.summary.decided} decided (${s.summary.applicable} applicable, ${s.summary.excluded} excluded), ${s.summary.implemented} implemented, ${s.summary.withEvidence} with current evidence, ${s.summary.withIssues} with issues`,
    '',
  ];
  let objective = '';
  for (const r of s.rows) {
    if (r.objective && r.objective !== objective) lines.push((objective = r.objective));
    const decision = r.applicable === null ? 'undecided' : r.applicable ? 'applicable' : 'excluded';
    lines.push(`  ${r.ref.padEnd(9)} ${decision.padEnd(10)} ${r.implementationStatus.padEnd(12)} ${r.title}${r.evidence.length ? ` [${r.evidence.map((e) => e.evidenceId + (e.expired ? ' expired' : '')).join(', ')}]` : ''}`);
    for (const issue of r.issues) lines.push(`            ! ${issue}`);
  }
  return lines.join('\n');
}

export async function soaCommand(argv: string[]) {
  if (argv[0] === 'import') {
    const { values, positionals } = parseCommandArgs('soa import', argv.slice(1), { format: { type: 'string' }, framework: { type: 'string' } }, { positionals: true });
    maybeFormat('soa import', requireOption('soa import', values, 'format'), ['csv'] as const);
    if (positionals.length !== 1) throw new InputError('soa import: give exactly one FILE to import');
    const { saved, warnings } = await importSoa(positionals[0]!, { frameworkId: values.framework as string | undefined });
    warnings.forEach(printWarning);
    console.log(`Saved ${saved} applicability decisions.`);
    return;
  }
  const { values } = parseCommandArgs('soa', argv, {
    framework: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' },
  });
  const format = maybeFormat('soa', values.format, SOA_FORMATS);
  const result = await soa({ frameworkId: requireOption('soa', values, 'framework'), asOf: values['as-of'] as string | undefined });
  const out = values.out as string | undefined;
  if (format === 'csv') writeOutput('soa', { out, data: exportSoaCsv(result.soa) });
  else if (format === 'xlsx') writeOutput('soa', { out, data: await exportSoaXlsx(result.soa, { generatedAt: now(), frameworkName: result.frameworkName }), binary: true });
  else if (values.json) console.log(JSON.stringify(result.soa, null, 2));
  else console.log(formatSoa(result));
}
