import { InputError, NotFoundError } from '../errors.js';
import { frameworkOf } from '../ids.js';
import type { NoCounterpart, Status } from '../schemas/mapping.js';
import { isInformative, isWithdrawn } from '../schemas/requirement.js';
import { assessTarget, DEFAULT_MAX_CONTRIBUTIONS, type Assessment, type Blocked } from './assess.js';
import { aggregateCoverage, coverageOf, describeCoverage, type Contribution } from './coverage.js';
import { ancestorsOf, inverseCode, isAssessable, levelOfCode, relationshipOfCode, toCoverageIndex, type CoverageIndex, type CoverageInput } from './coverageIndex.js';
import { maybeAsOf, normalizeTraversal, type TraversalOptions } from './options.js';
import { OVERLAP_BANDS, overlapBand, type OverlapBand } from './overlapBands.js';
import { sourcesFromEvidence, sourcesFromFrameworks, sourcesFromRequirements, type EvidenceArrays, type EvidenceIndex, type SourceSet } from './sources.js';
import { appliesFrom, checkedTagScope, inTagScope, scopeTagsOf, type TaggedTree } from './tagScope.js';
import { Tracer } from './trace.js';
import { didYouMean, unknownFramework } from '../likelyMeant.js';

/** What the organisation already satisfies. */
export type GapHave =
  /** "We are ISO/IEC 27001:2022 certified": every requirement of these frameworks. */
  | { kind: 'frameworks'; frameworkIds: string[] }
  /** These requirements (and their sub-clauses). */
  | { kind: 'requirements'; requirementIds: string[] }
  /**
   * Whatever this evidence supports, as of a date (expired items count for nothing; scope is respected). The register
   * comes as arrays, or resolved once with buildEvidenceIndex when many analyses run over it.
   */
  | ({ kind: 'evidence'; asOf: string } & (EvidenceArrays | { evidenceIndex: EvidenceIndex }));

export interface GapQuery extends TraversalOptions {
  have: GapHave;
  /** Framework id to assess. */
  target: string;
  /** Paths listed per requirement (default 25); every source still counts. */
  maxContributions?: number;
  /**
   * Only the target's requirements within these tags, own or inherited (see tagScope.ts): ["role:deployer"] for what
   * the EU AI Act asks of deployers. Tags of one name are alternatives, of different names all apply.
   */
  scope?: string[];
}

