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

/** Each node's own tags and its parent (-1 for none); ancestors are walked through `parentOf`. */
export interface TaggedTree {
  tagsOf: (node: number) => readonly string[];
  parentOf: (node: number) => number;
}

/** The tags of name `name` in force for a node: its own, else those of its nearest ancestor that has some. */
export function tagsInForce(tree: TaggedTree, node: number, name: string): string[] {
  const seen = new Set<number>();
  for (let n = node; n >= 0 && !seen.has(n); n = tree.parentOf(n)) {
    seen.add(n);
    const own = tree.tagsOf(n).filter((t) => nameOf(t) === name);
    if (own.length) return own;
  }
  return [];
}

/** Whether a node is within a scope: for each tag name the scope uses, one of the scope's tags of that name is in force. */
export function inTagScope(tree: TaggedTree, node: number, scope: readonly string[]): boolean {
  const byName = new Map<string, string[]>();
  for (const tag of scope) byName.set(nameOf(tag), [...(byName.get(nameOf(tag)) ?? []), tag]);
  return [...byName].every(([name, wanted]) => tagsInForce(tree, node, name).some((t) => wanted.includes(t)));
}

/** The date a requirement applies from, when its framework says (`applies:YYYY-MM-DD`, own or inherited). */
export function appliesFrom(tree: TaggedTree, node: number): string | undefined {
  return tagsInForce(tree, node, APPLIES_TAG.slice(0, -1))[0]?.slice(APPLIES_TAG.length);
}

/** Tags offered as scopes: "name:value" ones that say who or what a requirement is for, not its aliases or dates. */
export const isScopeTag = (tag: string) => tag.includes(':') && !tag.startsWith(ALIAS_TAG) && !tag.startsWith(APPLIES_TAG);

/** The scope tags a framework's requirements carry, sorted, each once. */
export const scopeTagsOf = (tags: Iterable<string>): string[] => [...new Set([...tags].filter(isScopeTag))].sort();

/**
 * The scope asked for, checked against the tags a framework's requirements carry: a tag none carries is a mistake
 * (a misspelt role would otherwise give an empty, reassuring report), named with the ones it does carry.
 */
export function checkedTagScope(scope: readonly string[], frameworkId: string, frameworkTags: Iterable<string>): string[] {
  const asked = [...new Set(scope.map((t) => t.trim()).filter(Boolean))];
  const carried = new Set(frameworkTags);
  const unknown = asked.filter((t) => !carried.has(t));
  if (unknown.length) {
    const offered = scopeTagsOf(carried);
    throw new InputError(
      `no requirement of ${frameworkId} is tagged ${unknown.map((t) => `"${t}"`).join(' or ')}` +
        (offered.length ? ` (its tags: ${offered.join(', ')})` : ' (its requirements carry no tags to scope by)'),
    );
  }
  return asked;
}
