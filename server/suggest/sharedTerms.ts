import { conceptPhrasesOf } from './concepts.js';
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
 * vocabulary concepts that join them in different words ("~supplier" for "vendor" and "third party"), at most a
 * dozen. A concept both reach through exactly the same phrases says nothing the shared words do not.
 */
export function sharedTerms(source: RequirementText, target: RequirementText): string[] {
  const targetStems = stemsOf(target);
  const words = [...stemsOf(source)].filter(([s]) => targetStems.has(s)).map(([, word]) => word);
  const targetConcepts = conceptPhrasesOf(`${target.title}. ${target.summary}`);
  const concepts = [...conceptPhrasesOf(`${source.title}. ${source.summary}`)]
    .filter(([concept, phrases]) => {
      const theirs = targetConcepts.get(concept);
      return theirs && (theirs.size !== phrases.size || [...phrases].some((p) => !theirs.has(p)));
    })
    .map(([concept]) => concept);
  return [...words, ...concepts].slice(0, MAX_SHARED);
}
