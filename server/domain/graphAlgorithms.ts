import type { CoverageCell, EdgeFilter, MappingPath, MappingView, Neighbourhood, NeighbourhoodQuery, PathQuery } from './graph.js';
import { frameworkOf } from './ids.js';
import { inverseRelationship } from './relationships.js';
import type { ContentBundle } from './schemas/content.js';
import type { Mapping } from './schemas/mapping.js';
import { isWithdrawn, type Requirement } from './schemas/requirement.js';

/**
 * The meaning of each graph query, written once over plain arrays. Stores answer the same questions natively
 * (SQL, Cypher); the contract suite checks them against these functions.
 */

export const matchesFilter = (m: Mapping, { relationships, statuses }: EdgeFilter) =>
  (!relationships?.length || relationships.includes(m.relationship)) && (!statuses?.length || statuses.includes(m.status));

/**
 * The order of mapping lists: by the source's framework and its place there (document order, so A.2 comes before
 * A.10), then the target's, then id. `orderOf` gives a requirement's place in its framework.
 */
export const compareMappingsInDocumentOrder = (orderOf: (requirementId: string) => number) => (a: Mapping, b: Mapping): number =>
  compareText(frameworkOf(a.source), frameworkOf(b.source)) || orderOf(a.source) - orderOf(b.source) ||
  compareText(frameworkOf(a.target), frameworkOf(b.target)) || orderOf(a.target) - orderOf(b.target) || compareText(a.id, b.id);

/** Code-unit order, as SQLite's default collation and Cypher compare text (not the locale's). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The mapping as read from `frameworkId`'s side: stored the other way round, its ends are swapped and its
 * relationship, and every further source's, turned round (A subset-of B is B superset-of A); strength, rationale,
 * notes and provenance stay as they are.
 */
export function mappingReadFrom(mapping: Mapping, frameworkId: string): Mapping {
  if (frameworkOf(mapping.source) === frameworkId || frameworkOf(mapping.target) !== frameworkId) return mapping;
  const { alsoStatedBy, ...rest } = mapping;
  return {
    ...rest,
    source: mapping.target,
    target: mapping.source,
    relationship: inverseRelationship(mapping.relationship),
    ...(alsoStatedBy ? { alsoStatedBy: alsoStatedBy.map((s) => ({ ...s, relationship: inverseRelationship(s.relationship) })) } : {}),
  };
}

export const viewFrom = (id: string, mapping: Mapping): MappingView =>
  mapping.source === id
    ? { mapping, direction: 'outgoing', otherId: mapping.target, relationship: mapping.relationship }
    : { mapping, direction: 'incoming', otherId: mapping.source, relationship: inverseRelationship(mapping.relationship) };

export const compareViews = (a: MappingView, b: MappingView) => a.otherId.localeCompare(b.otherId) || a.mapping.id.localeCompare(b.mapping.id);

export type Adjacency = (id: string) => Mapping[];

export function adjacencyOf(mappings: Mapping[], filter: EdgeFilter): Adjacency {
  const index = new Map<string, Mapping[]>();
  for (const m of mappings) {
    if (!matchesFilter(m, filter)) continue;
    for (const end of [m.source, m.target]) {
      let list = index.get(end);
      if (!list) index.set(end, (list = []));
      list.push(m);
    }
  }
  return (id) => index.get(id) ?? [];
}

