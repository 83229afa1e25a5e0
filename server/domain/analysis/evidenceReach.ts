import { NotFoundError } from '../errors.js';
import { inScope, isExpired, type Evidence, type EvidenceLink } from '../schemas/evidence.js';
import { isWithdrawn } from '../schemas/requirement.js';
import type { OrgControl } from '../schemas/orgControl.js';
import { assessTarget, directNoRelationship, noCounterpartBetween, pairCoverage, weakestStrength, type Blocked } from './assess.js';
import { aggregateCoverage, compareContributions, describeCoverage, type Contribution, type Coverage } from './coverage.js';
import { ancestorsOf, descendantsOf, toCoverageIndex, type CoverageIndex, type CoverageInput } from './coverageIndex.js';
import { maybeAsOf, normalizeTraversal, type TraversalOptions } from './options.js';
import { sourcesFromEvidence } from './sources.js';
import { directHops, Tracer } from './trace.js';

export interface EvidenceReachQuery extends TraversalOptions {
  evidence: Evidence;
  /** The item's links (others are ignored). */
  links: readonly EvidenceLink[];
  /** Controls the item may be linked to; a link to a control stands for links to every requirement it cites. */
  orgControls?: readonly OrgControl[];
  /** YYYY-MM-DD for the expiry check. */
  asOf: string;
}

/** Where the item enters the graph. */
export interface ReachSource {
  requirementId: string;
  /** Set when the item is linked to a control that cites this requirement. */
  orgControlId?: string;
  known: boolean;
  inScope: boolean;
}

export interface ReachedRequirement {
  requirementId: string;
  frameworkId: string;
  ref: string;
  title: string;
  /** Its summary, the only label a requirement without a title of its own has (a paragraph of a law). */
  summary?: string;
  coverage: Coverage;
  /** linked: the item is linked to it; mapping: carried by mappings; parent: an ancestor is supported in full. */
  basis: 'linked' | 'mapping' | 'parent';
  reason: string;
  /** One per source that reaches it, best first; each path lists the mappings used. */
  contributions: Contribution[];
  inheritedFrom?: string;
}

/** A requirement the item would reach, but in a framework outside its scope: it does not count there. */
export interface OutOfScopeRequirement {
  requirementId: string;
  frameworkId: string;
  ref: string;
  title: string;
  coverage: Coverage;
}

export interface EvidenceReach {
  evidenceId: string;
  asOf: string;
  /** Expired items are reported with their reach, but count for nothing until renewed. */
  expired: boolean;
  expires?: string;
  scope: string[];
  maxPathLength: number;
  statuses: string[];
  sources: ReachSource[];
  /** In scope, sorted by framework then document order. */
  reached: ReachedRequirement[];
  byFramework: Array<{ frameworkId: string; full: number; partial: number }>;
  /** Requirements it would reach in frameworks outside its scope, named as the reached ones are; sorted by id. */
  outOfScope: OutOfScopeRequirement[];
  /** Requirements a path reaches but a reviewed record or mapping rules out. */
  blocked: Array<Blocked & { requirementId: string }>;
  warnings: string[];
}

/**
 * Every requirement, in every framework, that one evidence item supports, full or partial, with the path of mappings
 * that carries it (withdrawn requirements aside: paths may pass through them, but nothing is met there). Follows the coverage algebra (docs/analysis.md): full only when every link of the path is full;
 * a direct reviewed mapping between a source and a target overrides longer paths between them; reviewed "no
 * counterpart" records rule a pair out; partial support from several sources stays partial. A requirement supported
 * in full passes full support to its sub-requirements.
 */
