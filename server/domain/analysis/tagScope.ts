import { InputError } from '../errors.js';
import { ALIAS_TAG } from '../schemas/requirement.js';

/**
 * Tags that narrow what a framework asks of whom ("role:deployer" in the EU AI Act) and when ("applies:2026-08-02").
 * A requirement's tags of one name are its own when it has any, else its nearest ancestor's: a paragraph tagged
 * role:provider inside an article tagged for providers and deployers is for providers only, and an untagged paragraph
 * is for whoever its article is for.
 */
export const APPLIES_TAG = 'applies:';

/** "role" of "role:deployer"; a tag without a value is its own name. */
const nameOf = (tag: string) => {
  const colon = tag.indexOf(':');
  return colon < 0 ? tag : tag.slice(0, colon);
};

/** Each node's own tags and its parent (undefined for none); ancestors are walked through `parentOf`. */
export interface TaggedTree<N = number> {
  tagsOf: (node: N) => readonly string[];
  parentOf: (node: N) => N | undefined;
}

/** The tags of name `name` in force for a node: its own, else those of its nearest ancestor that has some. */
export function tagsInForce<N>(tree: TaggedTree<N>, node: N, name: string): string[] {
  const seen = new Set<N>();
  for (let n: N | undefined = node; n !== undefined && !seen.has(n); n = tree.parentOf(n)) {
    seen.add(n);
    const own = tree.tagsOf(n).filter((t) => nameOf(t) === name);
    if (own.length) return own;
  }
  return [];
}

/** Whether a node is within a scope: for each tag name the scope uses, one of the scope's tags of that name is in force. */
export function inTagScope<N>(tree: TaggedTree<N>, node: N, scope: readonly string[]): boolean {
  const byName = new Map<string, string[]>();
  for (const tag of scope) byName.set(nameOf(tag), [...(byName.get(nameOf(tag)) ?? []), tag]);
  return [...byName].every(([name, wanted]) => tagsInForce(tree, node, name).some((t) => wanted.includes(t)));
}

/** The date a requirement applies from, when its framework says (`applies:YYYY-MM-DD`, own or inherited). */
export function appliesFrom<N>(tree: TaggedTree<N>, node: N): string | undefined {
  return tagsInForce(tree, node, APPLIES_TAG.slice(0, -1))[0]?.slice(APPLIES_TAG.length);
}

/**
 * Tags that name or point at a requirement rather than group requirements: aliases, the ids imports record
 * (OSCAL, CISO Assistant URNs) and where a withdrawn control's content went (CPRT).
 */
const POINTER_TAGS = [ALIAS_TAG, 'oscal-id:', 'ciso-urn:', 'incorporated-into:', 'moved-to:', 'addressed-by:'];

/** Tags that may scope an analysis: "name:value" ones that say who or what a requirement is for, not pointers or dates. */
export const isScopeTag = (tag: string) => tag.includes(':') && !tag.startsWith(APPLIES_TAG) && !POINTER_TAGS.some((prefix) => tag.startsWith(prefix));

/**
 * The scope tags a framework's requirements carry, sorted, each once: the EU AI Act's roles, CSF 2.0's
 * `party:first`/`party:third`. Only those two or more requirements share, since a tag only one carries names
 * rather than groups.
 */
export function scopeTagsOf(tags: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const tag of tags) if (isScopeTag(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 2).map(([tag]) => tag).sort();
}

/** The tags asked for, as they are matched: trimmed, without blanks or repeats. */
export const askedScope = (scope: readonly string[]): string[] => [...new Set(scope.map((t) => t.trim()).filter(Boolean))];

/**
 * The scope asked for, checked against the tags a framework's requirements carry: a tag none carries is a mistake
 * (a misspelt role would otherwise give an empty, reassuring report), named with the ones it does carry.
 */
export function checkedTagScope(scope: readonly string[], frameworkId: string, frameworkTags: Iterable<string>): string[] {
  const asked = askedScope(scope);
  const all = [...frameworkTags];
  const carried = new Set(all);
  const unknown = asked.filter((t) => !carried.has(t));
  if (unknown.length) {
    const offered = scopeTagsOf(all);
    throw new InputError(
      `no requirement of ${frameworkId} is tagged ${unknown.map((t) => `"${t}"`).join(' or ')}` +
        (offered.length ? ` (its tags: ${offered.join(', ')})` : ' (its requirements carry no tags to scope by)'),
    );
  }
  return asked;
}

/**
 * Whether a requirement of `frameworkId` (by id) is within `scope`, checked first against the tags the framework's
 * requirements carry (see checkedTagScope); everything is, when no scope is asked for.
 */
export function scopePredicate(
  requirements: ReadonlyArray<{ id: string; frameworkId: string; parentId?: string; tags: readonly string[] }>,
  frameworkId: string,
  scope: readonly string[] = [],
): (id: string) => boolean {
  if (!scope.length) return () => true;
  const own = requirements.filter((r) => r.frameworkId === frameworkId);
  const tags = checkedTagScope(scope, frameworkId, own.flatMap((r) => r.tags));
  const byId = new Map(own.map((r) => [r.id, r]));
  const tree: TaggedTree<string> = { tagsOf: (id) => byId.get(id)?.tags ?? [], parentOf: (id) => byId.get(id)?.parentId };
  return (id) => inTagScope(tree, id, tags);
}
