import { rowLabel } from '../../../server/domain/analysis/rowLabel.js';
import type { Contribution, CoverageStep, EvidenceReachReport, OutOfScopeRequirement, ReachedRequirement } from '../api/analysis.js';
import { frameworkNodeId, type FanoutNode, type Reach, type ReachStep } from './fanout.js';
import { RELATIONSHIPS, type Relationship, type Support } from './types.js';

/**
 * The evidence hub's picture of one evidence item, from the server's `evidenceReach` report: the item and the
 * requirements it is linked to in the centre (the layout's start nodes), the requirements mappings carry it to on the
 * ring of their path length, and each framework on the outer ring. Pure, so it is tested without a browser.
 */

export const evidenceNodeId = (evidenceId: string) => `evidence::${evidenceId}`;

/** "intersects-with" (content spelling) → "intersects_with" (GraphQL enum spelling the explorer uses). */
export function toRelationship(value: string): Relationship {
  const r = value.replace(/-/g, '_');
  return (RELATIONSHIPS as readonly string[]).includes(r) ? (r as Relationship) : 'no_relationship';
}

/** A report's path step as the explorer's ReachStep, read in the direction the evidence travels. */
export function toReachStep(step: CoverageStep): ReachStep {
  const relationship = toRelationship(step.relationship);
  return {
    fromId: step.from,
    toId: step.to,
    relationship,
    support: step.coverage,
    mapping: { id: step.mappingId, sourceId: step.from, targetId: step.to, relationship, strength: step.strength, rationale: step.rationale, status: step.status === 'proposed' || step.status === 'rejected' ? step.status : 'approved', note: step.note ?? null },
    ...(step.contestedBy ? { contestedBy: step.contestedBy } : {}),
  };
}

/** The framework id of a requirement id ("iso27001-2022:A.5.1" → "iso27001-2022"). */
export const frameworkOfId = (requirementId: string) => requirementId.slice(0, Math.max(0, requirementId.indexOf(':')));
/** The requirement's ref from its id, for requirements the report names only by id (those passed on the way). */
export const refOfId = (requirementId: string) => requirementId.slice(requirementId.indexOf(':') + 1);

export type EvidenceLinkKind = 'evidence' | 'mapping' | 'part' | 'membership';

export interface EvidenceFanoutLink {
  id: string;
  source: string;
  target: string;
  kind: EvidenceLinkKind;
  support?: Support;
  step?: ReachStep;
  /** Ends at a requirement the item may not count for (outside its scope). */
  outOfScope?: boolean;
}

export interface EvidenceNodeInfo {
  reached?: ReachedRequirement;
  /** Reached, but in a framework outside the item's scope. */
  outOfScope?: boolean;
  /** The report's entry for it when it is out of scope: its ref and title. */
  outside?: OutOfScopeRequirement;
  /** Only on the way to something else (out of scope or ruled out for itself): drawn faintly. */
  via?: boolean;
  coverage?: 'full' | 'partial';
}

export interface EvidenceFanout {
  nodes: FanoutNode[];
  links: EvidenceFanoutLink[];
  info: Map<string, EvidenceNodeInfo>;
  /** Frameworks whose every requirement in the picture is out of scope. */
  outOfScopeFrameworks: Set<string>;
}

/** A reached requirement as the explorer's Reach (best path, weakest strength), for lists and path displays. */
export function toReach(r: ReachedRequirement): Reach {
  const best = r.contributions[0];
  const path = (best?.path ?? []).map(toReachStep);
  return {
    requirement: { id: r.requirementId, frameworkId: r.frameworkId, ref: r.ref, title: rowLabel(r) },
    depth: 1 + path.length,
    support: r.coverage,
    path,
    strength: best?.weakestStrength ?? 10,
    sources: new Set(r.contributions.map((c) => c.sourceId)).size || 1,
  };
}

