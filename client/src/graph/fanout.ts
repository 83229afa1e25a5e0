import { inverseRelationship, stepSupport, supportRank, weakestSupport } from './support.js';
import type { GraphMapping, GraphRequirement, Relationship, Support } from './types.js';

export interface ReachStep {
  mapping: GraphMapping;
  fromId: string;
  toId: string;
  /** The relationship read from `fromId`'s side. */
  relationship: Relationship;
  support: Support;
  /** Further sources of the mapping that read this full step as carrying less (analyses from the server only). */
  contestedBy?: Array<{ source: string; relationship: string }>;
}

export interface Reach {
  requirement: GraphRequirement;
  depth: number;
  /** Weakest link over the path. */
  support: Support;
  path: ReachStep[];
  /** Weakest strength over the path. */
  strength: number;
  /** How many neighbours one step closer to the start also reach it (several partial sources stay partial). */
  sources: number;
}

export interface ReachOptions {
  startIds: string[];
  requirements: GraphRequirement[];
  mappings: GraphMapping[];
  maxDepth?: number;
}

interface Label {
  support: Support;
  depth: number;
  strength: number;
  path: ReachStep[];
}

const better = (a: Label, b: Label | undefined) =>
  !b ||
  supportRank(a.support) > supportRank(b.support) ||
  (a.support === b.support && (a.depth < b.depth || (a.depth === b.depth && a.strength > b.strength)));

/**
 * Every requirement reachable from the start set over at most `maxDepth` mappings, each with its best path:
 * full before partial, then fewer steps, then the strongest weakest link. Ties go to the smaller mapping id, so
 * the answer does not depend on the order the server returned edges in.
 */
export function computeReach({ startIds, requirements, mappings, maxDepth = 2 }: ReachOptions): Reach[] {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const adjacency = new Map<string, ReachStep[]>();
  const sorted = [...mappings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const m of sorted) {
    if (m.sourceId === m.targetId) continue;
    const forward: ReachStep = { mapping: m, fromId: m.sourceId, toId: m.targetId, relationship: m.relationship, support: stepSupport(m.relationship) };
    const rel = inverseRelationship(m.relationship);
    const backward: ReachStep = { mapping: m, fromId: m.targetId, toId: m.sourceId, relationship: rel, support: stepSupport(rel) };
    for (const step of [forward, backward]) {
      if (step.support === 'none') continue;
      const list = adjacency.get(step.fromId) ?? [];
      list.push(step);
      adjacency.set(step.fromId, list);
    }
  }

  const starts = new Set(startIds);
  const labels = new Map<string, Label>();
  const sources = new Map<string, Set<string>>();
  let frontier = [...starts].map((id) => ({ id, label: { support: 'full' as Support, depth: 0, strength: 10, path: [] as ReachStep[] } }));
  // Label-correcting search: support only weakens along a path, so a few rounds of relaxation settle it.
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next = new Map<string, Label>();
    for (const { id, label } of frontier) {
      for (const step of adjacency.get(id) ?? []) {
        if (starts.has(step.toId)) continue;
        if (label.path.some((s) => s.fromId === step.toId)) continue;
        const candidate: Label = {
          support: weakestSupport(label.support, step.support),
          depth,
          strength: Math.min(label.strength, step.mapping.strength),
          path: [...label.path, step],
        };
        const seen = sources.get(step.toId) ?? new Set<string>();
        seen.add(id);
        sources.set(step.toId, seen);
        if (better(candidate, labels.get(step.toId)) && better(candidate, next.get(step.toId))) next.set(step.toId, candidate);
      }
    }
    frontier = [];
    for (const [id, label] of next) {
      if (better(label, labels.get(id))) {
        labels.set(id, label);
        frontier.push({ id, label });
      }
    }
  }

  const out: Reach[] = [];
  for (const [id, label] of labels) {
    const requirement = byId.get(id);
    if (!requirement) continue;
    out.push({ requirement, depth: label.depth, support: label.support, path: label.path, strength: label.strength, sources: sources.get(id)?.size ?? 1 });
  }
  return out.sort((a, b) => a.requirement.frameworkId.localeCompare(b.requirement.frameworkId) || supportRank(b.support) - supportRank(a.support) || a.depth - b.depth || a.requirement.id.localeCompare(b.requirement.id));
}

export interface FrameworkCount {
  frameworkId: string;
  full: number;
  partial: number;
  total: number;
}

/** Requirements reached per framework, most reached first. */
export function countByFramework(reach: Reach[]): FrameworkCount[] {
  const counts = new Map<string, FrameworkCount>();
  for (const r of reach) {
    const c = counts.get(r.requirement.frameworkId) ?? { frameworkId: r.requirement.frameworkId, full: 0, partial: 0, total: 0 };
    if (r.support === 'full') c.full++;
    else if (r.support === 'partial') c.partial++;
    c.total++;
    counts.set(c.frameworkId, c);
  }
  return [...counts.values()].sort((a, b) => b.total - a.total || b.full - a.full || a.frameworkId.localeCompare(b.frameworkId));
}

export type FanoutNodeKind = 'start' | 'requirement' | 'framework';

export interface FanoutNode {
  id: string;
  kind: FanoutNodeKind;
  label: string;
  frameworkId: string;
  /** 0 for the start, the path length for requirements, one ring past the deepest requirement for frameworks. */
  ring: number;
  support?: Support;
  reach?: Reach;
}

export interface FanoutLink {
  id: string;
  source: string;
  target: string;
  kind: 'mapping' | 'membership';
  support?: Support;
  step?: ReachStep;
}

const FRAMEWORK_NODE = 'framework::';
export const frameworkNodeId = (frameworkId: string) => `${FRAMEWORK_NODE}${frameworkId}`;
/** The framework a framework node stands for, or undefined for any other node. */
export const frameworkOfNode = (nodeId: string) => (nodeId.startsWith(FRAMEWORK_NODE) ? nodeId.slice(FRAMEWORK_NODE.length) : undefined);

/** The fan-out drawn by the hub: start → requirements (the last step of each best path) → their frameworks. */
export function buildFanout({ starts, reach }: { starts: Array<{ id: string; label: string; frameworkId: string }>; reach: Reach[] }): { nodes: FanoutNode[]; links: FanoutLink[] } {
  const nodes: FanoutNode[] = starts.map((s) => ({ id: s.id, kind: 'start', label: s.label, frameworkId: s.frameworkId, ring: 0 }));
  const links: FanoutLink[] = [];
  const deepest = reach.reduce((d, r) => Math.max(d, r.depth), 0);
  const frameworks = new Set<string>();
  for (const r of reach) {
    nodes.push({ id: r.requirement.id, kind: 'requirement', label: r.requirement.ref, frameworkId: r.requirement.frameworkId, ring: r.depth, support: r.support, reach: r });
    const last = r.path.at(-1);
    if (last) links.push({ id: `${last.mapping.id}|${last.fromId}`, source: last.fromId, target: last.toId, kind: 'mapping', support: r.support, step: last });
    frameworks.add(r.requirement.frameworkId);
    links.push({ id: `member|${r.requirement.id}`, source: r.requirement.id, target: frameworkNodeId(r.requirement.frameworkId), kind: 'membership' });
  }
  for (const f of [...frameworks].sort()) nodes.push({ id: frameworkNodeId(f), kind: 'framework', label: f, frameworkId: f, ring: deepest + 1 });
  return { nodes, links };
}
