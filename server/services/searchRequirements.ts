import { EXACT_MATCH_SCORE, type SearchHit, type SearchQuery } from '../domain/graph.js';
import { requirementId } from '../domain/ids.js';
import type { Framework } from '../domain/schemas/framework.js';
import type { GraphStore } from '../store/types.js';
import type { AnalysisContent } from './analysis.js';

/** Text that may be a ref written another way ("Article 9(2)", "GOVERN.1.1", "A5.9"): short, with a number in it. */
const mayBeRef = (text: string) => text.length <= 60 && /\d/.test(text);

/**
 * How plainly a search names a framework ("ISO 42001 6.1.2" names ISO/IEC 42001:2023): its numbers of three digits or
 * more found in the framework's id, name or edition count twice, its words once.
 */
export function namingScore(text: string, framework: Pick<Framework, 'id' | 'name' | 'edition' | 'shortName'>): number {
  const named = `${framework.id} ${framework.name} ${framework.shortName ?? ''} ${framework.edition}`.toLowerCase();
  const namedWords = new Set(named.split(/[^a-z]+/));
  const lower = text.toLowerCase();
  const numbers = (lower.match(/\d{3,}/g) ?? []).filter((n) => named.includes(n)).length;
  const words = (lower.match(/[a-z]{2,}/g) ?? []).filter((w) => namedWords.has(w)).length;
  return 2 * numbers + words;
}

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
  // Where the search names a framework ("ISO 42001 6.1.2"), its requirement comes first.
  const frameworks = new Map((await store.listFrameworks()).map((f) => [f.id, f]));
  const respelled = (await store.getRequirements(ids))
    .map((requirement) => {
      const framework = frameworks.get(requirement.frameworkId);
      return { requirement, score: EXACT_MATCH_SCORE, named: framework ? namingScore(text, framework) : 0 };
    })
    .sort((a, b) => b.named - a.named)
    .map(({ requirement, score }) => ({ requirement, score }));
  const first = new Set(ids);
  return [...respelled, ...hits.filter((hit) => !first.has(hit.requirement.id))].slice(0, query.limit ?? 20);
}
