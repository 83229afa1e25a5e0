import type { Framework } from './framework.js';
import type { HarmonizedClause } from './harmonizedClause.js';
import type { Mapping, NoCounterpart } from './mapping.js';
import type { Requirement } from './requirement.js';

/** Everything the content files describe, validated and with ids resolved. */
export interface ContentBundle {
  frameworks: Framework[];
  requirements: Requirement[];
  mappings: Mapping[];
  noCounterparts: NoCounterpart[];
  harmonizedClauses: HarmonizedClause[];
}

export const emptyBundle = (): ContentBundle => ({
  frameworks: [], requirements: [], mappings: [], noCounterparts: [], harmonizedClauses: [],
});
