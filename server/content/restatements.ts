import type { Problem } from '../domain/errors.js';
import { inverseRelationship } from '../domain/relationships.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import type { Location } from '../domain/validation/rules.js';
import type { Restatement } from './readContentFile.js';

const pairKey = (source: string, target: string) => `${source}\u0000${target}`;

/**
 * Attaches further sources of a pair ("alsoStated" entries) to the mapping that holds the pair, in either direction,
 * with the relationship turned round when the mapping runs the other way. The mapping is replaced by a new object:
 * parsed files are cached and shared, so none of them is changed. A statement whose pair no mapping holds (its first
 * source was removed) is reported, not loaded; the same source stated twice for one pair is kept once.
 */
export function attachRestatements(bundle: ContentBundle, restatements: readonly Restatement[], locations: Map<object, Location>): Problem[] {
  const problems: Problem[] = [];
  const index = new Map(bundle.mappings.map((m, i) => [pairKey(m.source, m.target), i]));
  for (const restatement of restatements) {
    const forward = index.get(pairKey(restatement.source, restatement.target));
    const at = forward ?? index.get(pairKey(restatement.target, restatement.source));
    if (at === undefined) {
      problems.push({
        ...restatement.at,
        message: `${restatement.source} → ${restatement.target} is stated here as a further source of a mapping, but no mapping holds the pair, so it was not loaded; import the crosswalk again to bring the pair in as a mapping`,
        severity: 'warning',
      });
      continue;
    }
    const mapping = bundle.mappings[at]!;
    const statement = forward === undefined ? { ...restatement.statement, relationship: inverseRelationship(restatement.statement.relationship) } : restatement.statement;
    const others = mapping.alsoStatedBy ?? [];
    if (others.some((s) => JSON.stringify(s) === JSON.stringify(statement))) continue;
    const attached = { ...mapping, alsoStatedBy: [...others, statement] };
    bundle.mappings[at] = attached;
    const where = locations.get(mapping);
    if (where) locations.set(attached, where);
  }
  return problems;
}
