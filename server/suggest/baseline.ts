import { frameworkOf } from '../domain/ids.js';
import type { GoldPair } from './goldCsv.js';
import { createPlainBm25Index } from './lexicalIndex.js';
import { rankingMetrics, type RankingMetrics } from './metrics.js';
import { requirementTexts } from './requirementText.js';
import { RANKING_DEPTH } from './suggest.js';
import type { SuggestCorpus } from './types.js';

/**
 * The yardstick: plain BM25 (minisearch's defaults, no vocabulary, no graph) on the same gold pairs, so any gold
 * file shows what the offline method adds over word matching alone.
 */
export function plainBm25Metrics(corpus: SuggestCorpus, gold: readonly GoldPair[]): RankingMetrics {
  const texts = requirementTexts(corpus.requirements);
  const relevantBySource = new Map<string, Set<string>>();
  for (const { sourceId, targetId } of gold) {
    const key = `${sourceId}\u0000${frameworkOf(targetId)}`;
    relevantBySource.set(key, (relevantBySource.get(key) ?? new Set()).add(targetId));
  }
  const indexes = new Map<string, ReturnType<typeof createPlainBm25Index>>();
  const indexFor = (frameworkId: string) => {
    let index = indexes.get(frameworkId);
    if (!index) indexes.set(frameworkId, (index = createPlainBm25Index([...texts.values()].filter((t) => t.frameworkId === frameworkId))));
    return index;
  };
  return rankingMetrics(
    [...relevantBySource].map(([key, relevant]) => {
      const [sourceId, to] = key.split('\u0000') as [string, string];
      return { ranking: indexFor(to).search(texts.get(sourceId)!, RANKING_DEPTH).map((hit) => hit.id), relevant };
    }),
  );
}
