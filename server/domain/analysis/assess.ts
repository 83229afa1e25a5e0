import type { Contribution, CoverageStep } from './coverage.js';
import { levelOfCode, type CoverageIndex } from './coverageIndex.js';
import type { SourceEvidence, SourceSet } from './sources.js';
import { directHops, type DirectHop, type Tracer } from './trace.js';

/** A source that reaches the target but is not allowed to count, and why. */
export interface Blocked {
  sourceId: string;
  reason: 'no-counterpart' | 'no-relationship';
  /** The reviewed record or mapping that says so. */
  detail: string;
}

export interface Assessment {
  /** The best contributions (at most `maxContributions`), best first. */
  contributions: Contribution[];
  /** How many sources reach the target, listed or not. */
  sourceCount: number;
  /** Contributions of expired evidence: shown, never counted (capped the same way). */
  expired: Contribution[];
  expiredCount: number;
  blocked: Blocked[];
}

/** Paths listed per requirement by default; every source still counts towards the status and the source count. */
export const DEFAULT_MAX_CONTRIBUTIONS = 25;

/**
 * Is `source` allowed to support `target` at all? A reviewed "no counterpart" record on either side (the target has
 * nothing in the source's framework, or the source has nothing in the target's) rules out every path between them.
 */
export function noCounterpartBetween(index: CoverageIndex, source: number, target: number, statuses: readonly string[]): string | undefined {
  if (!index.hasNoCounterpart[source] && !index.hasNoCounterpart[target]) return undefined;
  const sourceFw = index.frameworks[index.frameworkOfNode[source]!]!;
  const targetFw = index.frameworks[index.frameworkOfNode[target]!]!;
  if (sourceFw === targetFw) return undefined;
  for (const record of index.noCounterpartsOf.get(target) ?? [])
    if (record.otherFrameworkId === sourceFw && statuses.includes(record.status)) return `${index.ids[target]} has no counterpart in ${sourceFw}: ${record.note}`;
  for (const record of index.noCounterpartsOf.get(source) ?? [])
    if (record.otherFrameworkId === targetFw && statuses.includes(record.status)) return `${index.ids[source]} has no counterpart in ${targetFw}: ${record.note}`;
  return undefined;
}

/**
 * How a source supports a target, given a walk that reached `reached` (the source in a backward walk, the target in a
 * forward one): a direct mapping between the two overrides any longer path.
 */
export function pairCoverage(tracer: Tracer, direct: Map<number, DirectHop>, directKey: number, reached: number): { level: number; path: CoverageStep[] } {
  const hop = direct.get(directKey);
  if (hop) return { level: hop.level, path: [hop.step()] };
  return { level: tracer.level(reached), path: tracer.path(reached) };
}

const withEvidence = (c: Contribution, e: SourceEvidence | undefined): Contribution => {
  if (!e) return c;
  c.evidenceIds = e.evidenceIds;
  if (e.orgControlIds.length) c.orgControlIds = e.orgControlIds;
  return c;
};

export function weakestStrength(path: readonly CoverageStep[]): number | undefined {
  let min: number | undefined;
  for (const s of path) if (min === undefined || s.strength < min) min = s.strength;
  return min;
}

interface Candidate {
  node: number;
  level: number;
  hops: number;
  weakest: number;
  direct?: DirectHop;
}

const compareCandidates = (a: Candidate, b: Candidate) => b.level - a.level || a.hops - b.hops || b.weakest - a.weakest || a.node - b.node;

/**
 * Everything in `sources` that reaches `target` within the walk's limits. Every source is weighed; paths are built
 * only for the best `maxContributions` (best first: full before partial, shorter, stronger), so a requirement reached
 * by thousands of evidence-holding requirements stays cheap to report.
 */
export function assessTarget(
  index: CoverageIndex,
  tracer: Tracer,
  target: number,
  sources: SourceSet,
  { mask, statuses, maxContributions = DEFAULT_MAX_CONTRIBUTIONS }: { mask: number; statuses: readonly string[]; maxContributions?: number },
): Assessment {
  const blocked: Blocked[] = [];
  const id = index.ids[target]!;
  const valid: Candidate[] = [];
  const stale: Candidate[] = [];
  if (sources.isSource[target]) valid.push({ node: target, level: 3, hops: 0, weakest: Infinity });
  if (sources.expired?.has(target)) stale.push({ node: target, level: 3, hops: 0, weakest: Infinity });

  tracer.run(target, 'backward');
  const direct = directHops(index, target, mask, 'backward');
  for (const node of tracer.reached()) {
    const isValid = sources.isSource[node] === 1;
    const isStale = sources.expired?.has(node) ?? false;
    if (!isValid && !isStale) continue;
    const sourceId = index.ids[node]!;
    const refusal = noCounterpartBetween(index, node, target, statuses);
    if (refusal) {
      if (isValid) blocked.push({ sourceId, reason: 'no-counterpart', detail: refusal });
      continue;
    }
    const hop = direct.get(node);
    const candidate: Candidate = hop
      ? { node, level: hop.level, hops: 1, weakest: hop.strength, direct: hop }
      : { node, level: tracer.level(node), hops: tracer.hops(node), weakest: tracer.weakestStrength(node) };
    if (candidate.level === 0) {
      if (isValid) blocked.push({ sourceId, reason: 'no-relationship', detail: `a reviewed mapping says ${sourceId} has no relationship to ${id} (${hop!.step().mappingId})` });
      continue;
    }
    if (isValid) valid.push(candidate);
    if (isStale) stale.push(candidate);
  }
  // Walks never cross no-relationship mappings; a direct one from a source is still worth saying.
  for (const { other, mappingId } of directNoRelationship(index, target, mask))
    if (sources.isSource[other] && !blocked.some((b) => b.sourceId === index.ids[other]))
      blocked.push({ sourceId: index.ids[other]!, reason: 'no-relationship', detail: `a reviewed mapping says ${index.ids[other]} has no relationship to ${id} (${mappingId})` });

  const materialise = (list: Candidate[], evidence: SourceSet['evidence']): Contribution[] =>
    list
      .sort(compareCandidates)
      .slice(0, maxContributions)
      .map((c) => {
        if (c.level === 3) return withEvidence({ sourceId: id, coverage: 'full', path: [] }, evidence?.get(c.node));
        const path = c.direct ? [c.direct.step()] : tracer.path(c.node);
        return withEvidence({ sourceId: index.ids[c.node]!, coverage: c.level === 2 ? 'full' : 'partial', path, weakestStrength: weakestStrength(path) }, evidence?.get(c.node));
      });
  return { contributions: materialise(valid, sources.evidence), sourceCount: valid.length, expired: materialise(stale, sources.expired), expiredCount: stale.length, blocked };
}

/** Neighbours linked to `node` by a no-relationship mapping of an allowed status. */
export function directNoRelationship(index: CoverageIndex, node: number, mask: number): Array<{ other: number; mappingId: string }> {
  const found: Array<{ other: number; mappingId: string }> = [];
  for (let slot = index.offsets[node]!, end = index.offsets[node + 1]!; slot < end; slot++) {
    if (levelOfCode(index.outward[slot]!) !== 0 || !(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
    found.push({ other: index.other[slot]!, mappingId: index.mappings[index.mappingOf[slot]!]!.id });
  }
  return found;
}
