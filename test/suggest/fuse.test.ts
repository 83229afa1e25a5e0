import { describe, expect, it } from 'vitest';
import { normalizeByMax, reciprocalRankFusion } from '../../server/suggest/fuse.js';

describe('reciprocal rank fusion', () => {
  it('sums 1/(k + rank) over the lists; ties in id order', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['b', 'a', 'd']], { k: 60 });
    expect(fused.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 63, 12);
    expect(fused[3]!.score).toBeCloseTo(1 / 63, 12);
  });

  it('weights a list', () => {
    const fused = reciprocalRankFusion([['a', 'b'], ['b', 'a']], { k: 1, weights: [1, 3] });
    // b: 1/3 + 3/2; a: 1/2 + 3/3.
    expect(fused.map((f) => [f.id, f.score])).toEqual([['b', 1 / 3 + 3 / 2], ['a', 1 / 2 + 1]]);
  });

  it('normalizes scores by the best one', () => {
    expect(normalizeByMax([{ id: 'a', score: 4 }, { id: 'b', score: 1 }])).toEqual(new Map([['a', 1], ['b', 0.25]]));
    expect(normalizeByMax([{ id: 'a', score: 0 }])).toEqual(new Map([['a', 0]]));
  });
});
