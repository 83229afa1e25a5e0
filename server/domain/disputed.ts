import type { Mapping, SourceStatement } from './schemas/mapping.js';

/**
 * The further sources that state another relationship than the mapping (read in the mapping's direction): where
 * published crosswalks disagree, for a person to decide whether the mapping should change. A mapping with any is
 * "disputed"; the stores filter on the same rule (`MappingFilter.disputed`).
 */
export const differingSources = (mapping: Mapping): SourceStatement[] => (mapping.alsoStatedBy ?? []).filter((s) => s.relationship !== mapping.relationship);
