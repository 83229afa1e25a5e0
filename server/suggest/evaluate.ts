import { frameworkOf } from '../domain/ids.js';
import { isEquivalence } from '../domain/relationships.js';
import type { Relationship } from '../domain/schemas/mapping.js';
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

/**
 * How often the proposed relationship is the gold one, over the gold pairs that have one and that the method ranked
 * (among its first RANKING_DEPTH candidates). Equal-to and equivalent-to count as the same reading.
 */
export interface RelationshipAgreement {
  compared: number;
  agreeing: number;
  share: number;
  /** The yardstick: the share a constant guess of the most common gold relationship would get on the same pairs. */
  majority: { relationship: Relationship; share: number };
}

export interface PairReport extends RankingMetrics {
  from: string;
  to: string;
  relationships?: RelationshipAgreement;
}

export interface EvalReport extends RankingMetrics {
  method: SuggestMethod;
  blind: boolean;
  model?: string;
  reranker?: string;
  relationships?: RelationshipAgreement;
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
  const goldRelationship = new Map(gold.flatMap((g) => (g.relationship ? [[`${g.sourceId}\u0000${g.targetId}`, g.relationship] as const] : [])));
  const tally = (): Tally => ({ compared: 0, agreeing: 0, gold: new Map() });
  const overall = tally();
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
    // Every gold source is a query, in the run's order; one the run did not rank (a withdrawn requirement) found
    // nothing, as a withdrawn gold target is never found: leaving it out would drop its gold pairs from the score.
    const ranked = new Map(run.sources.map((s) => [s.sourceId, s.candidates.map((c) => c.targetId)]));
    const sourceIds = [...run.sources.map((s) => s.sourceId), ...[...sources.keys()].filter((id) => !ranked.has(id)).sort()];
    const queries: RankedQuery[] = sourceIds.map((id) => ({ ranking: ranked.get(id) ?? [], relevant: sources.get(id)! }));
    const pairTally = tally();
    for (const s of run.sources)
      for (const c of s.candidates) {
        const expected = goldRelationship.get(`${s.sourceId}\u0000${c.targetId}`);
        if (!expected) continue;
        const agrees = sameReading(expected, c.relationship);
        const reading = isEquivalence(expected) ? 'equivalent-to' : expected;
        for (const t of [pairTally, overall]) {
          t.compared++;
          if (agrees) t.agreeing++;
          t.gold.set(reading, (t.gold.get(reading) ?? 0) + 1);
        }
      }
    sourceIds.forEach((sourceId, i) => {
      const ranking = queries[i]!.ranking;
      for (const target of [...sources.get(sourceId)!].sort()) {
        const index = ranking.indexOf(target);
        if (index < 0 || index >= MISS_CUTOFF) misses.push({ source: sourceId, target, rank: index < 0 ? null : index + 1 });
      }
    });
    all.push(...queries);
    pairs.push({ from, to, ...rankingMetrics(queries), ...agreement(pairTally) });
  }
  return { method, blind, ...(modelId ? { model: modelId } : {}), ...(reranker ? { reranker: reranker.modelId } : {}), ...rankingMetrics(all), ...agreement(overall), byPair: pairs, misses };
}

interface Tally {
  compared: number;
  agreeing: number;
  /** Gold relationships of the compared pairs, equal-to counted as equivalent-to. */
  gold: Map<Relationship, number>;
}

const sameReading = (a: Relationship, b: Relationship) => a === b || (isEquivalence(a) && isEquivalence(b));
function agreement({ compared, agreeing, gold }: Tally): { relationships?: RelationshipAgreement } {
  if (!compared) return {};
  const [relationship, count] = [...gold].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  return { relationships: { compared, agreeing, share: agreeing / compared, majority: { relationship, share: count / compared } } };
}