export const GAP_STATUSES = ['covered', 'partial', 'uncovered'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

/**
 * - `direct`: the requirement itself is satisfied (or evidence is linked to it).
 * - `mapping`: carried by mappings from what the organisation has.
 * - `parent`: an ancestor is covered in full, which covers all of it.
 * - `rollup`: a requirement with sub-requirements; its status summarises theirs.
 * - `none`: nothing reaches it.
 */
export type GapBasis = 'direct' | 'mapping' | 'parent' | 'rollup' | 'none';

export interface PendingMapping {
  mappingId: string;
  otherId: string;
  /** Read from the other requirement towards this one. */
  relationship: string;
  status: Status;
}

export interface GapRow {
  requirementId: string;
  ref: string;
  title: string;
  /** What it asks, in Crosswalk's words: where a requirement has no title of its own (a paragraph of a law), the only label it has. */
  summary?: string;
  kind: string;
  parentId?: string;
  /** 0 for top-level requirements. */
  depth: number;
  /** Counted in the summary: no sub-requirements (withdrawn ones aside), not informative, not withdrawn. */
  assessable: boolean;
  status: GapStatus;
  basis: GapBasis;
  /** Human-readable, most important first. */
  reasons: string[];
  /** What reaches this requirement itself, best first (the mappings used are in each path); at most `maxContributions`. */
  contributions: Contribution[];
  /** How many sources reach it, listed or not. */
  sourceCount: number;
  /** For basis "parent": the covered ancestor and what covers it. */
  inheritedFrom?: { requirementId: string; contributions: Contribution[] };
  /** Reviewed "no counterpart" records of this requirement against what the organisation has. */
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
  /** Sources ruled out by a reviewed record or mapping. */
  blocked: Blocked[];
  /** Direct mappings to what the organisation has that are not followed (e.g. still proposed): review them. */
  pending: PendingMapping[];
  /** Evidence that would reach it but has expired. */
  expired: Contribution[];
  /** For requirements with sub-requirements: how their assessable descendants stand. */
  rollup?: { covered: number; partial: number; uncovered: number };
  /** For a requirement partly covered through mappings: how much the strongest path overlaps it (see overlapBands.ts). */
  overlap?: OverlapBand;
  /** The date it applies from, when its framework says (an `applies:` tag, own or inherited). */
  appliesFrom?: string;
}

export interface GapSummary {
  assessable: number;
  covered: number;
  partial: number;
  uncovered: number;
  /** Of the covered: satisfied directly, through mappings, through a covered parent. */
  coveredDirectly: number;
  coveredByMapping: number;
  coveredByParent: number;
  /** Of the uncovered: with a reviewed "no counterpart" record, and with no mapping at all yet. */
  uncoveredNoCounterpart: number;
  uncoveredNotMapped: number;
  /** Requirements not counted (parents, informative annexes, withdrawn requirements). */
  notAssessable: number;
  /** Assessable requirements with proposed mappings that would change the picture once reviewed. */
  withPendingMappings: number;
  /** Of the partial: how much the strongest path reaching each overlaps it (see overlapBands.ts). */
  partialByOverlap: Record<OverlapBand, number>;
}

export interface GapReport {
  target: string;
  have: { kind: GapHave['kind']; frameworks: string[]; description: string };
  maxPathLength: number;
  statuses: Status[];
  asOf?: string;
  summary: GapSummary;
  rows: GapRow[];
  /** The tags the report was narrowed to, and how many of the target's requirements that left out. */
  scope?: { tags: string[]; leftOut: number };
  /** The tags the target's requirements carry that a scope may name ("role:deployer"), for offering them. */
  scopeTags: string[];
  /** Assessable requirements not yet covered, by the date they apply from (when the framework gives dates), earliest first. */
  openByDate?: Array<{ appliesFrom: string; partial: number; uncovered: number }>;
  /** Named requirements that are not in the content; evidence out of scope for the target. */
  warnings: string[];
}

/** The ids of the requirements the index holds (not those only mappings mention). */
const knownIds = (index: CoverageIndex) => index.ids.filter((_, node) => index.requirements[node] !== undefined);

/**
 * Mappings not followed because nobody has reviewed them yet, from the frameworks held: an imported crosswalk arrives
 * proposed, and without this an analysis over it reads as "not mapped yet" with no hint why.
 */
function unreviewedWarning(index: CoverageIndex, frameworks: readonly string[], statuses: readonly Status[]): string[] {
  if (statuses.includes('proposed')) return [];
  const held = new Set(frameworks);
  const proposed = index.mappings.filter((m) => m.status === 'proposed' && (held.has(frameworkOf(m.source)) || held.has(frameworkOf(m.target)))).length;
  return proposed ? [`${proposed} proposed mapping(s) of ${frameworks.join(', ')} are not followed until a person approves them: review them, or include proposed mappings (--include-proposed in the CLI, includeProposed in the API, "include proposed mappings" in the explorer)`] : [];
}

/**
 * Every requirement of `target`, covered, partial or uncovered, given what the organisation already satisfies.
 *
 * Hierarchy: only assessable requirements (no sub-requirements, not tagged informative or withdrawn) are counted. A parent covered
 * in full covers each descendant (a superset of the parent is a superset of each of its parts); partial coverage of a
 * parent says nothing about which part, so descendants are not marked partial by it — they say so in their reasons.
 * A parent's own status is the roll-up of its assessable descendants: all covered → covered, none covered or partial
 * → uncovered, otherwise partial. Satisfying a parent requirement (a "have" list) includes its sub-requirements.
 */
export function gapAnalysis(input: CoverageInput, query: GapQuery): GapReport {
  const index = toCoverageIndex(input);
  const traversal = normalizeTraversal(query);
  const { target, have } = query;
  const nodes = index.byFramework.get(target);
  if (!nodes) throw new NotFoundError(unknownFramework(target, index.byFramework.keys()));

  const { sources, frameworks, description, asOf } = haveSources(index, have, target);
  const known = sources.unknown.length ? knownIds(index) : [];
  const warnings = [
    ...sources.unknown.map((id) => `unknown requirement "${id}" ignored${didYouMean(id, known)}`),
    ...sources.outOfScope.map((id) => `evidence "${id}" is not in scope for ${target} and does not count`),
    ...(have.kind === 'frameworks' ? unreviewedWarning(index, frameworks, traversal.statuses) : []),
  ];

  const tree: TaggedTree = { tagsOf: (node) => index.requirements[node]?.tags ?? [], parentOf: (node) => (index.parentOf[node]! >= 0 ? index.parentOf[node] : undefined) };
  const scope = query.scope?.length ? checkedTagScope(query.scope, target, nodes.flatMap((node) => tree.tagsOf(node))) : undefined;
  const reported = scope ? inScopeWithAncestors(index, nodes, (node) => inTagScope(tree, node, scope)) : nodes;

  const tracer = new Tracer(index, traversal);
  const assessed = new Map<number, Assessment>();
  const maxContributions = query.maxContributions ?? DEFAULT_MAX_CONTRIBUTIONS;
  if (!Number.isInteger(maxContributions) || maxContributions < 1) throw new InputError(`invalid maxContributions: ${maxContributions} (expected a whole number of at least 1)`);
  for (const node of reported) assessed.set(node, assessTarget(index, tracer, node, sources, { ...traversal, maxContributions }));

  const depthOf = (node: number) => ancestorsOf(index, node).length;
  const rows: GapRow[] = [];
  const rowOf = new Map<number, GapRow>();
  for (const node of reported) {
    const requirement = index.requirements[node]!;
    const own = assessed.get(node)!;
    const ownCoverage = aggregateCoverage(own.contributions);
    const ancestors = ancestorsOf(index, node).filter((a) => assessed.has(a));
    const fullAncestor = ancestors.find((a) => aggregateCoverage(assessed.get(a)!.contributions) === 'full');
    const partialAncestor = ancestors.find((a) => aggregateCoverage(assessed.get(a)!.contributions) === 'partial');
    const noCounterparts = (index.noCounterpartsOf.get(node) ?? [])
      .filter((r: NoCounterpart) => frameworks.includes(r.otherFrameworkId) && traversal.statuses.includes(r.status))
      .map((r) => ({ otherFrameworkId: r.otherFrameworkId, note: r.note }));
    const pending = pendingMappings(index, node, sources, traversal.mask);

    let status: GapStatus;
    let basis: GapBasis;
    const reasons: string[] = [];
    if (ownCoverage === 'full') {
      status = 'covered';
      basis = own.contributions[0]!.path.length ? 'mapping' : 'direct';
      reasons.push(basis === 'direct' ? directReason(own.contributions[0]!, have.kind) : describeCoverage(own.contributions, own.sourceCount));
      reasons.push(...mappingNotes(own.contributions[0]!));
    } else if (fullAncestor !== undefined) {
      status = 'covered';
      basis = 'parent';
      const parentContributions = assessed.get(fullAncestor)!.contributions;
      reasons.push(`covered through ${index.ids[fullAncestor]}, which is covered in full (${describeCoverage(parentContributions, assessed.get(fullAncestor)!.sourceCount)})`);
      if (ownCoverage === 'partial') reasons.push(`also reached on its own: ${describeCoverage(own.contributions, own.sourceCount)}`);
    } else if (ownCoverage === 'partial') {
      status = 'partial';
      basis = 'mapping';
      reasons.push(describeCoverage(own.contributions, own.sourceCount));
      reasons.push(...mappingNotes(own.contributions[0]!));
    } else {
      status = 'uncovered';
      basis = 'none';
      for (const record of noCounterparts) reasons.push(`reviewed: no counterpart in ${record.otherFrameworkId} — ${record.note}`);
      const blockedByRelationship = own.blocked.filter((b) => b.reason === 'no-relationship');
      if (blockedByRelationship.length) reasons.push(`reviewed mappings say no relationship (${blockedByRelationship.map((b) => b.sourceId).join(', ')})`);
      if (!noCounterparts.length && !blockedByRelationship.length) reasons.push(notReachedReason(index, node, frameworks, traversal.mask, have.kind));
    }
    if (status === 'uncovered' && partialAncestor !== undefined)
      reasons.push(`its parent ${index.ids[partialAncestor]} is partly covered as a whole, which says nothing about this part`);
    if (isInformative(requirement)) reasons.unshift('informative: not counted');
    if (isWithdrawn(requirement)) reasons.unshift('withdrawn by its publisher: not counted');
    if (status !== 'covered' && own.expired.length)
      reasons.push(`expired evidence would reach it: ${[...new Set(own.expired.flatMap((c) => c.evidenceIds ?? []))].join(', ')} (renew it to count)`);
    if (status !== 'covered' && pending.length)
      reasons.push(`${pending.length} ${pending[0]!.status} mapping${pending.length === 1 ? '' : 's'} not counted until approved: ${pending.map((p) => `${p.otherId} ${p.relationship}`).join('; ')}`);

    const row: GapRow = {
      requirementId: requirement.id, ref: requirement.ref, title: requirement.title, ...(requirement.summary ? { summary: requirement.summary } : {}), kind: requirement.kind,
      ...(requirement.parentId ? { parentId: requirement.parentId } : {}),
      depth: depthOf(node), assessable: isAssessable(index, node), status, basis, reasons, contributions: own.contributions, sourceCount: own.sourceCount,
      ...(basis === 'parent' ? { inheritedFrom: { requirementId: index.ids[fullAncestor!]!, contributions: assessed.get(fullAncestor!)!.contributions } } : {}),
      noCounterparts, blocked: own.blocked, pending, expired: own.expired,
      ...(status === 'partial' ? { overlap: strongestOverlap(own.contributions) } : {}),
    };
    const applies = appliesFrom(tree, node);
    if (applies) row.appliesFrom = applies;
    rows.push(row);
    rowOf.set(node, row);
  }

  // Roll parents up from their assessable descendants (deepest first, so nested parents are ready).
  const parents = reported.filter((n) => index.childrenOf.has(n)).sort((a, b) => depthOf(b) - depthOf(a));
  for (const parent of parents) {
    const counts = { covered: 0, partial: 0, uncovered: 0 };
    const visit = (n: number) => {
      for (const child of index.childrenOf.get(n) ?? []) {
        const row = rowOf.get(child);
        if (!row) continue;
        if (row.assessable) counts[row.status]++;
        visit(child);
      }
    };
    visit(parent);
    const total = counts.covered + counts.partial + counts.uncovered;
    if (!total) continue;
    const row = rowOf.get(parent)!;
    row.rollup = counts;
    const rolled: GapStatus = counts.covered === total ? 'covered' : counts.covered + counts.partial === 0 ? 'uncovered' : 'partial';
    const own = row.contributions.length ? aggregateCoverage(row.contributions) : undefined;
    row.status = rolled;
    row.basis = 'rollup';
    // A rolled-up status speaks for the parts, not for the paths that reach the whole.
    delete row.overlap;
    row.reasons.unshift(`${counts.covered} of ${total} assessable sub-requirements covered, ${counts.partial} partial, ${counts.uncovered} uncovered` + (own ? ` (reached as a whole: ${own})` : ''));
  }

  const assessable = rows.filter((r) => r.assessable);
  const count = (f: (r: GapRow) => boolean) => assessable.filter(f).length;
  return {
    target,
    have: { kind: have.kind, frameworks, description },
    maxPathLength: traversal.maxPathLength,
    statuses: traversal.statuses,
    ...(asOf ? { asOf } : {}),
    summary: {
      assessable: assessable.length,
      covered: count((r) => r.status === 'covered'),
      partial: count((r) => r.status === 'partial'),
      uncovered: count((r) => r.status === 'uncovered'),
      coveredDirectly: count((r) => r.status === 'covered' && r.basis === 'direct'),
      coveredByMapping: count((r) => r.status === 'covered' && r.basis === 'mapping'),
      coveredByParent: count((r) => r.status === 'covered' && r.basis === 'parent'),
      uncoveredNoCounterpart: count((r) => r.status === 'uncovered' && r.noCounterparts.length > 0),
      uncoveredNotMapped: count((r) => r.status === 'uncovered' && !r.noCounterparts.length && !r.blocked.length && !r.sourceCount),
      notAssessable: rows.length - assessable.length,
      withPendingMappings: count((r) => r.pending.length > 0),
      partialByOverlap: Object.fromEntries(OVERLAP_BANDS.map((band) => [band, count((r) => r.overlap === band)])) as Record<OverlapBand, number>,
    },
    rows,
    ...(scope ? { scope: { tags: scope, leftOut: nodes.length - reported.length } } : {}),
    scopeTags: scopeTagsOf(nodes.flatMap((node) => tree.tagsOf(node))),
    ...openByDate(assessable),
    warnings,
  };
}

/** The nodes a predicate keeps and their ancestors (the headings they sit under), in document order. */
function inScopeWithAncestors(index: CoverageIndex, nodes: readonly number[], keep: (node: number) => boolean): number[] {
  const kept = new Set<number>();
  for (const node of nodes) if (keep(node)) for (const n of [node, ...ancestorsOf(index, node)]) kept.add(n);
  return nodes.filter((node) => kept.has(node));
}

function openByDate(assessable: readonly GapRow[]): Pick<GapReport, 'openByDate'> {
  const byDate = new Map<string, { appliesFrom: string; partial: number; uncovered: number }>();
  for (const row of assessable) {
    if (!row.appliesFrom || row.status === 'covered') continue;
    const entry = byDate.get(row.appliesFrom) ?? byDate.set(row.appliesFrom, { appliesFrom: row.appliesFrom, partial: 0, uncovered: 0 }).get(row.appliesFrom)!;
    entry[row.status]++;
  }
  return byDate.size ? { openByDate: [...byDate.values()].sort((a, b) => a.appliesFrom.localeCompare(b.appliesFrom)) } : {};
}

function haveSources(index: CoverageIndex, have: GapHave, target: string): { sources: SourceSet; frameworks: string[]; description: string; asOf?: string } {
  switch (have.kind) {
    case 'frameworks': {
      if (!have.frameworkIds.length) throw new InputError('have: name at least one framework');
      const unknown = have.frameworkIds.filter((f) => !index.byFramework.has(f));
      if (unknown.length) throw new NotFoundError(unknownFramework(unknown[0]!, index.byFramework.keys()));
      return { sources: sourcesFromFrameworks(index, have.frameworkIds), frameworks: [...have.frameworkIds], description: `all of ${have.frameworkIds.join(', ')}` };
    }
    case 'requirements': {
      const sources = sourcesFromRequirements(index, have.requirementIds);
      // Some unknown ids are warned about and ignored; none known is a mistake, not an organisation that has nothing.
      const known = have.requirementIds.length - sources.unknown.length;
      if (!known) throw new NotFoundError(`unknown requirement "${sources.unknown[0]}"${didYouMean(sources.unknown[0]!, knownIds(index))}: none of the requirements said to be in place exists (ids are framework:ref, e.g. iso27001-2022:A.5.1)`);
      const frameworks = frameworksOfSources(index, sources);
      return { sources, frameworks, description: `${known} requirement${known === 1 ? '' : 's'} (with their sub-requirements)` };
    }
    case 'evidence': {
      const asOf = maybeAsOf(have.asOf);
      const sources = sourcesFromEvidence(index, { ...have, asOf }, target);
      const frameworks = frameworksOfSources(index, sources);
      const items = 'evidenceIndex' in have ? have.evidenceIndex.evidence.length : have.evidence.length;
      return { sources, frameworks, description: `${items} evidence item${items === 1 ? '' : 's'} as of ${asOf}`, asOf };
    }
  }
}

function frameworksOfSources(index: CoverageIndex, sources: SourceSet): string[] {
  const found = new Set<number>();
  sources.isSource.forEach((flag, node) => flag && found.add(index.frameworkOfNode[node]!));
  for (const node of sources.expired?.keys() ?? []) found.add(index.frameworkOfNode[node]!);
  return [...found].map((f) => index.frameworks[f]!).sort();
}

/** The band of the strongest of a requirement's partial contributions. */
function strongestOverlap(contributions: readonly Contribution[]): OverlapBand {
  const strengths = contributions.flatMap((c) => (c.weakestStrength === undefined ? [] : [c.weakestStrength]));
  return overlapBand(strengths.length ? Math.max(...strengths) : undefined);
}

function directReason(best: Contribution, kind: GapHave['kind']): string {
  if (kind === 'evidence') return `evidence linked to it directly: ${(best.evidenceIds ?? []).join(', ')}${best.orgControlIds?.length ? ` (through control ${best.orgControlIds.join(', ')})` : ''}`;
  return `satisfied directly: ${best.sourceId} is part of what you have`;
}

/** The notes reviewers wrote on the mappings of the best path: the "why" behind the relationship. */
const mappingNotes = (best: Contribution): string[] =>
  best.path.flatMap((step) => [
    ...(step.note ? [`note on ${step.mappingId}: ${step.note}`] : []),
    ...(step.contestedBy ?? []).map((other) => `contested: ${other.source} reads ${step.from} → ${step.to} as ${other.relationship}, which would carry ${coverageOf(other.relationship) ? 'only part of it' : 'nothing'}`),
  ]);

function notReachedReason(index: CoverageIndex, node: number, frameworks: readonly string[], mask: number, kind: GapHave['kind']): string {
  if (kind === 'evidence' && !frameworks.length) return 'no evidence reaches it';
  const mapped = new Set<string>();
  for (let slot = index.offsets[node]!, end = index.offsets[node + 1]!; slot < end; slot++) {
    if (!(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
    mapped.add(index.frameworks[index.frameworkOfNode[index.other[slot]!]!]!);
  }
  const unmapped = frameworks.filter((f) => !mapped.has(f));
  if (kind === 'evidence') return `no evidence reaches it${unmapped.length ? ` (no mapping to ${unmapped.join(', ')} and no "no counterpart" record)` : ''}`;
  return unmapped.length
    ? `not mapped to ${unmapped.join(', ')} yet: no mapping and no "no counterpart" record (unknown, not known to be missing)`
    : 'its mappings to what you have do not carry coverage within the path limit';
}

function pendingMappings(index: CoverageIndex, node: number, sources: SourceSet, mask: number): PendingMapping[] {
  const found: PendingMapping[] = [];
  for (let slot = index.offsets[node]!, end = index.offsets[node + 1]!; slot < end; slot++) {
    const mapping = index.mappings[index.mappingOf[slot]!]!;
    if (mask & (1 << index.statusOf[index.mappingOf[slot]!]!)) continue;
    if (mapping.status === 'rejected') continue;
    const other = index.other[slot]!;
    if (!sources.isSource[other]) continue;
    // Read from the other requirement (what the organisation has) towards this one.
    const code = inverseCode(index.outward[slot]!);
    if (levelOfCode(code) === 0) continue;
    found.push({ mappingId: mapping.id, otherId: index.ids[other]!, relationship: relationshipOfCode(code), status: mapping.status });
  }
  return found;
}
