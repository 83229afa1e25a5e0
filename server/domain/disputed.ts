import { frameworkOf } from './ids.js';
import type { Mapping, SourceStatement } from './schemas/mapping.js';

export interface DisputedMapping {
  mapping: Mapping;
  /** The further sources that state another relationship than the mapping, read in the mapping's direction. */
  differing: SourceStatement[];
}

/**
 * Mappings that a further source states with another relationship: where published crosswalks disagree, for a person
 * to decide whether the mapping should change. With `between`, only mappings between those two frameworks.
 */
export function findDisputed(mappings: readonly Mapping[], between?: readonly [string, string]): DisputedMapping[] {
  const inPair = (m: Mapping) => {
    if (!between) return true;
    const ends = [frameworkOf(m.source), frameworkOf(m.target)];
    return ends.includes(between[0]) && ends.includes(between[1]) && between[0] !== between[1];
  };
  return mappings.flatMap((mapping) => {
    const differing = (mapping.alsoStatedBy ?? []).filter((s) => s.relationship !== mapping.relationship);
    return differing.length && inPair(mapping) ? [{ mapping, differing }] : [];
  });
}
