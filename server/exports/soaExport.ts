import type { StatementOfApplicability } from '../domain/analysis/statementOfApplicability.js';
import type { Problem } from '../domain/errors.js';
import { IMPLEMENTATION_STATUSES, SoaEntrySchema, type SoaEntry } from '../domain/schemas/soa.js';
import { cellsByColumn, findColumns, readCsv, toCsv } from '../interop/csv.js';
import { prefixedSides } from '../interop/missingPrefix.js';
import { refResolver } from '../interop/refResolver.js';
import { addKeyValueSheet, addTableSheet, joinList, newWorkbook, toBuffer } from './workbook.js';
import { didYouMean } from '../domain/likelyMeant.js';

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

type SoaColumn = 'framework_id' | 'requirement_id' | 'ref' | 'applicable' | 'justification' | 'implementation_status' | 'updated_at';

/** Each column's own name first, then names other tools' SoA spreadsheets use for it. */
const SOA_COLUMN_NAMES: Record<SoaColumn, readonly string[]> = {
  framework_id: ['framework_id', 'framework'],
  requirement_id: ['requirement_id'],
  ref: ['ref', 'control_id', 'control_ref', 'control_number', 'control_no', 'control', 'annex_a_control', 'clause', 'reference'],
  applicable: ['applicable', 'applicability', 'is_applicable', 'included', 'selected', 'in_scope'],
  justification: ['justification', 'justification_for_inclusion_or_exclusion', 'justification_for_inclusion_exclusion', 'justification_for_exclusion', 'justification_for_inclusion', 'reason', 'rationale'],
  implementation_status: ['implementation_status', 'status', 'implementation'],
  updated_at: ['updated_at', 'last_updated', 'last_reviewed', 'updated'],
};

/** A header row of a SoA table: an applicability column and a requirement id or control ref, under any of their names. */
export const isSoaHeader = (header: string[]) => {
  const { at } = findColumns(header, SOA_COLUMN_NAMES);
  return at.applicable !== undefined && (at.requirement_id !== undefined || at.ref !== undefined);
};

/** Other tools' words for an implementation status. */
const STATUS_WORDS: Record<string, (typeof IMPLEMENTATION_STATUSES)[number]> = {
  'not-implemented': 'not-started', 'not-yet-implemented': 'not-started', 'to-do': 'not-started', todo: 'not-started', open: 'not-started',
  'partially-implemented': 'in-progress', partial: 'in-progress', ongoing: 'in-progress', started: 'in-progress',
  'fully-implemented': 'implemented', done: 'implemented', complete: 'implemented', completed: 'implemented', 'in-place': 'implemented',
};

/**
 * Reads decisions back from a SoA CSV; with any error nothing is returned. Another tool's SoA is read too: common column
 * names ("Control", "Applicable", "Justification", "Status", …) with a warning, and, given the framework, a control's
 * ref ("A.5.1", or "A.5.1 Policies for information security") in place of the requirement id; a ref column that leaves
 * off the prefix its framework's controls share ("5.15" for A.5.15, as tools that number ISO/IEC 27001's Annex A like
 * ISO/IEC 27002 write it) is read with it, "5.1" as A.5.1 too, with one warning (see prefixedSides).
 */
