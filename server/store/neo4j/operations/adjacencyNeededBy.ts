import type { Adjacency } from '../../../domain/graphAlgorithms.js';
import type { Mapping } from '../../../domain/schemas/mapping.js';

/** Mappings touching each of the given requirement ids (ids with none may be left out). */
export type FetchAdjacency = (ids: string[]) => Promise<Map<string, Mapping[]>>;

/**
 * Fetches exactly the adjacency a synchronous graph algorithm (neighbourhoodVia, pathsVia) looks at, one query per
 * level: run the algorithm, note the requirements it asked about that are not fetched yet, fetch all of them in one
 * query, and run again until it asks for nothing new. Each round reaches one level further, so a breadth-first
 * search to depth d takes d + 1 queries. Running the algorithm once more on the returned adjacency gives exactly
 * the answer it gives over the whole graph, because it never looks past what it asked for.
 */
export async function adjacencyNeededBy(run: (adjacent: Adjacency) => unknown, fetch: FetchAdjacency): Promise<Adjacency> {
  const known = new Map<string, Mapping[]>();
  for (;;) {
    const missing = new Set<string>();
    run((id) => {
      const list = known.get(id);
      if (list) return list;
      missing.add(id);
      return [];
    });
    if (!missing.size) return (id) => known.get(id) ?? [];
    const fetched = await fetch([...missing]);
    for (const id of missing) known.set(id, fetched.get(id) ?? []);
  }
}

/** Groups `{id, mapping}` rows into per-requirement lists, each mapping once per requirement. */
export function groupAdjacency(rows: Array<{ id: string; mapping: Mapping }>): Map<string, Mapping[]> {
  const byId = new Map<string, Map<string, Mapping>>();
  for (const { id, mapping } of rows) {
    let list = byId.get(id);
    if (!list) byId.set(id, (list = new Map()));
    list.set(mapping.id, mapping);
  }
  return new Map([...byId].map(([id, list]) => [id, [...list.values()]]));
}
