import { describe, expect, it } from 'vitest';
import { ndcgAt, precisionAt, rankingMetrics, recallAt, reciprocalRank } from '../../server/suggest/metrics.js';

// Hand-computed values. Q1 finds gold b at rank 2 and e at rank 5 and misses z; Q2 finds its only gold first;
// Q3 finds nothing; Q4 has no gold target and is not counted.
const q1 = { ranking: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'], relevant: new Set(['b', 'e', 'z']) };
const q2 = { ranking: ['x', 'y'], relevant: new Set(['x']) };
const q3 = { ranking: ['p', 'q'], relevant: new Set(['r']) };
const q4 = { ranking: ['p'], relevant: new Set<string>() };

describe('ranking metrics', () => {
  it('per query', () => {
    expect([1, 5, 10].map((k) => recallAt(q1, k))).toEqual([0, 2 / 3, 2 / 3]);
    expect([1, 5, 10].map((k) => precisionAt(q1, k))).toEqual([0, 0.4, 0.2]);
    expect(reciprocalRank(q1)).toBe(0.5);
    // DCG = 1/log2(3) + 1/log2(6) = 1.0177826; ideal for 3 gold = 1 + 1/log2(3) + 1/2 = 2.1309298; ratio 0.4776237.
    expect(ndcgAt(q1, 10)).toBeCloseTo(0.4776237, 6);
    expect(ndcgAt(q2, 10)).toBe(1);
    expect([reciprocalRank(q3), ndcgAt(q3, 10), recallAt(q3, 10)]).toEqual([0, 0, 0]);
    // precision@k divides by k even when fewer candidates were returned.
    expect(precisionAt(q2, 10)).toBe(0.1);
  });

  it('averaged over source requirements with at least one gold target', () => {
    const m = rankingMetrics([q1, q2, q3, q4]);
    expect(m.pairs).toBe(5);
    expect(m.sources).toBe(3);
    expect(m.recallAt['1']).toBeCloseTo(1 / 3, 10);
    expect(m.recallAt['5']).toBeCloseTo((2 / 3 + 1 + 0) / 3, 10);
    expect(m.recallAt['10']).toBeCloseTo((2 / 3 + 1 + 0) / 3, 10);
    expect(m.precisionAt['1']).toBeCloseTo(1 / 3, 10);
    expect(m.precisionAt['5']).toBeCloseTo((0.4 + 0.2) / 3, 10);
    expect(m.precisionAt['10']).toBeCloseTo((0.2 + 0.1) / 3, 10);
    expect(m.mrr).toBeCloseTo(0.5, 10);
    expect(m.ndcg10).toBeCloseTo((0.4776237 + 1) / 3, 6);
  });

  it('an empty set of queries scores zero rather than NaN', () => {
    expect(rankingMetrics([])).toMatchObject({ pairs: 0, sources: 0, mrr: 0, ndcg10: 0, recallAt: { '10': 0 } });
  });
});