export function importSoaCsv(text: string, { file, frameworkId, knownRequirementIds }: SoaCsvOptions): { entries: SoaEntry[]; problems: Problem[] } {
  const { header, rows: read, problems, written } = readCsv(text, file);
  const fail = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'error' });
  const { at, renamed } = findColumns(header, SOA_COLUMN_NAMES, written);
  const byRef = at.requirement_id === undefined && at.ref !== undefined;
  const missing = [
    ...(at.requirement_id === undefined && at.ref === undefined ? ['requirement_id'] : []),
    ...(!frameworkId && at.framework_id === undefined ? ['framework_id'] : []),
    ...(at.applicable === undefined ? ['applicable'] : []),
  ];
  if (missing.length && header.length)
    fail(1, `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected: ${SOA_CSV_COLUMNS.join(',')}${missing.includes('framework_id') ? '; or name the framework with --framework' : ''})`);
  if (missing.length || !header.length) return { entries: [], problems };
  if (renamed.length) problems.push({ file, line: 1, message: `header read with other names: ${renamed.join(', ')}`, severity: 'warning' });
  const rows = cellsByColumn(read, header, at);
  const frameworkOfRow = (values: (typeof rows)[number]['values']) => values.framework_id?.trim() || frameworkId || '';
  const refsOf = (fw: string) => (knownRequirementIds ? [...knownRequirementIds].filter((id) => id.startsWith(`${fw}:`)).map((id) => id.slice(fw.length + 1)) : undefined);
  const resolvers = new Map<string, ReturnType<typeof refResolver>>();
  const resolverOf = (fw: string) => resolvers.get(fw) ?? resolvers.set(fw, refResolver(refsOf(fw) ?? [])).get(fw)!;
  // A ref column that writes a framework's controls without the prefix they share (27001's Annex A as "5.15", as
  // tools that number it like 27002 do) is read with it, each framework's rows decided as a whole (see prefixedSides).
  const refColumn = byRef ? (written ?? header)[at.ref!]!.trim() : '';
  const sides = byRef && knownRequirementIds ? prefixedSides(rows.map(({ values }) => ({ column: refColumn, frameworkId: frameworkOfRow(values), cell: values.ref ?? '' })), refsOf, resolverOf) : undefined;
  const resolveRef = (fw: string, cell: string, line: number) => {
    if (!knownRequirementIds) return cell;
    const side = sides?.side(refColumn, fw);
    const found = (side?.resolve ?? resolverOf(fw))(cell);
    if (found) side?.note([found], line);
    return found?.ref ?? cell;
  };
  const readStatuses = new Map<string, string>();
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
    const stated = (values.implementation_status ?? '').trim();
    const slug = stated.toLowerCase().replace(/[\s_]+/g, '-');
    const status = STATUS_WORDS[slug] ?? slug;
    if (STATUS_WORDS[slug]) readStatuses.set(stated, status);
    const rowFramework = frameworkOfRow(values);
    const requirementId = byRef ? (values.ref?.trim() ? `${rowFramework}:${resolveRef(rowFramework, values.ref.trim(), line)}` : '') : values.requirement_id?.trim();
    const parsed = SoaEntrySchema.safeParse({
      frameworkId: rowFramework, requirementId, applicable: YES.has(applicableText), justification,
      ...(status ? { implementationStatus: status } : {}), ...(values.updated_at?.trim() ? { updatedAt: values.updated_at.trim() } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        fail(line, `${String(issue.path[0] ?? 'row')}: ${issue.path[0] === 'implementationStatus' ? `invalid status "${stated}" (expected: ${IMPLEMENTATION_STATUSES.join(', ')})` : issue.message}`);
      continue;
    }
    const entry = parsed.data;
    if (frameworkId && entry.frameworkId !== frameworkId) fail(line, `framework_id: "${entry.frameworkId}" where this import is for ${frameworkId}`);
    if (knownRequirementIds && !knownRequirementIds.has(entry.requirementId)) fail(line, `${byRef ? 'ref' : 'requirement_id'}: unknown requirement "${entry.requirementId}"${didYouMean(entry.requirementId, knownRequirementIds)}`);
    if (seen.has(entry.requirementId)) fail(line, `requirement_id: "${entry.requirementId}" was already on line ${seen.get(entry.requirementId)}`);
    seen.set(entry.requirementId, line);
    entries.push(entry);
  }
  problems.push(...(sides?.warnings(file, (column) => `id(s) in column "${column}"`) ?? []));
  if (readStatuses.size)
    problems.push({ file, severity: 'warning', message: `implementation statuses read in Crosswalk's terms: ${[...readStatuses].map(([from, to]) => `"${from}" as ${to}`).join(', ')}` });
  return problems.some((p) => p.severity === 'error') ? { entries: [], problems } : { entries, problems };
}
