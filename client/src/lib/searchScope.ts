import { scopedSearchQuery, SEARCH, type RequirementRef } from '../api/queries.js';

/**
 * People name a requirement the way standards are cited: "42001 A.6.2.4", "ISO/IEC 27001:2022 A.5.1", "27701 A.1.2.2".
 * The service's search matches ids, refs and words, and "42001" is none of these (the id is "iso42001-2023:A.6.2.4"),
 * so such a query found nothing. A leading standard number (with its edition, if given) is read here as a framework
 * filter, and the rest of the text is searched in each framework it names.
 */
export interface SearchScope {
  /** The text left once the standard is taken off. */
  text: string;
  frameworkIds: string[];
}

const CITED = /^(?:iso(?:\/iec)?\s+)?(?:iso)?(\d{4,5})(?:[:-](\d{4}))?\s+(.+)$/i;
const STANDARD_ID = /^iso(\d{4,5})-(\d{4})$/;
/** At most this many frameworks are searched for one query (ISO/IEC 27701 has two editions). */
const MAX_FRAMEWORKS = 4;

export function searchScope(text: string, frameworks: ReadonlyArray<{ id: string }>): SearchScope | null {
  const m = CITED.exec(text.trim());
  if (!m) return null;
  const [, number, edition, rest] = m;
  const frameworkIds = frameworks
    .filter((f) => {
      const id = STANDARD_ID.exec(f.id);
      return id !== null && id[1] === number && (!edition || id[2] === edition);
    })
    .map((f) => f.id)
    .slice(0, MAX_FRAMEWORKS);
  return frameworkIds.length && rest!.trim() ? { text: rest!.trim(), frameworkIds } : null;
}

type Hit = { score: number; requirement: RequirementRef };

/**
 * The GraphQL request for a search, and how to read its answer: scoped to the frameworks the text names when it
 * names any (and no framework was chosen), the plain search otherwise.
 */
export function searchRequest(text: string, { frameworkId = null, limit, frameworks = [] }: { frameworkId?: string | null; limit: number; frameworks?: ReadonlyArray<{ id: string }> }) {
  const scope = frameworkId ? null : searchScope(text, frameworks);
  if (!scope) return { query: SEARCH, variables: { text, frameworkId, limit } as Record<string, unknown>, scope, hits: (data: Record<string, Hit[]>) => data.search ?? [] };
  const variables: Record<string, unknown> = { text: scope.text, limit };
  scope.frameworkIds.forEach((id, i) => (variables[`f${i}`] = id));
  return {
    query: scopedSearchQuery(scope.frameworkIds.length),
    variables,
    scope,
    hits: (data: Record<string, Hit[]>) =>
      scope.frameworkIds
        .flatMap((_, i) => data[`s${i}`] ?? [])
        .sort((a, b) => b.score - a.score)
        .slice(0, limit),
  };
}
