/**
 * Choosing among many frameworks. Crosswalk ships ten, but an analyst who imports a tool's whole library has a
 * hundred or more: lists get a filter, and the matrix starts from the frameworks that mappings connect.
 */

export interface NamedFramework {
  id: string;
  name: string;
}

/** From how many frameworks a picker offers a filter box. */
export const FILTER_FROM = 12;
/** How many unselected frameworks a picker lists before the filter narrows it. */
export const LISTED_UNFILTERED = 24;

/** Every word of the filter (any order, any case) is in the framework's name or id. */
export function matchesFilter(framework: NamedFramework, filter: string): boolean {
  const haystack = `${framework.name} ${framework.id}`.toLowerCase();
  return filter.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/**
 * What a picker lists: the selected frameworks always, then those matching the filter; without a filter at most
 * `limit` unselected ones, and how many more the filter would reach.
 */
export function pickerEntries<F extends NamedFramework>(list: F[], selected: readonly string[], filter: string, limit = LISTED_UNFILTERED): { shown: F[]; hidden: number } {
  const chosen = new Set(selected);
  const others = list.filter((f) => !chosen.has(f.id) && matchesFilter(f, filter));
  const listed = filter.trim() ? others : others.slice(0, limit);
  return { shown: list.filter((f) => chosen.has(f.id) || listed.includes(f)), hidden: others.length - listed.length };
}

/** Frameworks that mappings connect come first (the rest keep their order): those are what analyses work on. */
export function mappedFirst<F extends { mappingCount?: number }>(list: readonly F[]): F[] {
  return [...list.filter((f) => (f.mappingCount ?? 0) > 0), ...list.filter((f) => !((f.mappingCount ?? 0) > 0))];
}

/** Up to this many frameworks, the matrix shows them all; beyond, only those with mappings unless chosen. */
export const MATRIX_ALL_UP_TO = 12;

/**
 * The frameworks the matrix shows: the chosen ones; else all of a small set; else every framework that has a
 * mapping (in either direction) under the current counting; else the first few, so the matrix is never empty.
 */
export function matrixFrameworks(all: readonly string[], chosen: readonly string[], cells: ReadonlyArray<{ source: string; target: string; byRelationship: ReadonlyArray<{ count: number }> }>): string[] {
  const known = new Set(all);
  const picked = chosen.filter((id) => known.has(id));
  if (picked.length) return picked;
  if (all.length <= MATRIX_ALL_UP_TO) return [...all];
  const connected = new Set(cells.filter((c) => c.byRelationship.some((r) => r.count > 0)).flatMap((c) => [c.source, c.target]));
  const shown = all.filter((id) => connected.has(id));
  return shown.length >= 2 ? shown : all.slice(0, MATRIX_ALL_UP_TO);
}
