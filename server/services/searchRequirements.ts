import { EXACT_MATCH_SCORE, type SearchHit, type SearchQuery } from '../domain/graph.js';
import { requirementId } from '../domain/ids.js';
import type { GraphStore } from '../store/types.js';
import type { AnalysisContent } from './analysis.js';

/** Text that may be a ref written another way ("Article 9(2)", "GOVERN.1.1", "A5.9"): short, with a number in it. */
const mayBeRef = (text: string) => text.length <= 60 && /\d/.test(text);

/**
 * The store's search, and when nothing has the id or ref searched for exactly, the requirements whose ref it is however
 * it is spelt (other separators, zero padding, "Article" for "Art.", a document name around it): first, as exact hits.
 */
export async function searchRequirements(store: GraphStore, content: AnalysisContent, query: SearchQuery): Promise<SearchHit[]> {
  const hits = await store.search(query);
  const text = query.text.trim();
  if (hits.some((hit) => hit.score >= EXACT_MATCH_SCORE) || !mayBeRef(text) || !(await store.contentFingerprint())) return hits;
  const readers = await content.refReaders();
  const ids = [...readers].flatMap(([frameworkId, read]) => {
    if (query.frameworkId && frameworkId !== query.frameworkId) return [];
    const found = read(text);
    return found ? [requirementId(frameworkId, found.ref)] : [];
  });
  if (!ids.length) return hits;
  const respelled = (await store.getRequirements(ids)).map((requirement) => ({ requirement, score: EXACT_MATCH_SCORE }));
  const first = new Set(ids);
  return [...respelled, ...hits.filter((hit) => !first.has(hit.requirement.id))].slice(0, query.limit ?? 20);
}
