import type { Relationship, Support } from './types.js';

const INVERSE: Record<Relationship, Relationship> = {
  equal_to: 'equal_to',
  equivalent_to: 'equivalent_to',
  subset_of: 'superset_of',
  superset_of: 'subset_of',
  intersects_with: 'intersects_with',
  no_relationship: 'no_relationship',
};

/** Reading a stored edge A → B from B's side. */
export const inverseRelationship = (relationship: Relationship): Relationship => INVERSE[relationship];

/**
 * What evidence for A does for B through "A <relationship> B": equal, equivalent and superset carry it in full,
 * subset and intersects only in part, no-relationship not at all.
 */
export function stepSupport(relationship: Relationship): Support {
  switch (relationship) {
    case 'equal_to':
    case 'equivalent_to':
    case 'superset_of':
      return 'full';
    case 'subset_of':
    case 'intersects_with':
      return 'partial';
    default:
      return 'none';
  }
}

const RANK: Record<Support, number> = { none: 0, partial: 1, full: 2 };

/** Over a path the weakest link wins. */
export const weakestSupport = (a: Support, b: Support): Support => (RANK[a] <= RANK[b] ? a : b);
export const supportRank = (s: Support) => RANK[s];