export function evidenceReach(input: CoverageInput, query: EvidenceReachQuery): EvidenceReach {
  const index = toCoverageIndex(input);
  const traversal = normalizeTraversal(query);
  const asOf = maybeAsOf(query.asOf);
  const { evidence } = query;
  const controls = new Map((query.orgControls ?? []).map((c) => [c.id, c]));
  const warnings: string[] = [];

  const sources: ReachSource[] = [];
  for (const link of query.links) {
    if (link.evidenceId !== evidence.id) continue;
    const ids: Array<{ requirementId: string; orgControlId?: string }> = [];
    if (link.kind === 'requirement') ids.push({ requirementId: link.requirementId });
    else {
      const control = controls.get(link.orgControlId);
      if (!control) warnings.push(`linked to unknown control "${link.orgControlId}"`);
      for (const requirementId of control?.requirementIds ?? []) ids.push({ requirementId, orgControlId: link.orgControlId });
    }
    for (const { requirementId, orgControlId } of ids) {
      const node = index.nodeOf.get(requirementId);
      const known = node !== undefined && index.requirements[node] !== undefined;
      if (!known) warnings.push(`linked to unknown requirement "${requirementId}"`);
      else if (isWithdrawn(index.requirements[node]!)) warnings.push(`linked to ${requirementId}, which its publisher withdrew: it counts for nothing there`);
      const frameworkId = known ? index.requirements[node]!.frameworkId : requirementId.slice(0, requirementId.indexOf(':'));
      sources.push({ requirementId, ...(orgControlId ? { orgControlId } : {}), known, inScope: inScope(evidence, frameworkId) });
    }
  }

  // Per reached node: every contribution (one per source node), merged across links.
  const contributionsOf = new Map<number, Map<number, Contribution>>();
  const blocked: EvidenceReach['blocked'] = [];
  const tracer = new Tracer(index, traversal);
  const orgControlsOf = new Map<number, Set<string>>();
  for (const source of sources) {
    if (!source.known) continue;
    const s = index.nodeOf.get(source.requirementId)!;
    if (source.orgControlId) {
      let set = orgControlsOf.get(s);
      if (!set) orgControlsOf.set(s, (set = new Set()));
      set.add(source.orgControlId);
    }
  }
  const record = (target: number, source: number, contribution: Contribution) => {
    let bySource = contributionsOf.get(target);
    if (!bySource) contributionsOf.set(target, (bySource = new Map()));
    if (!bySource.has(source)) bySource.set(source, contribution);
  };
  for (const s of new Set(sources.filter((x) => x.known).map((x) => index.nodeOf.get(x.requirementId)!))) {
    const via = orgControlsOf.get(s);
    const decorate = (c: Contribution): Contribution => ({ ...c, evidenceIds: [evidence.id], ...(via ? { orgControlIds: [...via].sort() } : {}) });
    record(s, s, decorate({ sourceId: index.ids[s]!, coverage: 'full', path: [] }));
    tracer.run(s, 'forward');
    const direct = directHops(index, s, traversal.mask, 'forward');
    for (const v of tracer.reached()) {
      if (!index.requirements[v]) continue;
      const refusal = noCounterpartBetween(index, s, v, traversal.statuses);
      if (refusal) {
        blocked.push({ requirementId: index.ids[v]!, sourceId: index.ids[s]!, reason: 'no-counterpart', detail: refusal });
        continue;
      }
      const { level, path } = pairCoverage(tracer, direct, v, v);
      if (level === 0) {
        blocked.push({ requirementId: index.ids[v]!, sourceId: index.ids[s]!, reason: 'no-relationship', detail: `a reviewed mapping says ${index.ids[s]} has no relationship to ${index.ids[v]}` });
        continue;
      }
      record(v, s, decorate({ sourceId: index.ids[s]!, coverage: level === 2 ? 'full' : 'partial', path, weakestStrength: weakestStrength(path) }));
    }
    // Walks never cross no-relationship mappings; a direct one from the source is still worth saying.
    for (const { other, mappingId } of directNoRelationship(index, s, traversal.mask))
      if (index.requirements[other] && !blocked.some((b) => b.requirementId === index.ids[other] && b.sourceId === index.ids[s]))
        blocked.push({ requirementId: index.ids[other]!, sourceId: index.ids[s]!, reason: 'no-relationship', detail: `a reviewed mapping says ${index.ids[s]} has no relationship to ${index.ids[other]} (${mappingId})` });
  }

  const reachedByNode = new Map<number, ReachedRequirement>();
  for (const [node, bySource] of contributionsOf) {
    const contributions = [...bySource.values()].sort(compareContributions);
    const coverage = aggregateCoverage(contributions)!;
    const linked = contributions.some((c) => !c.path.length);
    reachedByNode.set(node, {
      ...describe(index, node), coverage, basis: linked ? 'linked' : 'mapping',
      reason: linked ? `linked directly${contributions[0]!.orgControlIds ? ` (through control ${contributions[0]!.orgControlIds.join(', ')})` : ''}` : describeCoverage(contributions),
      contributions,
    });
  }
  // Full support of a requirement is full support of each of its parts.
  for (const [node, reached] of [...reachedByNode]) {
    if (reached.coverage !== 'full') continue;
    for (const d of descendantsOf(index, node)) {
      const existing = reachedByNode.get(d);
      if (existing?.coverage === 'full') continue;
      reachedByNode.set(d, {
        ...describe(index, d), coverage: 'full', basis: 'parent', reason: `part of ${reached.requirementId}, which it supports in full`,
        contributions: existing?.contributions ?? [], inheritedFrom: reached.requirementId,
      });
    }
  }

  const reached: ReachedRequirement[] = [];
  const outOfScope: EvidenceReach['outOfScope'] = [];
  for (const [node, r] of reachedByNode) {
    if (isWithdrawn(index.requirements[node]!)) continue;
    if (inScope(evidence, r.frameworkId)) reached.push(r);
    else outOfScope.push({ requirementId: r.requirementId, frameworkId: r.frameworkId, ref: r.ref, title: r.title, coverage: r.coverage });
  }
  const orderOf = (id: string) => index.requirements[index.nodeOf.get(id)!]?.order ?? 0;
  reached.sort((a, b) => (a.frameworkId < b.frameworkId ? -1 : a.frameworkId > b.frameworkId ? 1 : orderOf(a.requirementId) - orderOf(b.requirementId)));
  outOfScope.sort((a, b) => (a.requirementId < b.requirementId ? -1 : 1));
  const byFramework = new Map<string, { frameworkId: string; full: number; partial: number }>();
  for (const r of reached) {
    let entry = byFramework.get(r.frameworkId);
    if (!entry) byFramework.set(r.frameworkId, (entry = { frameworkId: r.frameworkId, full: 0, partial: 0 }));
    entry[r.coverage]++;
  }
  const expired = isExpired(evidence, asOf);
  if (expired) warnings.unshift(`expired on ${evidence.expires} (as of ${asOf}): it counts for nothing until renewed`);
  if (!sources.length) warnings.push('not linked to any requirement or control');
  return {
    evidenceId: evidence.id, asOf, expired, ...(evidence.expires ? { expires: evidence.expires } : {}), scope: [...evidence.scope],
    maxPathLength: traversal.maxPathLength, statuses: traversal.statuses, sources, reached, byFramework: [...byFramework.values()],
    outOfScope, blocked, warnings,
  };
}

