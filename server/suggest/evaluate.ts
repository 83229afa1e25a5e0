import { frameworkOf } from '../domain/ids.js';
import type { GoldPair } from './goldCsv.js';
import { rankingMetrics, type RankedQuery, type RankingMetrics } from './metrics.js';
import type { Reranker } from './reranker.js';
import { computeSuggestions, RANKING_DEPTH, type ModelContext } from './suggest.js';
import type { SuggestCorpus, SuggestMethod } from './types.js';

export interface EvalMiss {
  source: string;
  target: string;
  /** Where the gold target was ranked (1-based), or null when not among the first RANKING_DEPTH candidates. */
  rank: number | null;
}

export interface PairReport extends RankingMetrics {
  from: string;
  to: string;
}

export interface EvalReport extends RankingMetrics {
  method: SuggestMethod;
  blind: boolean;
  model?: string;
  reranker?: string;
  byPair: PairReport[];
  /** Gold pairs whose target is not in the first 10 candidates of its source. */
  misses: EvalMiss[];
}

export const MISS_CUTOFF = 10;

/**
 * Ranks candidates for every source requirement of the gold set (per framework pair, in the direction the gold
 * gives) and scores the rankings against the gold targets. With `blind`, every mapping between the two
 * frameworks is ignored while suggesting, so curated content cannot leak into the score.
 */
export async function evaluate({ corpus, gold, method, blind, model, reranker, learn = true }: { corpus: SuggestCorpus; gold: GoldPair[]; method: SuggestMethod; blind: boolean; model?: ModelContext; reranker?: Reranker; learn?: boolean }): Promise<EvalReport> {
  const byPair = new Map<string, Map<string, Set<string>>>();
  for (const { sourceId, targetId } of gold) {
    const key = `${frameworkOf(sourceId)}\u0000${frameworkOf(targetId)}`;
    let sources = byPair.get(key);
    if (!sources) byPair.set(key, (sources = new Map()));
    sources.set(sourceId, (sources.get(sourceId) ?? new Set()).add(targetId));
  }
  const all: RankedQuery[] = [];
  const pairs: PairReport[] = [];
  const misses: EvalMiss[] = [];
  let modelId: string | undefined;
  for (const [key, sources] of [...byPair].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split('\u0000') as [string, string];
    const run = await computeSuggestions(corpus, { from, to, method, top: RANKING_DEPTH, blind, learn, sourceIds: [...sources.keys()] }, { model, reranker });
    modelId ??= run.model;
    const queries: RankedQuery[] = run.sources.map((s) => ({ ranking: s.candidates.map((c) => c.targetId), relevant: sources.get(s.sourceId)! }));
    run.sources.forEach((s, i) => {
      const ranking = queries[i]!.ranking;
      for (const target of [...sources.get(s.sourceId)!].sort()) {
        const index = ranking.indexOf(target);
        if (index < 0 || index >= MISS_CUTOFF) misses.push({ source: s.sourceId, target, rank: index < 0 ? null : index + 1 });
      }
    });
    all.push(...queries);
    pairs.push({ from, to, ...rankingMetrics(queries) });
  }
  return { method, blind, ...(modelId ? { model: modelId } : {}), ...(reranker ? { reranker: reranker.modelId } : {}), ...rankingMetrics(all), byPair: pairs, misses };
}
