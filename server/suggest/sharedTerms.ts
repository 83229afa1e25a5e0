import { conceptsOf } from './concepts.js';
import type { RequirementText } from './requirementText.js';
import { isStopWord, stem, words } from './text.js';

const MAX_SHARED = 12;

/** Stems of a requirement's own words (title and summary), each with the first word that produced it. */
function stemsOf(text: RequirementText): Map<string, string> {
  const found = new Map<string, string>();
  for (const word of words(`${text.title} ${text.summary}`)) {
    if (isStopWord(word) || word.length < 2) continue;
    const s = stem(word);
    if (!found.has(s)) found.set(s, word);
  }
  return found;
}

/**
 * The evidence a reviewer reads first: words both requirements use (as the source writes them), then the
 * vocabulary concepts both mention ("~supplier"), at most a dozen.
 */
export function sharedTerms(source: RequirementText, target: RequirementText): string[] {
  const targetStems = stemsOf(target);
  const words = [...stemsOf(source)].filter(([s]) => targetStems.has(s)).map(([, word]) => word);
  const targetConcepts = new Set(conceptsOf(`${target.title}. ${target.summary}`));
  const concepts = conceptsOf(`${source.title}. ${source.summary}`).filter((c) => targetConcepts.has(c));
  return [...words, ...concepts].slice(0, MAX_SHARED);
}
