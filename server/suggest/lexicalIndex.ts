import MiniSearch from 'minisearch';
import { conceptsOf } from './concepts.js';
import type { RequirementText } from './requirementText.js';
import { terms } from './text.js';

export interface LexicalHit {
  id: string;
  score: number;
  /** Query terms (stems or "~concept") found in the candidate. */
  matched: string[];
}

export interface LexicalIndex {
  /** Candidates for `source`, best first (at most `k`). */
  search(source: RequirementText, k: number): LexicalHit[];
}

/**
 * How much each field of a candidate counts (BM25 per field, then weighted). `linked` is the text of the
 * requirements a candidate is already mapped to in other frameworks: document expansion through the graph.
 */
export const FIELD_BOOSTS = { title: 2, summary: 1, parentTitle: 0.4, concepts: 0.8, ref: 0.3, linked: 0.3 } as const;
/**
 * Classic BM25 (k1 1.5, b 0.75) rather than minisearch's default BM25+ (d 0.5): the lower bound BM25+ adds
 * for long fields favours long requirements over short, precise ones.
 */
export const BM25 = { k: 1.5, b: 0.75, d: 0 };
/** How much each part of the source counts as a query term. */
export const QUERY_WEIGHTS = { title: 1, summary: 0.7, parentTitle: 0.25, concepts: 0.6, ref: 0.5, linked: 0.15 } as const;

type Field = keyof typeof FIELD_BOOSTS;

/** The ref as one search term, so only identical numbers meet ("4.1" and "4.1"); a weak hint, never decisive. */
const refTerm = (ref: string) => `#${ref.toLowerCase()}`;

function fieldsOf(r: RequirementText, linked: readonly string[] = []): Record<Field, string[]> {
  return {
    // Each linked word once: a requirement mapped to many others must not drown the rest in repetition.
    linked: [...new Set(linked)],
    title: terms(r.title),
    summary: terms(r.summary),
    parentTitle: terms(r.parentTitle),
    concepts: conceptsOf(`${r.title}. ${r.summary}`),
    ref: [refTerm(r.ref)],
  };
}

/** Query terms of a source requirement with their weights (a term in several parts keeps its largest weight). */
export function queryTermsOf(source: RequirementText, linked: readonly string[] = []): Map<string, number> {
  const weights = new Map<string, number>();
  const fields = fieldsOf(source, linked);
  for (const field of Object.keys(QUERY_WEIGHTS) as Field[]) {
    for (const term of fields[field]) weights.set(term, Math.max(weights.get(term) ?? 0, QUERY_WEIGHTS[field]));
  }
  return weights;
}

/**
 * BM25 (minisearch) over ref, title, summary, the parent's title and the concepts of the domain vocabulary,
 * with stemming and stop words. Field boosts and query-term weights are general (the same for every pair).
 */
export function createLexicalIndex(targets: RequirementText[], { linkedTerms = () => [] }: { linkedTerms?: (id: string) => readonly string[] } = {}): LexicalIndex {
  const search = new MiniSearch<{ id: string } & Record<Field, string>>({
    fields: Object.keys(FIELD_BOOSTS),
    idField: 'id',
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term || null,
  });
  search.addAll(
    targets.map((r) => {
      const fields = fieldsOf(r, linkedTerms(r.id));
      return { id: r.id, title: fields.title.join(' '), summary: fields.summary.join(' '), parentTitle: fields.parentTitle.join(' '), concepts: fields.concepts.join(' '), ref: fields.ref.join(' '), linked: fields.linked.join(' ') };
    }),
  );
  return {
    search(source, k) {
      const weights = queryTermsOf(source, linkedTerms(source.id));
      if (!weights.size) return [];
      return search
        .search([...weights.keys()].join(' '), { boost: { ...FIELD_BOOSTS }, boostTerm: (term) => weights.get(term) ?? 1, combineWith: 'OR', bm25: BM25 })
        .slice(0, k)
        .map((hit) => ({ id: hit.id as string, score: hit.score, matched: hit.terms }));
    },
  };
}

/**
 * The baseline the benchmark compares against: minisearch's own BM25 with its default tokenizer, no stemming,
 * no stop words, no vocabulary and no field weights, queried with the source's title and summary.
 */
export function createPlainBm25Index(targets: RequirementText[]): LexicalIndex {
  const search = new MiniSearch({ fields: ['ref', 'title', 'summary', 'parentTitle'], idField: 'id' });
  search.addAll(targets.map(({ id, ref, title, summary, parentTitle }) => ({ id, ref, title, summary, parentTitle })));
  return {
    search(source, k) {
      return search
        .search(`${source.title} ${source.summary}`)
        .slice(0, k)
        .map((hit) => ({ id: hit.id as string, score: hit.score, matched: hit.terms }));
    },
  };
}
