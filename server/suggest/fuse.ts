/**
 * Combining rankings. Pure functions over ids and scores, independent of where the rankings come from.
 */

export interface Scored {
  id: string;
  score: number;
}

/** The constant of reciprocal rank fusion: larger values flatten the advantage of the very first ranks. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list gives an item 1 / (k + rank), summed over the lists that rank it.
 * Ties are broken by id so the result is deterministic.
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly string[]>, { k = RRF_K, weights }: { k?: number; weights?: readonly number[] } = {}): Scored[] {
  const scores = new Map<string, number>();
  rankings.forEach((ranking, list) => {
    const weight = weights?.[list] ?? 1;
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1)));
  });
  return sortScored([...scores].map(([id, score]) => ({ id, score })));
}

/** Best first; equal scores in id order. */
export const sortScored = <T extends Scored>(items: T[]): T[] => items.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Scores divided by the best one, so that one source's scores compare with another's (best = 1). */
export function normalizeByMax(items: readonly Scored[]): Map<string, number> {
  const top = Math.max(0, ...items.map((i) => i.score));
  return new Map(items.map((i) => [i.id, top > 0 ? i.score / top : 0]));
}