/** Breadth-first over mapping edges in either direction; nodes sorted by depth then id, edges by id. */
export function neighbourhoodVia(
  adjacent: Adjacency,
  requirementsById: (ids: string[]) => Requirement[],
  { id, depth, maxNodes = 5000 }: NeighbourhoodQuery,
): Neighbourhood {
  const depthOf = new Map<string, number>([[id, 0]]);
  const edges = new Map<string, Mapping>();
  let frontier = [id];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length && !truncated; level++) {
    const next: string[] = [];
    for (const node of frontier.sort()) {
      for (const m of adjacent(node).sort((a, b) => a.id.localeCompare(b.id))) {
        const other = m.source === node ? m.target : m.source;
        if (!depthOf.has(other)) {
          if (depthOf.size >= maxNodes) {
            truncated = true;
            continue;
          }
          depthOf.set(other, level);
          next.push(other);
        }
        edges.set(m.id, m);
      }
    }
    frontier = next;
  }
  const found = new Map(requirementsById([...depthOf.keys()]).map((r) => [r.id, r]));
  const nodes = [...depthOf]
    .filter(([nodeId]) => found.has(nodeId))
    .map(([nodeId, d]) => ({ requirement: found.get(nodeId)!, depth: d }))
    .sort((a, b) => a.depth - b.depth || a.requirement.id.localeCompare(b.requirement.id));
  const kept = new Set(nodes.map((n) => n.requirement.id));
  return {
    nodes,
    edges: [...edges.values()].filter((m) => kept.has(m.source) && kept.has(m.target)).sort((a, b) => a.id.localeCompare(b.id)),
    truncated,
  };
}

export const comparePaths = (a: MappingPath, b: MappingPath) =>
  a.length - b.length || a.map((s) => s.mappingId).join('\n').localeCompare(b.map((s) => s.mappingId).join('\n'));

/**
 * Every simple path (no node twice) of at most maxLength mapping edges, shortest first. The last hop is found
 * from the target's own edges, so the deepest level of the search needs no adjacency look-ups.
 */
export function pathsVia(adjacent: Adjacency, { from, to, maxLength, maxPaths = 100 }: PathQuery): MappingPath[] {
  const found: MappingPath[] = [];
  if (from === to) return found;
  const intoTarget = new Map<string, Mapping[]>();
  for (const m of adjacent(to)) {
    const other = m.source === to ? m.target : m.source;
    intoTarget.set(other, [...(intoTarget.get(other) ?? []), m]);
  }
  const visit = (node: string, path: MappingPath, seen: Set<string>) => {
    for (const m of intoTarget.get(node) ?? []) {
      found.push([...path, { mappingId: m.id, from: node, to, relationship: viewFrom(node, m).relationship }]);
    }
    if (path.length + 1 >= maxLength) return;
    for (const m of adjacent(node)) {
      const view = viewFrom(node, m);
      if (seen.has(view.otherId) || view.otherId === to) continue;
      seen.add(view.otherId);
      path.push({ mappingId: m.id, from: node, to: view.otherId, relationship: view.relationship });
      visit(view.otherId, path, seen);
      path.pop();
      seen.delete(view.otherId);
    }
  };
  visit(from, [], new Set([from]));
  return found.sort(comparePaths).slice(0, maxPaths);
}

/**
 * For each ordered framework pair with at least one matching mapping: how much of the source is covered. Withdrawn
 * requirements are out of the matrix: not in the totals, and their mappings cover nothing at either end.
 */
export function coverageMatrixOf(bundle: Pick<ContentBundle, 'requirements' | 'mappings'>, filter: EdgeFilter): CoverageCell[] {
  const totals = new Map<string, number>();
  const withdrawn = new Set<string>();
  for (const r of bundle.requirements) {
    if (isWithdrawn(r)) withdrawn.add(r.id);
    else totals.set(r.frameworkId, (totals.get(r.frameworkId) ?? 0) + 1);
  }
  const cells = new Map<string, CoverageCell & { coveredIds: Set<string> }>();
  for (const m of bundle.mappings) {
    if (m.relationship === 'no-relationship' || !matchesFilter(m, filter) || withdrawn.has(m.source) || withdrawn.has(m.target)) continue;
    for (const end of [m.source, m.target]) {
      const view = viewFrom(end, m);
      const source = frameworkOf(end);
      const target = frameworkOf(view.otherId);
      const key = `${source}\u0000${target}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { source, target, total: totals.get(source) ?? 0, covered: 0, byRelationship: {}, coveredIds: new Set() }));
      cell.coveredIds.add(end);
      cell.byRelationship[view.relationship] = (cell.byRelationship[view.relationship] ?? 0) + 1;
    }
  }
  return [...cells.values()]
    .map(({ coveredIds, ...cell }) => ({ ...cell, covered: coveredIds.size }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
}
