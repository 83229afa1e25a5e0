import type { Problem } from '../domain/errors.js';
import { canonicalJson } from '../domain/fingerprint.js';
import { inverseRelationship } from '../domain/relationships.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import type { Location } from '../domain/validation/rules.js';
import type { Restatement } from './readContentFile.js';

const pairKey = (source: string, target: string) => `${source}\u0000${target}`;

/**
 * Attaches further sources of a pair ("alsoStated" entries) to the mapping that holds the pair, in either direction,
 * with the relationship turned round when the mapping runs the other way. The mapping is replaced by a new object:
 * parsed files are cached and shared, so none of them is changed. A statement whose pair no mapping holds (its first
 * source was removed) is reported once per file, not loaded; the same source stated twice for one pair is kept once.
 */
export function attachRestatements(bundle: ContentBundle, restatements: readonly Restatement[], locations: Map<object, Location>): Problem[] {
  const index = new Map(bundle.mappings.map((m, i) => [pairKey(m.source, m.target), i]));
  const unheld = new Map<string, Restatement[]>();
  for (const restatement of restatements) {
    const forward = index.get(pairKey(restatement.source, restatement.target));
    const at = forward ?? index.get(pairKey(restatement.target, restatement.source));
    if (at === undefined) {
      unheld.set(restatement.at.file, [...(unheld.get(restatement.at.file) ?? []), restatement]);
      continue;
    }
    const mapping = bundle.mappings[at]!;
    const statement = forward === undefined ? { ...restatement.statement, relationship: inverseRelationship(restatement.statement.relationship) } : restatement.statement;
    const others = mapping.alsoStatedBy ?? [];
    if (others.some((s) => canonicalJson(s) === canonicalJson(statement))) continue;
    const attached = { ...mapping, alsoStatedBy: [...others, statement] };
    bundle.mappings[at] = attached;
    const where = locations.get(mapping);
    if (where) locations.set(attached, where);
  }
  // One warning per file: a removed first crosswalk leaves every pair of the second one without its mapping.
  return [...unheld.values()].map((list) => {
    const examples = list.slice(0, 3).map((r) => `${r.source} → ${r.target}`).join('; ');
    return {
      ...list[0]!.at,
      message: `${list.length} further source(s) of a mapping name a pair that no mapping holds, so they were not loaded (${examples}${list.length > 3 ? `; and ${list.length - 3} more` : ''}); import the crosswalk again to bring these pairs in as mappings`,
      severity: 'warning' as const,
    };
  });
}