function describe(index: CoverageIndex, node: number) {
  const r = index.requirements[node]!;
  return { requirementId: r.id, frameworkId: r.frameworkId, ref: r.ref, title: r.title, ...(r.summary ? { summary: r.summary } : {}) };
}

export interface RequirementSupportQuery extends TraversalOptions {
  requirementId: string;
  evidence: readonly Evidence[];
  links: readonly EvidenceLink[];
  orgControls?: readonly OrgControl[];
  asOf: string;
}

export interface RequirementSupport {
  requirementId: string;
  asOf: string;
  status: 'covered' | 'partial' | 'uncovered';
  reason: string;
  /** Each evidence item that counts for it, best first, with how it gets there. */
  items: Array<{ evidenceId: string; title: string; coverage: Coverage; contributions: Contribution[]; inheritedFrom?: string }>;
  /** Items that would count but have expired. */
  expired: Array<{ evidenceId: string; expires?: string; coverage: Coverage }>;
  /** Evidence items whose scope leaves this framework out: they never count here. */
  outOfScope: string[];
  blocked: Blocked[];
}

/** What supports one requirement, and how: the requirement-level view of evidence reach. */
export function requirementSupport(input: CoverageInput, query: RequirementSupportQuery): RequirementSupport {
  const index = toCoverageIndex(input);
  const traversal = normalizeTraversal(query);
  const asOf = maybeAsOf(query.asOf);
  const node = index.nodeOf.get(query.requirementId);
  const requirement = node === undefined ? undefined : index.requirements[node];
  if (node === undefined || !requirement) throw new NotFoundError(`unknown requirement "${query.requirementId}"`);
  if (isWithdrawn(requirement))
    return { requirementId: requirement.id, asOf, status: 'uncovered', reason: 'withdrawn by its publisher: no evidence counts for it', items: [], expired: [], outOfScope: [], blocked: [] };
  const sources = sourcesFromEvidence(index, { ...query, asOf }, requirement.frameworkId);
  const tracer = new Tracer(index, traversal);
  // Every source is listed here: the question is which items support this one requirement.
  const all = { ...traversal, maxContributions: Number.MAX_SAFE_INTEGER };
  const own = assessTarget(index, tracer, node, sources, all);
  const fullAncestor = ancestorsOf(index, node)
    .map((a) => ({ a, assessment: assessTarget(index, tracer, a, sources, all) }))
    .find(({ assessment }) => aggregateCoverage(assessment.contributions) === 'full');

  const items = new Map<string, RequirementSupport['items'][number]>();
  const titles = new Map(query.evidence.map((e) => [e.id, e]));
  const add = (c: Contribution, inheritedFrom?: string) => {
    for (const id of c.evidenceIds ?? []) {
      let item = items.get(id);
      if (!item) items.set(id, (item = { evidenceId: id, title: titles.get(id)?.title ?? id, coverage: c.coverage, contributions: [], ...(inheritedFrom ? { inheritedFrom } : {}) }));
      item.contributions.push(c);
      if (c.coverage === 'full') item.coverage = 'full';
    }
  };
  for (const c of own.contributions) add(c);
  if (fullAncestor) for (const c of fullAncestor.assessment.contributions.filter((x) => x.coverage === 'full')) add({ ...c }, index.ids[fullAncestor.a]);
  const ownCoverage = aggregateCoverage(own.contributions);
  const status = ownCoverage === 'full' || fullAncestor ? 'covered' : ownCoverage === 'partial' ? 'partial' : 'uncovered';
  const reason =
    ownCoverage === 'full' ? describeCoverage(own.contributions)
    : fullAncestor ? `covered through ${index.ids[fullAncestor.a]} (${describeCoverage(fullAncestor.assessment.contributions)})`
    : ownCoverage ? describeCoverage(own.contributions)
    : 'no evidence reaches it';
  const expired = new Map<string, RequirementSupport['expired'][number]>();
  for (const c of own.expired)
    for (const id of c.evidenceIds ?? []) {
      const prior = expired.get(id);
      if (!prior || (prior.coverage === 'partial' && c.coverage === 'full')) expired.set(id, { evidenceId: id, ...(titles.get(id)?.expires ? { expires: titles.get(id)!.expires } : {}), coverage: c.coverage });
    }
  const sorted = [...items.values()].sort((a, b) => (a.coverage === b.coverage ? (a.evidenceId < b.evidenceId ? -1 : 1) : a.coverage === 'full' ? -1 : 1));
  return { requirementId: requirement.id, asOf, status, reason, items: sorted, expired: [...expired.values()], outOfScope: sources.outOfScope, blocked: own.blocked };
}
