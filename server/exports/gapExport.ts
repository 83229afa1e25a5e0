import { describePath } from '../domain/analysis/coverage.js';
import type { GapReport, GapRow } from '../domain/analysis/gapAnalysis.js';
import { OVERLAP_WORDS } from '../domain/analysis/overlapBands.js';
import { toCsv } from '../interop/csv.js';
import { addKeyValueSheet, addTableSheet, joinList, newWorkbook, toBuffer } from './workbook.js';

/** One row per requirement of the target framework, in document order. */
export const GAP_CSV_COLUMNS = [
  'requirement_id', 'ref', 'title', 'kind', 'depth', 'assessable', 'status', 'basis', 'reason', 'other_reasons',
  'sources', 'best_source', 'best_path', 'weakest_strength', 'mappings_used', 'inherited_from', 'no_counterpart', 'pending_mappings', 'evidence', 'expired_evidence',
  'overlap', 'applies_from', 'summary',
] as const;

const unique = (values: string[]) => [...new Set(values)];

export function gapRowCells(row: GapRow): string[] {
  const best = row.contributions[0] ?? row.inheritedFrom?.contributions[0];
  const used = [...row.contributions, ...(row.inheritedFrom?.contributions ?? [])];
  return [
    row.requirementId, row.ref, row.title, row.kind, String(row.depth), row.assessable ? 'yes' : 'no', row.status, row.basis,
    row.reasons[0] ?? '', row.reasons.slice(1).join(' | '),
    String(row.sourceCount),
    best?.sourceId ?? '', best ? describePath(best.sourceId, best.path) : '', best?.weakestStrength === undefined ? '' : String(best.weakestStrength),
    joinList(unique(used.flatMap((c) => c.path.map((s) => s.mappingId)))),
    row.inheritedFrom?.requirementId ?? '',
    joinList(row.noCounterparts.map((n) => `${n.otherFrameworkId}: ${n.note}`)),
    joinList(row.pending.map((p) => p.mappingId)),
    joinList(unique(used.flatMap((c) => c.evidenceIds ?? []))),
    joinList(unique(row.expired.flatMap((c) => c.evidenceIds ?? []))),
    row.overlap ? OVERLAP_WORDS[row.overlap] : '',
    row.appliesFrom ?? '', row.summary ?? '',
  ];
}

/** The gap analysis as CSV: every row of the report, nothing dropped. */
export const exportGapCsv = (report: GapReport): string => toCsv([[...GAP_CSV_COLUMNS], ...report.rows.map(gapRowCells)]);

/**
 * The gap analysis as a workbook: "Gap analysis" (the CSV columns), "Paths" (one row per source that reaches a
 * requirement, with every mapping of its path) and "Summary" (what was compared, counts, warnings).
 */
export async function exportGapXlsx(report: GapReport, { generatedAt }: { generatedAt: string }): Promise<Buffer> {
  const workbook = newWorkbook(generatedAt);
  const numeric = new Set(['depth', 'sources', 'weakest_strength']);
  addTableSheet(
    workbook, 'Gap analysis', GAP_CSV_COLUMNS,
    report.rows.map((row) => gapRowCells(row).map((cell, i) => (numeric.has(GAP_CSV_COLUMNS[i]!) && cell !== '' ? Number(cell) : cell))),
    { widths: { title: 40, reason: 80, other_reasons: 80, best_path: 70, mappings_used: 50, no_counterpart: 60, summary: 80 } },
  );
  const paths = report.rows.flatMap((row) =>
    row.contributions.map((c) => [
      row.requirementId, row.status, c.sourceId, c.coverage, c.path.length, c.weakestStrength ?? '', describePath(c.sourceId, c.path),
      joinList(c.path.map((s) => s.mappingId)), joinList(c.evidenceIds ?? []), joinList(c.orgControlIds ?? []),
    ]),
  );
  addTableSheet(workbook, 'Paths', ['requirement_id', 'status', 'source', 'coverage', 'hops', 'weakest_strength', 'path', 'mapping_ids', 'evidence', 'org_controls'], paths, {
    widths: { path: 90, mapping_ids: 60 },
  });
  const s = report.summary;
  addKeyValueSheet(workbook, 'Summary', [
    { heading: `Gap analysis: ${report.have.description} → ${report.target}` },
    ['Generated', generatedAt],
    ['Target framework', report.target],
    ['Starting from', report.have.description],
    ['Frameworks of what you have', report.have.frameworks.join(', ')],
    ...(report.asOf ? [['Evidence as of', report.asOf]] : []),
    ...(report.scope ? [['Only requirements tagged', report.scope.tags.join(' or ')], ['Left out of that scope', report.scope.leftOut]] : []),
    ['Longest path of mappings', report.maxPathLength],
    ['Mapping statuses followed', report.statuses.join(', ')],
    [],
    { heading: 'Assessable requirements' },
    ['Assessable', s.assessable], ['Covered', s.covered], ['Partial', s.partial], ['Uncovered', s.uncovered],
    ['Covered directly', s.coveredDirectly], ['Covered through mappings', s.coveredByMapping], ['Covered through a parent', s.coveredByParent],
    ['Uncovered, reviewed "no counterpart"', s.uncoveredNoCounterpart], ['Uncovered, not mapped yet', s.uncoveredNotMapped],
    ['Partial, mostly similar (strength 7–10)', s.partialByOverlap.mostlySimilar], ['Partial, about half (4–6)', s.partialByOverlap.aboutHalf],
    ['Partial, mostly dissimilar (0–3)', s.partialByOverlap.mostlyDissimilar], ['Partial, strength unrated', s.partialByOverlap.unrated],
    ['With proposed mappings awaiting review', s.withPendingMappings], ['Not assessable (parents, informative, withdrawn)', s.notAssessable],
    ...(report.openByDate ? [[], { heading: 'Not yet covered, by the date they apply from' }, ...report.openByDate.map((d) => [d.appliesFrom, `${d.uncovered} uncovered, ${d.partial} partial`])] : []),
    ...(report.warnings.length ? [[], { heading: 'Warnings' }, ...report.warnings.map((w) => [w])] : []),
  ]);
  return toBuffer(workbook);
}
