import type { CoverageStep, GapRow, GapStatus, GapSummary } from '../api/analysis.js';
import { listParam } from './route.js';

export const GAP_STATUSES: readonly GapStatus[] = ['covered', 'partial', 'uncovered'];

export const DEFAULT_GAP_TARGET = 'iso42001-2023';
export const DEFAULT_GAP_HAVE = ['iso27001-2022'];

/** What the gap view's URL asks for. `have=a,b` (frameworks) or `evidence=true` (the evidence register). */
export interface GapParams {
  target: string;
  basis: 'frameworks' | 'evidence';
  have: string[];
  includeProposed: boolean;
  maxPathLength: number;
  /** Rows shown; empty = all. */
  show: GapStatus[];
  asOf?: string;
  /** Only the target's requirements within these tags ("role:deployer"); empty = all of it. */
  scope: string[];
}

export function parseGapParams(params: Record<string, string | undefined>): GapParams {
  const target = params.target || DEFAULT_GAP_TARGET;
  const basis = params.evidence === 'true' ? 'evidence' : 'frameworks';
  const have = listParam(params.have).filter((f) => f !== target);
  const len = Number(params.len);
  return {
    target,
    basis,
    have: basis === 'frameworks' ? (params.have === undefined ? DEFAULT_GAP_HAVE.filter((f) => f !== target) : have) : [],
    includeProposed: params.proposed === 'true',
    maxPathLength: Number.isInteger(len) && len >= 1 && len <= 6 ? len : 2,
    show: listParam(params.show).filter((s): s is GapStatus => (GAP_STATUSES as readonly string[]).includes(s)),
    scope: listParam(params.scope),
    ...(params.asOf && /^\d{4}-\d{2}-\d{2}$/.test(params.asOf) ? { asOf: params.asOf } : {}),
  };
}

export interface GapSection {
  /** The top-level requirement ("6 Planning", "Annex A …"). */
  head: GapRow;
  /** Its descendants in document order, filtered. */
  rows: GapRow[];
}

/**
 * Rows grouped under their top-level requirement, in the report's order. With a status filter, a row is kept when
 * it matches, and its ancestors are kept (marked as context) so each row is still read in its place in the hierarchy.
 */
export function groupGapRows(rows: GapRow[], show: readonly GapStatus[] = []): { sections: GapSection[]; context: Set<string> } {
  const byId = new Map(rows.map((r) => [r.requirementId, r]));
  const topOf = (r: GapRow): GapRow => {
    let cur = r;
    for (let guard = 0; cur.parentId && byId.has(cur.parentId) && guard < 50; guard++) cur = byId.get(cur.parentId)!;
    return cur;
  };
  const keep = new Set<string>();
  const context = new Set<string>();
  const filtering = show.length > 0 && show.length < GAP_STATUSES.length;
  for (const r of rows) {
    if (filtering && !show.includes(r.status)) continue;
    keep.add(r.requirementId);
    for (let p = r.parentId ? byId.get(r.parentId) : undefined, guard = 0; p && guard < 50; p = p.parentId ? byId.get(p.parentId) : undefined, guard++) {
      if (!keep.has(p.requirementId)) context.add(p.requirementId);
    }
  }
  for (const id of keep) context.delete(id);
  const sections = new Map<string, GapSection>();
  for (const r of rows) {
    if (!keep.has(r.requirementId) && !context.has(r.requirementId)) continue;
    const top = topOf(r);
    let section = sections.get(top.requirementId);
    if (!section) sections.set(top.requirementId, (section = { head: top, rows: [] }));
    if (r !== top) section.rows.push(r);
  }
  return { sections: [...sections.values()], context };
}

/** Shares of the assessable requirements, for the summary bar (they add up to 1 when anything is assessable). */
export function gapShares(summary: Pick<GapSummary, 'assessable' | 'covered' | 'partial' | 'uncovered'>): Record<GapStatus, number> {
  const n = summary.assessable || 1;
  return { covered: summary.covered / n, partial: summary.partial / n, uncovered: summary.uncovered / n };
}

/** The mappings a row relies on: each distinct mapping of its listed paths (and of the covering parent's). */
type UsedMapping = Pick<CoverageStep, 'mappingId' | 'from' | 'to' | 'relationship' | 'strength' | 'status' | 'note' | 'contestedBy'>;

export function mappingsUsed(row: Pick<GapRow, 'contributions' | 'inheritedFrom'>): UsedMapping[] {
  const seen = new Map<string, UsedMapping>();
  for (const c of [...row.contributions, ...(row.inheritedFrom?.contributions ?? [])])
    for (const s of c.path)
      if (!seen.has(s.mappingId))
        seen.set(s.mappingId, {
          mappingId: s.mappingId, from: s.from, to: s.to, relationship: s.relationship, strength: s.strength, status: s.status,
          ...(s.note ? { note: s.note } : {}), ...(s.contestedBy ? { contestedBy: s.contestedBy } : {}),
        });
  return [...seen.values()];
}
