import { inTagScope, type TaggedTree } from '../../../server/domain/analysis/tagScope.js';
import type { FrameworkRequirement } from '../api/queries.js';

/** A framework's requirements as the tree its publisher numbered, for the framework page. */
export type TreeRequirement = FrameworkRequirement;

export interface FrameworkTree<R extends TreeRequirement = TreeRequirement> {
  roots: R[];
  childrenOf: Map<string, R[]>;
  parentOf: Map<string, string>;
}

const byOrder = (a: TreeRequirement, b: TreeRequirement) => a.order - b.order || a.ref.localeCompare(b.ref, 'en', { numeric: true });

/**
 * Children under their parents, each level in document order. A requirement whose parent is not in the list (an
 * imported catalog that names a parent it does not hold) is shown as a root rather than lost.
 */
export function buildFrameworkTree<R extends TreeRequirement>(requirements: readonly R[]): FrameworkTree<R> {
  const ids = new Set(requirements.map((r) => r.id));
  const roots: R[] = [];
  const childrenOf = new Map<string, R[]>();
  const parentOf = new Map<string, string>();
  for (const r of requirements) {
    if (r.parentId && ids.has(r.parentId) && r.parentId !== r.id) {
      parentOf.set(r.id, r.parentId);
      const siblings = childrenOf.get(r.parentId);
      if (siblings) siblings.push(r);
      else childrenOf.set(r.parentId, [r]);
    } else roots.push(r);
  }
  roots.sort(byOrder);
  for (const list of childrenOf.values()) list.sort(byOrder);
  return { roots, childrenOf, parentOf };
}

/** Lowercase words of a filter: every one must appear in a requirement's ref, title or summary. */
const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * What a filter shows: the requirements whose ref, title or summary has every word typed and that are within the scope
 * ticked (tags, own or inherited: see tagScope.ts), and their ancestors so each is seen in its place. Null for an
 * empty filter (show the tree as it is).
 */
export function filterFrameworkTree(tree: FrameworkTree, requirements: readonly TreeRequirement[], text: string, scope: readonly string[] = []): { matches: Set<string>; shown: Set<string> } | null {
  const wanted = words(text);
  if (!wanted.length && !scope.length) return null;
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const tagged: TaggedTree<string> = { tagsOf: (id) => byId.get(id)?.tags ?? [], parentOf: (id) => tree.parentOf.get(id) };
  const matches = new Set<string>();
  const shown = new Set<string>();
  for (const r of requirements) {
    const haystack = `${r.ref} ${r.title} ${r.summary ?? ''}`.toLowerCase();
    if (!wanted.every((w) => haystack.includes(w))) continue;
    if (scope.length && !inTagScope(tagged, r.id, scope)) continue;
    matches.add(r.id);
    // Ancestors, guarded against a cycle in a malformed import.
    for (let id: string | undefined = r.id; id && !shown.has(id); id = tree.parentOf.get(id)) shown.add(id);
  }
  return { matches, shown };
}

/** Every requirement that has children: what "expand all" opens. */
export const branchIds = (tree: FrameworkTree): string[] => [...tree.childrenOf.keys()];
