import { compareContributions, type Contribution, type CoverageStep } from './coverage.js';
import { levelOfCode, type CoverageIndex } from './coverageIndex.js';
import type { SourceEvidence, SourceSet } from './sources.js';
import { directCodes, stepOfSlot, type Tracer } from './trace.js';

/** A source that reaches the target but is not allowed to count, and why. */
export interface Blocked {
  sourceId: string;
  reason: 'no-counterpart' | 'no-relationship';
  /** The reviewed record or mapping that says so. */
  detail: string;
}

export interface Assessment {
  contributions: Contribution[];
  /** Contributions of expired evidence: shown, never counted. */
  expired: Contribution[];
  blocked: Blocked[];
}

/**
 * Is `source` allowed to support `target` at all? A reviewed "no counterpart" record on either side (the target has
 * nothing in the source's framework, or the source has nothing in the target's) rules out every path between them.
 */
export function noCounterpartBetween(index: CoverageIndex, source: number, target: number, statuses: readonly string[]): string | undefined {
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
 * How `source` supports `target`, given a walk that reached it: a direct mapping between the two (of an allowed
 * status) is a reviewed judgement on exactly this pair and overrides any longer path; otherwise the walk's path.
 * `forward`: the tracer started at the source; `backward`: at the target.
 */
export function pairCoverage(
  index: CoverageIndex,
  tracer: Tracer,
  source: number,
  target: number,
  reached: number,
  mask: number,
): { level: number; path: CoverageStep[]; direct: boolean } {
  const direct = directCodes(index, source, target, mask);
  if (direct.length) {
    const best = direct.reduce((a, b) => (levelOfCode(b.code) > levelOfCode(a.code) ? b : a));
    return { level: levelOfCode(best.code), path: [stepOfSlot(index, source, best.slot)], direct: true };
  }
  return { level: tracer.level(reached), path: tracer.path(reached), direct: false };
}

const withEvidence = (c: Contribution, e: SourceEvidence | undefined): Contribution =>
  e ? { ...c, evidenceIds: [...e.evidenceIds].sort(), ...(e.orgControlIds.size ? { orgControlIds: [...e.orgControlIds].sort() } : {}) } : c;

export const weakestStrength = (path: readonly CoverageStep[]): number | undefined =>
  path.length ? Math.min(...path.map((s) => s.strength)) : undefined;

/** Everything in `sources` that reaches `target` within the walk's limits, best first. */
export function assessTarget(index: CoverageIndex, tracer: Tracer, target: number, sources: SourceSet, { mask, statuses }: { mask: number; statuses: readonly string[] }): Assessment {
  const contributions: Contribution[] = [];
  const expired: Contribution[] = [];
  const blocked: Blocked[] = [];
  const id = index.ids[target]!;
  if (sources.isSource[target]) contributions.push(withEvidence({ sourceId: id, coverage: 'full', path: [] }, sources.evidence?.get(target)));
  const expiredHere = sources.expired?.get(target);
  if (expiredHere) expired.push(withEvidence({ sourceId: id, coverage: 'full', path: [] }, expiredHere));

  tracer.run(target, 'backward');
  for (const node of tracer.reached()) {
    const valid = sources.isSource[node] === 1;
    const stale = sources.expired?.get(node);
    if (!valid && !stale) continue;
    const sourceId = index.ids[node]!;
    const refusal = noCounterpartBetween(index, node, target, statuses);
    if (refusal) {
      if (valid) blocked.push({ sourceId, reason: 'no-counterpart', detail: refusal });
      continue;
    }
    const { level, path } = pairCoverage(index, tracer, node, target, node, mask);
    if (level === 0) {
      if (valid) blocked.push({ sourceId, reason: 'no-relationship', detail: `a reviewed mapping says ${sourceId} has no relationship to ${id} (${path[0]?.mappingId})` });
      continue;
    }
    const base: Contribution = { sourceId, coverage: level === 2 ? 'full' : 'partial', path, weakestStrength: weakestStrength(path) };
    if (valid) contributions.push(withEvidence(base, sources.evidence?.get(node)));
    if (stale) expired.push(withEvidence(base, stale));
  }
  // Walks never cross no-relationship mappings; a direct one from a source is still worth saying.
  for (const { other, mappingId } of directNoRelationship(index, target, mask))
    if (sources.isSource[other] && !blocked.some((b) => b.sourceId === index.ids[other]))
      blocked.push({ sourceId: index.ids[other]!, reason: 'no-relationship', detail: `a reviewed mapping says ${index.ids[other]} has no relationship to ${id} (${mappingId})` });
  return { contributions: contributions.sort(compareContributions), expired: expired.sort(compareContributions), blocked };
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
