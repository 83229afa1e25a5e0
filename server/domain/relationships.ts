import type { Relationship } from './schemas/mapping.js';

const INVERSE: Record<Relationship, Relationship> = {
  'equal-to': 'equal-to',
  'equivalent-to': 'equivalent-to',
  'subset-of': 'superset-of',
  'superset-of': 'subset-of',
  'intersects-with': 'intersects-with',
  'no-relationship': 'no-relationship',
};

/** Reading B → A of a stored edge A → B. */
export const inverseRelationship = (relationship: Relationship): Relationship => INVERSE[relationship];

const EQUIVALENT: ReadonlySet<Relationship> = new Set(['equal-to', 'equivalent-to']);
export const isEquivalence = (relationship: Relationship) => EQUIVALENT.has(relationship);

/**
 * What A → B and B → C say about A → C, read as sets of requirement content (NIST IR 8477): an equivalence passes the
 * other step through, two subsets (or two supersets) chain, and anything else is undetermined (undefined), since, for
 * example, A ⊂ B ⊃ C allows A and C to be anything from disjoint to equal.
 */
export function composeStrictly(first: Relationship, second: Relationship): Relationship | undefined {
  if (first === 'no-relationship' || second === 'no-relationship') return undefined;
  if (EQUIVALENT.has(first) && EQUIVALENT.has(second)) return first === 'equal-to' && second === 'equal-to' ? 'equal-to' : 'equivalent-to';
  if (EQUIVALENT.has(first)) return second;
  if (EQUIVALENT.has(second)) return first;
  if (first === second && (first === 'subset-of' || first === 'superset-of')) return first;
  return undefined;
}

const CONTAINMENT: ReadonlySet<Relationship> = new Set(['subset-of', 'superset-of']);

/**
 * How two readings of the same pair clash, if they do:
 * - `opposite`: one containment against the other, or "no relationship" against an equivalence or a containment;
 *   one of the readings is wrong;
 * - `strictness`: an equivalence against a proper containment; often two conventions rather than an error (pairing
 *   harmonized-structure clauses of standards with different subjects as equivalent, say).
 * Intersects-with clashes with nothing: curators use it for any partial overlap.
 */
export const CONTRADICTION_KINDS = ['opposite', 'strictness'] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

export function contradictionBetween(a: Relationship, b: Relationship): ContradictionKind | undefined {
  if (a === b) return undefined;
  if (CONTAINMENT.has(a) && CONTAINMENT.has(b)) return 'opposite';
  if (a === 'no-relationship' || b === 'no-relationship') {
    const other = a === 'no-relationship' ? b : a;
    return EQUIVALENT.has(other) || CONTAINMENT.has(other) ? 'opposite' : undefined;
  }
  if ((EQUIVALENT.has(a) && CONTAINMENT.has(b)) || (CONTAINMENT.has(a) && EQUIVALENT.has(b))) return 'strictness';
  return undefined;
}
