import { DataFileError, NotFoundError, type Problem } from '../domain/errors.js';
import { isEvidenceHeader, parseEvidenceCsv } from '../exports/evidenceCsv.js';
import { importSoaCsv, isSoaHeader } from '../exports/soaExport.js';
import { onSheetRows, readTable } from '../interop/xlsxSheet.js';
import type { EvidenceImportSummary, EvidenceStore, GraphStore } from '../store/types.js';
import { contentFromStore } from './analysis.js';
import { unknownFramework } from '../domain/likelyMeant.js';

/**
 * Imports an evidence register (CSV, or an XLSX workbook whose sheet has the register's header) against what the store
 * holds. A row that names an unknown requirement, control or framework stops the import with every problem located
 * (file, sheet, line); nothing is written then. Warnings come back with the counts.
 */
export async function importEvidenceRegister(
  store: GraphStore & EvidenceStore,
  bytes: Uint8Array,
  file: string,
): Promise<EvidenceImportSummary & { warnings: Problem[] }> {
  const bundle = await contentFromStore(store);
  const table = await readTable(bytes, file, { accepts: isEvidenceHeader });
  const read = parseEvidenceCsv(table.text, {
    file: table.file,
    knownRequirementIds: new Set(bundle.requirements.map((r) => r.id)),
    knownOrgControlIds: new Set((await store.listOrgControls()).map((c) => c.id)),
    knownFrameworkIds: new Set(bundle.frameworks.map((f) => f.id)),
  });
  const problems = onSheetRows(read.problems, table);
  if (problems.some((p) => p.severity === 'error')) throw new DataFileError(problems);
  const summary = await store.importEvidence({ evidence: read.evidence, links: read.links });
  return { ...summary, warnings: problems.filter((p) => p.severity === 'warning') };
}

/**
 * Imports Statement of Applicability decisions (the CSV `crosswalk soa export` writes, another tool's SoA table with
 * its common column names and control refs, as importSoaCsv reads them, or a workbook with such a sheet) for one
 * framework, or for those the file's ids name. A wrong row stops the import with every problem located; nothing is
 * written then.
 */
export async function importSoaRegister(
  store: GraphStore & EvidenceStore,
  bytes: Uint8Array,
  file: string,
  { frameworkId }: { frameworkId?: string } = {},
): Promise<{ saved: number; warnings: Problem[] }> {
  const bundle = await contentFromStore(store);
  if (frameworkId !== undefined && !bundle.frameworks.some((f) => f.id === frameworkId))
    throw new NotFoundError(unknownFramework(frameworkId, bundle.frameworks.map((f) => f.id)));
  const table = await readTable(bytes, file, { accepts: isSoaHeader });
  const read = importSoaCsv(table.text, { file: table.file, frameworkId, knownRequirementIds: new Set(bundle.requirements.map((r) => r.id)) });
  const problems = onSheetRows(read.problems, table);
  if (problems.some((p) => p.severity === 'error')) throw new DataFileError(problems);
  await store.saveSoaEntries(read.entries);
  return { saved: read.entries.length, warnings: problems.filter((p) => p.severity === 'warning') };
}
