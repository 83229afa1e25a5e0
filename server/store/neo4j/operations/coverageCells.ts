import type { CoverageCell } from '../../../domain/graph.js';
import { inverseRelationship } from '../../../domain/relationships.js';
import type { Relationship } from '../../../domain/schemas/mapping.js';

export interface CoverageRows {
  /** Requirements per framework (REQUIREMENT_TOTALS). */
  totals: Array<{ frameworkId: string; total: number }>;
  /** Covered source requirements per ordered framework pair (COVERAGE_COVERED). */
  covered: Array<{ source: string; target: string; covered: number }>;
  /** Matching mappings per pair, stored relationship and the end they are counted from (COVERAGE_BY_RELATIONSHIP). */
  byRelationship: Array<{ source: string; target: string; relationship: Relationship; outgoing: boolean; mappings: number }>;
}

/** Assembles the coverage matrix from the three aggregates, as coverageMatrixOf defines it (sorted by source, target). */
export function coverageCells({ totals, covered, byRelationship }: CoverageRows): CoverageCell[] {
  const totalOf = new Map(totals.map((t) => [t.frameworkId, t.total]));
  const cells = new Map<string, CoverageCell>();
  for (const row of covered)
    cells.set(`${row.source}\u0000${row.target}`, { source: row.source, target: row.target, total: totalOf.get(row.source) ?? 0, covered: row.covered, byRelationship: {} });
  for (const row of byRelationship) {
    const cell = cells.get(`${row.source}\u0000${row.target}`);
    if (!cell) continue;
    const relationship = row.outgoing ? row.relationship : inverseRelationship(row.relationship);
    cell.byRelationship[relationship] = (cell.byRelationship[relationship] ?? 0) + row.mappings;
  }
  return [...cells.values()].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
}
