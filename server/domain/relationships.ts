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