export function buildEvidenceFanout({ report, label, hidden = new Set<string>() }: { report: EvidenceReachReport; label: string; hidden?: Set<string> }): EvidenceFanout {
  const centre = evidenceNodeId(report.evidenceId);
  const nodes: FanoutNode[] = [{ id: centre, kind: 'start', label, frameworkId: '', ring: 0 }];
  const links: EvidenceFanoutLink[] = [];
  const info = new Map<string, EvidenceNodeInfo>();
  const byId = new Map(report.reached.map((r) => [r.requirementId, r]));
  const visible = (requirementId: string) => !hidden.has(frameworkOfId(requirementId));

  // Rings: linked requirements 1, mapped ones 1 + path length, parts of a fully supported requirement one past it.
  const ringMemo = new Map<string, number>();
  const ringOf = (r: ReachedRequirement, seen = new Set<string>()): number => {
    const known = ringMemo.get(r.requirementId);
    if (known !== undefined) return known;
    let ring: number;
    if (r.basis === 'linked') ring = 0;
    else if (r.basis === 'parent') {
      const parent = r.inheritedFrom ? byId.get(r.inheritedFrom) : undefined;
      ring = parent && !seen.has(parent.requirementId) ? ringOf(parent, new Set(seen).add(r.requirementId)) + 1 : 1;
    } else ring = r.contributions[0]?.path.length ?? 1;
    ringMemo.set(r.requirementId, ring);
    return ring;
  };

  const present = new Set<string>([centre]);
  const addRequirement = (node: FanoutNode, nodeInfo: EvidenceNodeInfo) => {
    if (present.has(node.id)) return;
    present.add(node.id);
    nodes.push(node);
    info.set(node.id, nodeInfo);
  };

  for (const r of report.reached) {
    if (!visible(r.requirementId)) continue;
    const reach = toReach(r);
    const ring = ringOf(r);
    addRequirement({ id: r.requirementId, kind: ring === 0 ? 'start' : 'requirement', label: r.ref, frameworkId: r.frameworkId, ring, support: r.coverage, reach }, { reached: r, coverage: r.coverage });
  }
  const deepest = nodes.reduce((d, n) => Math.max(d, n.ring), 1);
  const outById = new Map(report.outOfScope.map((o) => [o.requirementId, o]));
  for (const o of report.outOfScope) {
    if (!visible(o.requirementId)) continue;
    const linked = report.sources.some((s) => s.requirementId === o.requirementId);
    addRequirement(
      { id: o.requirementId, kind: linked ? 'start' : 'requirement', label: o.ref, frameworkId: o.frameworkId, ring: linked ? 0 : deepest, support: o.coverage },
      { outOfScope: true, outside: o, coverage: o.coverage },
    );
  }

  // The item's own links.
  for (const s of report.sources) {
    if (!s.known || !present.has(s.requirementId)) continue;
    links.push({ id: `evidence|${s.requirementId}${s.orgControlId ? `|${s.orgControlId}` : ''}`, source: centre, target: s.requirementId, kind: 'evidence', support: 'full', outOfScope: !s.inScope });
  }

  // The last step of each best path; requirements passed on the way but not reached for themselves are added faintly.
  for (const r of report.reached) {
    if (!present.has(r.requirementId)) continue;
    if (r.basis === 'parent' && r.inheritedFrom) {
      if (present.has(r.inheritedFrom)) links.push({ id: `part|${r.inheritedFrom}|${r.requirementId}`, source: r.inheritedFrom, target: r.requirementId, kind: 'part', support: 'full' });
      continue;
    }
    const best: Contribution | undefined = r.contributions[0];
    if (!best?.path.length) continue;
    best.path.forEach((step, i) => {
      const isLast = i === best.path.length - 1;
      // A requirement reached for itself draws its own best path; anything else on the way needs this step drawn.
      if (!isLast && byId.has(step.to) && present.has(step.to)) return;
      if (!present.has(step.from)) return;
      if (!present.has(step.to)) {
        if (!visible(step.to)) return;
        addRequirement({ id: step.to, kind: 'requirement', label: refOfId(step.to), frameworkId: frameworkOfId(step.to), ring: i + 1 }, { via: true, outOfScope: outById.has(step.to) });
      }
      const linkId = `${step.mappingId}|${step.from}`;
      if (links.some((l) => l.id === linkId)) return;
      links.push({ id: linkId, source: step.from, target: step.to, kind: 'mapping', support: isLast ? best.coverage : step.coverage, step: toReachStep(step) });
    });
  }

  // Frameworks on the outer ring.
  const outer = nodes.reduce((d, n) => Math.max(d, n.ring), 0) + 1;
  const frameworks = new Map<string, boolean>();
  for (const n of nodes) {
    if (n.id === centre || n.kind === 'framework') continue;
    const inScope = !info.get(n.id)?.outOfScope && !info.get(n.id)?.via;
    frameworks.set(n.frameworkId, (frameworks.get(n.frameworkId) ?? false) || inScope);
    links.push({ id: `member|${n.id}`, source: n.id, target: frameworkNodeId(n.frameworkId), kind: 'membership', outOfScope: info.get(n.id)?.outOfScope });
  }
  const outOfScopeFrameworks = new Set<string>();
  for (const [f, anyInScope] of [...frameworks].sort(([a], [b]) => a.localeCompare(b))) {
    nodes.push({ id: frameworkNodeId(f), kind: 'framework', label: f, frameworkId: f, ring: outer });
    if (!anyInScope) outOfScopeFrameworks.add(f);
  }
  return { nodes, links, info, outOfScopeFrameworks };
}

/** Expired on `asOf` (YYYY-MM-DD): the expiry date has passed. An item expiring today still counts today. */
export const isExpired = (item: { expires?: string | null }, asOf: string) => !!item.expires && item.expires < asOf;

/** Requirements reached outside the item's scope, per framework. */
export function outOfScopeCounts(report: Pick<EvidenceReachReport, 'outOfScope'>): Array<{ frameworkId: string; full: number; partial: number }> {
  const counts = new Map<string, { frameworkId: string; full: number; partial: number }>();
  for (const o of report.outOfScope) {
    const f = o.frameworkId;
    const c = counts.get(f) ?? { frameworkId: f, full: 0, partial: 0 };
    c[o.coverage]++;
    counts.set(f, c);
  }
  return [...counts.values()].sort((a, b) => a.frameworkId.localeCompare(b.frameworkId));
}

/** A label short enough for the graph; the tooltip and the lists carry the whole ref. */
export const shortLabel = (label: string, max = 16) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** One sentence for a reached requirement, without the ids the path display already shows. */
export function describeReached(r: Pick<ReachedRequirement, 'coverage' | 'basis' | 'inheritedFrom' | 'contributions' | 'reason'>): string {
  const sources = new Set(r.contributions.map((c) => c.sourceId)).size;
  if (r.basis === 'linked') return `Linked directly${r.contributions[0]?.orgControlIds?.length ? ` (through control ${r.contributions[0].orgControlIds.join(', ')})` : ''}: full support.`;
  if (r.basis === 'parent') return `Full support: it is part of ${r.inheritedFrom}, which the item supports in full.`;
  if (r.coverage === 'full') return `Full support over ${r.contributions[0]?.path.length ?? 1} mapping${(r.contributions[0]?.path.length ?? 1) === 1 ? '' : 's'}${sources > 1 ? ` (${sources} sources reach it)` : ''}.`;
  return sources > 1
    ? `Partial support from ${sources} sources: partial sources never add up to full; the rest needs its own evidence.`
    : 'Partial support: the rest of it needs its own evidence.';
}
