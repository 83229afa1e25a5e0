import { describe, expect, it } from 'vitest';
import { plainBm25Metrics } from '../../server/suggest/baseline.js';
import { evaluate } from '../../server/suggest/evaluate.js';
import { smallCorpus } from './fixtures.js';

const gold = (pairs: Array<[string, string]>) => pairs.map(([sourceId, targetId], i) => ({ sourceId, targetId, line: i + 1 }));

describe('plain BM25 baseline', () => {
  it('finds what shares words and misses what only a concept or the graph links', () => {
    const corpus = smallCorpus();
    // "Internal audit" shares words with beta:C; onboarding shares none with "Workforce readiness".
    expect(plainBm25Metrics(corpus, gold([['alpha-1:3', 'beta-1:C']])).recallAt['1']).toBe(1);
    expect(plainBm25Metrics(corpus, gold([['alpha-1:4', 'beta-1:E']])).recallAt['10']).toBe(0);
  });

  it('scores every source of every framework pair in the gold, like evaluate does', async () => {
    const corpus = smallCorpus();
    const pairs = gold([['alpha-1:3', 'beta-1:C'], ['alpha-1:4', 'beta-1:E'], ['alpha-1:4', 'gamma-1:X']]);
    const baseline = plainBm25Metrics(corpus, pairs);
    expect(baseline).toMatchObject({ pairs: 3, sources: 3 });
    // The offline method finds the graph-only pair that plain BM25 cannot.
    const offline = await evaluate({ corpus, gold: pairs.slice(0, 2), method: 'lexical', blind: true });
    expect(offline.recallAt['10']).toBe(1);
    expect(plainBm25Metrics(corpus, pairs.slice(0, 2)).recallAt['10']).toBe(0.5);
  });
});
