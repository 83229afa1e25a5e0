import { DataFileError, type Problem } from '../domain/errors.js';
import { isEvidenceHeader, parseEvidenceCsv } from '../exports/evidenceCsv.js';
import { onSheetRows, readTable } from '../interop/xlsxSheet.js';
import type { EvidenceImportSummary, EvidenceStore, GraphStore } from '../store/types.js';
import { contentFromStore } from './analysis.js';

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
