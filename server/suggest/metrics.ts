/**
 * Ranking metrics for mapping suggestions. Each source requirement with at least one gold target is one query;
 * `ranking` is the list of target ids the suggester returned for it (best first), `relevant` its gold targets.
 *
 * - recall@k: share of the source's gold targets found in its first k candidates; averaged over sources.
 * - precision@k: gold targets among the first k candidates, divided by k; averaged over sources.
 * - MRR: 1 / rank of the first gold target in the ranking (0 when none is ranked); averaged over sources.
 * - nDCG@10: binary gain, DCG = Σ rel_i / log2(i + 1) over ranks 1..10, divided by the DCG of an ideal
 *   ranking of the same number of gold targets (at most 10); averaged over sources.
 */

export const CUTOFFS = [1, 5, 10] as const;
export type Cutoff = (typeof CUTOFFS)[number];

export interface RankedQuery {
  ranking: readonly string[];
  relevant: ReadonlySet<string>;
}

export interface RankingMetrics {
  /** Gold pairs (source, target) counted. */
  pairs: number;
  /** Source requirements with at least one gold target. */
  sources: number;
  recallAt: Record<`${Cutoff}`, number>;
  precisionAt: Record<`${Cutoff}`, number>;
  mrr: number;
  ndcg10: number;
}

const hitsAt = ({ ranking, relevant }: RankedQuery, k: number) => ranking.slice(0, k).filter((id) => relevant.has(id)).length;

export const recallAt = (query: RankedQuery, k: number) => (query.relevant.size ? hitsAt(query, k) / query.relevant.size : 0);

export const precisionAt = (query: RankedQuery, k: number) => hitsAt(query, k) / k;

export function reciprocalRank({ ranking, relevant }: RankedQuery): number {
  const index = ranking.findIndex((id) => relevant.has(id));
  return index < 0 ? 0 : 1 / (index + 1);
}

export function ndcgAt({ ranking, relevant }: RankedQuery, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, k); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 0;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** Every metric averaged over the queries that have at least one relevant target. */
export function rankingMetrics(queries: RankedQuery[]): RankingMetrics {
  const counted = queries.filter((q) => q.relevant.size > 0);
  const per = (k: Cutoff, f: (q: RankedQuery, k: number) => number) => mean(counted.map((q) => f(q, k)));
  return {
    pairs: counted.reduce((n, q) => n + q.relevant.size, 0),
    sources: counted.length,
    recallAt: { '1': per(1, recallAt), '5': per(5, recallAt), '10': per(10, recallAt) },
    precisionAt: { '1': per(1, precisionAt), '5': per(5, precisionAt), '10': per(10, precisionAt) },
    mrr: mean(counted.map(reciprocalRank)),
    ndcg10: mean(counted.map((q) => ndcgAt(q, 10))),
  };
}
