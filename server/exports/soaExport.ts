import type { StatementOfApplicability } from '../domain/analysis/statementOfApplicability.js';
import type { Problem } from '../domain/errors.js';
import { IMPLEMENTATION_STATUSES, SoaEntrySchema, type SoaEntry } from '../domain/schemas/soa.js';
import { readCsv, toCsv } from '../interop/csv.js';
import { addKeyValueSheet, addTableSheet, joinList, newWorkbook, toBuffer } from './workbook.js';

/**
 * One row per control. On import only `framework_id`, `requirement_id`, `applicable` (yes/no; blank = undecided,
 * the row is skipped), `justification`, `implementation_status` and `updated_at` are read; the other columns are
 * derived (titles, evidence, issues) and ignored, so an exported file can be edited and imported back.
 */
export const SOA_CSV_COLUMNS = [
  'framework_id', 'requirement_id', 'ref', 'title', 'objective', 'applicable', 'justification', 'implementation_status', 'updated_at', 'evidence', 'issues',
] as const;

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

function soaCells(soa: StatementOfApplicability): string[][] {
  return soa.rows.map((r) => [
    soa.frameworkId, r.requirementId, r.ref, r.title, r.objective ?? '', yesNo(r.applicable), r.justification, r.implementationStatus, r.updatedAt ?? '',
    joinList(r.evidence.map((e) => `${e.evidenceId}${e.expired ? ' (expired)' : ''}`)), r.issues.join(' | '),
  ]);
}

export const exportSoaCsv = (soa: StatementOfApplicability): string => toCsv([[...SOA_CSV_COLUMNS], ...soaCells(soa)]);

export async function exportSoaXlsx(soa: StatementOfApplicability, { generatedAt, frameworkName }: { generatedAt: string; frameworkName?: string }): Promise<Buffer> {
  const workbook = addSheets(soa, generatedAt, frameworkName);
  return toBuffer(workbook);
}

function addSheets(soa: StatementOfApplicability, generatedAt: string, frameworkName?: string) {
  const workbook = newWorkbook(generatedAt);
  addTableSheet(workbook, 'Statement of Applicability', SOA_CSV_COLUMNS, soaCells(soa), {
    widths: { title: 45, objective: 40, justification: 60, evidence: 40, issues: 60 },
  });
  const s = soa.summary;
  addKeyValueSheet(workbook, 'Summary', [
    { heading: `Statement of Applicability: ${frameworkName ?? soa.frameworkId}` },
    ['Generated', generatedAt], ['Evidence as of', soa.asOf], ['Controls', s.controls], ['Decided', s.decided], ['Applicable', s.applicable],
    ['Excluded', s.excluded], ['Implemented', s.implemented], ['With current evidence', s.withEvidence], ['With issues', s.withIssues],
  ]);
  return workbook;
}

const YES = new Set(['yes', 'y', 'true', '1', 'applicable', 'included']);
const NO = new Set(['no', 'n', 'false', '0', 'not applicable', 'excluded']);

export interface SoaCsvOptions {
  file: string;
  /** Every row must be of this framework, when given. */
  frameworkId?: string;
  knownRequirementIds?: ReadonlySet<string>;
}

/** Reads decisions back from a SoA CSV; with any error nothing is returned. */
export function importSoaCsv(text: string, { file, frameworkId, knownRequirementIds }: SoaCsvOptions): { entries: SoaEntry[]; problems: Problem[] } {
  const { header, rows, problems } = readCsv(text, file);
  const fail = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'error' });
  const missing = ['framework_id', 'requirement_id', 'applicable'].filter((c) => header.length && !header.includes(c));
  if (missing.length) fail(1, `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected: ${SOA_CSV_COLUMNS.join(',')})`);
  if (missing.length || !header.length) return { entries: [], problems };
  const entries: SoaEntry[] = [];
  const seen = new Map<string, number>();
  for (const { values, line } of rows) {
    const applicableText = (values.applicable ?? '').trim().toLowerCase();
    const justification = values.justification ?? '';
    if (!applicableText) {
      if (justification.trim()) fail(line, 'applicable: say yes or no when giving a justification (blank means undecided)');
      continue;
    }
    if (!YES.has(applicableText) && !NO.has(applicableText)) {
      fail(line, `applicable: invalid value "${values.applicable}" (expected: yes, no, or blank for undecided)`);
      continue;
    }
    const status = (values.implementation_status ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-');
    const parsed = SoaEntrySchema.safeParse({
      frameworkId: values.framework_id?.trim(), requirementId: values.requirement_id?.trim(), applicable: YES.has(applicableText), justification,
      ...(status ? { implementationStatus: status } : {}), ...(values.updated_at?.trim() ? { updatedAt: values.updated_at.trim() } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        fail(line, `${String(issue.path[0] ?? 'row')}: ${issue.path[0] === 'implementationStatus' ? `invalid status "${status}" (expected: ${IMPLEMENTATION_STATUSES.join(', ')})` : issue.message}`);
      continue;
    }
    const entry = parsed.data;
    if (frameworkId && entry.frameworkId !== frameworkId) fail(line, `framework_id: "${entry.frameworkId}" where this import is for ${frameworkId}`);
    if (knownRequirementIds && !knownRequirementIds.has(entry.requirementId)) fail(line, `requirement_id: unknown requirement "${entry.requirementId}"`);
    if (seen.has(entry.requirementId)) fail(line, `requirement_id: "${entry.requirementId}" was already on line ${seen.get(entry.requirementId)}`);
    seen.set(entry.requirementId, line);
    entries.push(entry);
  }
  return problems.some((p) => p.severity === 'error') ? { entries: [], problems } : { entries, problems };
}
