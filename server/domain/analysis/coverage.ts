import type { Rationale, Relationship, Status } from '../schemas/mapping.js';

/**
 * The coverage algebra (docs/analysis.md): what evidence for requirement A says about requirement B when a mapping
 * is read A → B in the direction the evidence travels.
 *
 * - `equal-to`, `equivalent-to`, `superset-of`: full — A asks for everything B asks for.
 * - `subset-of`, `intersects-with`: partial — the rest of B still needs its own evidence.
 * - `no-relationship`: nothing travels.
 */
export type Coverage = 'full' | 'partial';

export const COVERAGES: readonly Coverage[] = ['full', 'partial'];

export function coverageOf(relationship: Relationship): Coverage | undefined {
  switch (relationship) {
    case 'equal-to':
    case 'equivalent-to':
    case 'superset-of':
      return 'full';
    case 'subset-of':
    case 'intersects-with':
      return 'partial';
    case 'no-relationship':
      return undefined;
  }
}

/** Over a path the weakest link wins. */
export const weakest = (a: Coverage, b: Coverage): Coverage => (a === 'full' && b === 'full' ? 'full' : 'partial');

/** One mapping crossed in the direction of travel. */
export interface CoverageStep {
  mappingId: string;
  from: string;
  to: string;
  /** As read from `from` to `to` (the stored relationship, inverted when the mapping is crossed backwards). */
  relationship: Relationship;
  coverage: Coverage;
  strength: number;
  status: Status;
  rationale: Rationale;
  /** The reviewer's note on the mapping: why the relationship holds. */
  note?: string;
  /**
   * Further sources of the mapping that read this full step as carrying less (their relationship read in the
   * direction of travel): the full claim rests on one source's reading.
   */
  contestedBy?: Array<{ source: string; relationship: Relationship }>;
}

/**
 * How one source (a requirement the organisation satisfies, or that evidence is linked to) supports a target.
 * `path` is empty when the source is the target itself.
 */
export interface Contribution {
  sourceId: string;
  coverage: Coverage;
  path: CoverageStep[];
  /** Lowest strength along the path; undefined for an empty path. */
  weakestStrength?: number;
  /** Evidence items behind the source (evidence-based analyses only). */
  evidenceIds?: string[];
  /** Organisation controls through which the evidence reached the source (evidence linked to a control). */
  orgControlIds?: string[];
}

/** The aggregate over every source that reaches one target: any full source makes it full; partial ones never add up to full. */
export function aggregateCoverage(contributions: readonly Contribution[]): Coverage | undefined {
  if (!contributions.length) return undefined;
  return contributions.some((c) => c.coverage === 'full') ? 'full' : 'partial';
}

export const compareContributions = (a: Contribution, b: Contribution): number =>
  (a.coverage === b.coverage ? 0 : a.coverage === 'full' ? -1 : 1) ||
  a.path.length - b.path.length ||
  (b.weakestStrength ?? 11) - (a.weakestStrength ?? 11) ||
  (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);

/** "iso27001-2022:5.2 equivalent-to iso42001-2023:5.2 (strength 8)", hops joined with " → ". */
export function describePath(sourceId: string, path: readonly CoverageStep[]): string {
  if (!path.length) return sourceId;
  return [sourceId, ...path.map((s) => `[${s.relationship}${s.status === 'approved' ? '' : `, ${s.status}`}, strength ${s.strength}] ${s.to}`)].join(' → ');
}

/**
 * A one-line reason for an aggregate: which source carries it, or how many partial sources there are (`sourceCount`
 * when only the best contributions are listed).
 */
export function describeCoverage(contributions: readonly Contribution[], sourceCount?: number): string {
  const coverage = aggregateCoverage(contributions);
  if (!coverage) return 'nothing reaches it';
  const best = contributions[0]!;
  if (coverage === 'full') {
    if (!best.path.length) return `satisfied directly by ${best.sourceId}`;
    return `full: ${describePath(best.sourceId, best.path)}`;
  }
  const sources = sourceCount ?? new Set(contributions.map((c) => c.sourceId)).size;
  const bestPath = describePath(best.sourceId, best.path);
  return sources === 1
    ? `partial: ${bestPath}; the rest needs its own evidence`
    : `partial from ${sources} sources (best: ${bestPath}); partial sources never add up to full, the rest needs its own evidence`;
}
