import { IMPLEMENTATION_STATUSES, type ImplementationStatus, type SoaEntryInput, type SoaRow } from '../api/analysis.js';

export const SOA_FRAMEWORKS = ['iso42001-2023', 'iso27001-2022'];

export type Applicability = 'applicable' | 'excluded' | 'undecided';

export const applicabilityOf = (row: Pick<SoaRow, 'applicable'>): Applicability => (row.applicable === true ? 'applicable' : row.applicable === false ? 'excluded' : 'undecided');

export const APPLICABILITY_LABELS: Record<Applicability, string> = { applicable: 'Applicable', excluded: 'Not applicable', undecided: 'Undecided' };
export const IMPLEMENTATION_LABELS: Record<ImplementationStatus, string> = { 'not-started': 'not started', planned: 'planned', 'in-progress': 'in progress', implemented: 'implemented' };

export interface SoaDraft {
  applicability: 'applicable' | 'excluded';
  justification: string;
  implementationStatus: ImplementationStatus;
}

export const draftOf = (row: SoaRow): SoaDraft => ({ applicability: row.applicable === false ? 'excluded' : 'applicable', justification: row.justification, implementationStatus: row.implementationStatus });

/** A message per field; the server enforces the first rule too (an exclusion needs a justification). */
export function validateSoaDraft(d: SoaDraft): Partial<Record<keyof SoaDraft, string>> {
  const problems: Partial<Record<keyof SoaDraft, string>> = {};
  if (d.applicability === 'excluded' && !d.justification.trim()) problems.justification = 'say why the control is not applicable: an exclusion needs a justification';
  if (!(IMPLEMENTATION_STATUSES as readonly string[]).includes(d.implementationStatus)) problems.implementationStatus = `invalid status "${d.implementationStatus}"`;
  if (d.applicability === 'excluded' && d.implementationStatus !== 'not-started') problems.implementationStatus = 'an excluded control is not implemented: set "not started"';
  return problems;
}

export const toSoaEntry = (frameworkId: string, requirementId: string, d: SoaDraft): SoaEntryInput => ({
  frameworkId,
  requirementId,
  applicable: d.applicability === 'applicable',
  justification: d.justification.trim(),
  implementationStatus: d.implementationStatus,
});

/** Rows grouped under their control objective ("A.2 Policies related to AI"), in order. */
export function groupByObjective(rows: SoaRow[]): Array<{ objective: string; rows: SoaRow[] }> {
  const groups: Array<{ objective: string; rows: SoaRow[] }> = [];
  for (const r of rows) {
    const objective = r.objective ?? '';
    const last = groups.at(-1);
    if (last && last.objective === objective) last.rows.push(r);
    else groups.push({ objective, rows: [r] });
  }
  return groups;
}

export type SoaFilter = 'all' | 'undecided' | 'issues' | 'excluded';
export const SOA_FILTERS: readonly SoaFilter[] = ['all', 'undecided', 'issues', 'excluded'];

export function filterSoaRows(rows: SoaRow[], filter: SoaFilter): SoaRow[] {
  switch (filter) {
    case 'undecided':
      return rows.filter((r) => !r.decided);
    case 'issues':
      return rows.filter((r) => r.issues.length > 0);
    case 'excluded':
      return rows.filter((r) => r.applicable === false);
    default:
      return rows;
  }
}
