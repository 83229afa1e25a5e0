import type { Relationship, Status } from './types.js';

export interface FilterableNode {
  id: string;
  frameworkId: string;
}

export interface FilterableEdge {
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  status: Status;
}

export interface GraphFilter {
  /** Frameworks to show; null or undefined shows all. */
  frameworks?: ReadonlySet<string> | null;
  relationships?: ReadonlySet<Relationship> | null;
  statuses?: ReadonlySet<Status> | null;
  /** Nodes kept whatever the filters say (the start of a fan-out, the focused requirement). */
  keep?: ReadonlySet<string>;
  /** Drop nodes left without an edge (except kept ones). */
  dropIsolated?: boolean;
}

/** The part of a graph that passes the framework, relationship and status filters. */
export function filterGraph<N extends FilterableNode, E extends FilterableEdge>(nodes: N[], edges: E[], filter: GraphFilter): { nodes: N[]; edges: E[] } {
  const keep = filter.keep ?? new Set<string>();
  const shown = nodes.filter((n) => keep.has(n.id) || !filter.frameworks || filter.frameworks.has(n.frameworkId));
  const ids = new Set(shown.map((n) => n.id));
  const kept = edges.filter(
    (e) =>
      ids.has(e.sourceId) &&
      ids.has(e.targetId) &&
      (!filter.relationships || filter.relationships.has(e.relationship)) &&
      (!filter.statuses || filter.statuses.has(e.status)),
  );
  if (!filter.dropIsolated) return { nodes: shown, edges: kept };
  const linked = new Set<string>();
  for (const e of kept) {
    linked.add(e.sourceId);
    linked.add(e.targetId);
  }
  return { nodes: shown.filter((n) => keep.has(n.id) || linked.has(n.id)), edges: kept };
}

/** Everything within `hops` edges of `centerId`, ignoring direction. */
export function neighbourhoodOf<N extends { id: string }, E extends { sourceId: string; targetId: string }>(nodes: N[], edges: E[], centerId: string, hops: number): { nodes: N[]; edges: E[]; depth: Map<string, number> } {
  const adjacency = new Map<string, string[]>();
  for (const e of edges) {
    (adjacency.get(e.sourceId) ?? adjacency.set(e.sourceId, []).get(e.sourceId)!).push(e.targetId);
    (adjacency.get(e.targetId) ?? adjacency.set(e.targetId, []).get(e.targetId)!).push(e.sourceId);
  }
  const depth = new Map<string, number>([[centerId, 0]]);
  let frontier = [centerId];
  for (let d = 1; d <= hops && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const other of adjacency.get(id) ?? [])
        if (!depth.has(other)) {
          depth.set(other, d);
          next.push(other);
        }
    frontier = next;
  }
  return {
    nodes: nodes.filter((n) => depth.has(n.id)),
    edges: edges.filter((e) => depth.has(e.sourceId) && depth.has(e.targetId)),
    depth,
  };
}

/** Number of edges at each node. */
export function degrees(edges: Array<{ sourceId: string; targetId: string }>): Map<string, number> {
  const d = new Map<string, number>();
  for (const e of edges) {
    d.set(e.sourceId, (d.get(e.sourceId) ?? 0) + 1);
    d.set(e.targetId, (d.get(e.targetId) ?? 0) + 1);
  }
  return d;
}
