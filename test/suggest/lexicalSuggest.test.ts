import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../server/domain/schemas/mapping.js';
import { explainCandidate } from '../../server/suggest/saveSuggestions.js';
import { conceptsOf } from '../../server/suggest/concepts.js';
import { evaluate } from '../../server/suggest/evaluate.js';
import { createGraphSignals, UNREVIEWED_WEIGHT } from '../../server/suggest/graphSignals.js';
import { createPlainBm25Index } from '../../server/suggest/lexicalIndex.js';
import { requirementTexts, type RequirementText } from '../../server/suggest/requirementText.js';
import { sharedTerms } from '../../server/suggest/sharedTerms.js';
import { computeSuggestions, knowledgeFor } from '../../server/suggest/suggest.js';
import { stem, terms } from '../../server/suggest/text.js';
import { approved, smallCorpus } from './fixtures.js';

const top = async (sourceId: string, corpus = smallCorpus(), { wordVectors }: { wordVectors?: false } = {}) => {
  const run = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 3, sourceIds: [sourceId], wordVectors });
  return run.sources[0]!.candidates;
};

describe('words and vocabulary', () => {
  it('stems inflections together', () => {
    expect(new Set(['manage', 'managed', 'managing', 'management'].map(stem)).size).toBe(1);
    expect(new Set(['policy', 'policies'].map(stem)).size).toBe(1);
    expect(new Set(['organization', 'organizational', 'organisation'].map(stem)).size).toBe(1);
    expect(terms('The risks of the suppliers')).toEqual(['risk', 'suppli']);
  });

  it('recognises the same concept in different words, phrases included', () => {
    expect(conceptsOf('Address risks from vendors and the supply chain')).toContain('~supplier');
    expect(conceptsOf('Manage supplier relationships')).toContain('~supplier');
    expect(conceptsOf('needs of interested parties')).toContain('~stakeholder');
    expect(conceptsOf('Keep documented information')).toContain('~documentation');
  });

  it('explains with a concept only where the two say it in different words', () => {
    const text = (title: string, summary = ''): RequirementText => ({ id: 'x', frameworkId: 'x', ref: 'x', kind: 'control', title, summary, parentTitle: '' });
    // Different words for one idea: the concept is the evidence.
    expect(sharedTerms(text('Vendor due diligence'), text('Third party agreements'))).toEqual(['~supplier']);
    // The same word on both sides: the word says it, the concept would only repeat it.
    expect(sharedTerms(text('Generative model risks'), text('Controls for generative systems'))).toEqual(['generative']);
    expect(sharedTerms(text('Share test information'), text('Test information'))).toEqual(['test', 'information']);
    // One side adds another phrase of the concept: the concept is what joins that phrase.
    expect(sharedTerms(text('Supplier contracts'), text('Supplier and vendor agreements'))).toEqual(['supplier', '~supplier']);
  });
});

describe('offline suggestions on a small fixture', () => {
  it('never proposes a withdrawn requirement, nor suggests for one', async () => {
    const [first] = await top('alpha-1:1');
    const corpus = smallCorpus();
    for (const r of corpus.requirements) if (r.id === first!.targetId) r.tags = [...r.tags, 'withdrawn'];
    expect((await top('alpha-1:1', corpus)).map((c) => c.targetId)).not.toContain(first!.targetId);
    for (const r of corpus.requirements) if (r.id === 'alpha-1:1') r.tags = [...r.tags, 'withdrawn'];
    const run = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 3 });
    expect(run.sources.map((s) => s.sourceId)).not.toContain('alpha-1:1');
  });

  it('finds a counterpart that uses other words for the same concept, where plain BM25 follows the shared word', async () => {
    const [first] = await top('alpha-1:1');
    expect(first!.targetId).toBe('beta-1:A');
    expect(first!.evidence.sharedTerms).toContain('~supplier');
    const texts = requirementTexts(smallCorpus().requirements);
    const plain = createPlainBm25Index([...texts.values()].filter((t) => t.frameworkId === 'beta-1')).search(texts.get('alpha-1:1')!, 3);
    expect(plain[0]!.id).toBe('beta-1:D');
  });

  it('ranks by stems and explains with the shared words', async () => {
    const [first] = await top('alpha-1:2');
    expect(first).toMatchObject({ targetId: 'beta-1:B', rank: 1 });
    expect(first!.evidence.sharedTerms).toEqual(expect.arrayContaining(['logging', 'record', 'activities']));
  });

  it('uses the graph: a path through a third framework finds what no word links', async () => {
    const [first] = await top('alpha-1:4');
    expect(first!.targetId).toBe('beta-1:E');
    expect(first!.evidence.graph[0]).toMatchObject({ kind: 'path', steps: [{ from: 'alpha-1:4', to: 'gamma-1:X', relationship: 'equivalent-to' }, { from: 'gamma-1:X', to: 'beta-1:E', relationship: 'subset-of' }] });
    expect(first!.relationship).toBe('subset-of');
    // Without the path, no word links it (the word vectors, which look at every target of a tiny corpus, aside).
    const noGraph = { ...smallCorpus(), mappings: [] };
    expect((await top('alpha-1:4', noGraph, { wordVectors: false })).map((c) => c.targetId)).not.toContain('beta-1:E');
  });

  it('a shared harmonized concept proposes intersects-with: the same process, for another management system', async () => {
    const [first] = await top('alpha-1:3');
    expect(first).toMatchObject({ targetId: 'beta-1:C', relationship: 'intersects-with' });
    expect(first!.evidence.graph[0]).toMatchObject({ kind: 'harmonized', conceptId: 'hs:internal-audit' });
    // Two editions of one standard (one family): the same clause, so equivalent-to.
    const editions = { ...smallCorpus(), frameworks: [{ id: 'alpha-1', family: 'std' }, { id: 'beta-1', family: 'std' }] };
    expect((await top('alpha-1:3', editions))[0]).toMatchObject({ targetId: 'beta-1:C', relationship: 'equivalent-to' });
    const otherFamilies = { ...smallCorpus(), frameworks: [{ id: 'alpha-1', family: 'std' }, { id: 'beta-1', family: 'other' }] };
    expect((await top('alpha-1:3', otherFamilies))[0]).toMatchObject({ targetId: 'beta-1:C', relationship: 'intersects-with' });
  });

  it('never uses a mapping between the two frameworks as graph evidence, and blind drops them from the knowledge', () => {
    const corpus = smallCorpus();
    corpus.mappings.push(approved('alpha-1:2', 'beta-1:D'));
    const graph = createGraphSignals({ mappings: knowledgeFor(corpus.mappings, { from: 'alpha-1', to: 'beta-1' }), harmonizedClauses: [] });
    expect([...graph.candidates('alpha-1:2', 'beta-1').keys()]).toEqual([]);
    expect(knowledgeFor(corpus.mappings, { from: 'alpha-1', to: 'beta-1', blind: true }).map((m) => m.id)).toEqual(['alpha-1:4 -> gamma-1:X', 'gamma-1:X -> beta-1:E']);
    expect(knowledgeFor(corpus.mappings, { from: 'beta-1', to: 'alpha-1', blind: true })).toHaveLength(2);
  });

  it('counts a human-made mapping nobody has reviewed yet at half weight, and never a machine proposal or a rejected mapping', async () => {
    const corpus = smallCorpus();
    const [toGamma, toBeta] = corpus.mappings as [Mapping, Mapping];
    const pathTo = (mappings: Mapping[]) => {
      const graph = createGraphSignals({ mappings: knowledgeFor(mappings, { from: 'alpha-1', to: 'beta-1' }), harmonizedClauses: [] });
      return graph.candidates('alpha-1:4', 'beta-1').get('beta-1:E')?.evidence[0];
    };
    const reviewed = pathTo([toGamma, toBeta]);
    const imported = pathTo([toGamma, { ...toBeta, status: 'proposed', origin: 'import' }]);
    expect(imported!.weight).toBeCloseTo(reviewed!.weight * UNREVIEWED_WEIGHT);
    expect(imported).toMatchObject({ steps: [{ reviewed: true }, { reviewed: false }] });
    expect(pathTo([toGamma, { ...toBeta, status: 'proposed', origin: 'suggestion', method: 'automation' }])).toBeUndefined();
    expect(pathTo([toGamma, { ...toBeta, status: 'proposed', origin: 'user', method: 'automation' }])).toBeUndefined();
    expect(pathTo([toGamma, { ...toBeta, status: 'rejected' }])).toBeUndefined();
    // The prior (how often a target is mapped elsewhere) counts it half too.
    const mappedElsewhere = (m: Mapping) => createGraphSignals({ mappings: [m], harmonizedClauses: [] }).mappedElsewhere('beta-1:E', 'alpha-1');
    expect([mappedElsewhere(toBeta), mappedElsewhere({ ...toBeta, status: 'proposed', origin: 'import' })]).toEqual([1, UNREVIEWED_WEIGHT]);

    // The saved explanation says which step is not reviewed yet.
    const [first] = await top('alpha-1:4', { ...corpus, mappings: [toGamma, { ...toBeta, status: 'proposed', origin: 'import' }] });
    expect(first!.targetId).toBe('beta-1:E');
    expect(explainCandidate(first!, { method: 'lexical' })).toContain('Graph: alpha-1:4 equivalent-to gamma-1:X, which is subset-of beta-1:E (not yet reviewed).');
  });

  it('leaves out excluded pairs and is deterministic', async () => {
    const corpus = smallCorpus();
    const a = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5 });
    const b = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5 });
    expect(a).toEqual(b);
    const excluded = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5, exclude: (s, t) => s === 'alpha-1:1' && t === 'beta-1:A' });
    expect(excluded.sources.find((s) => s.sourceId === 'alpha-1:1')!.candidates.map((c) => c.targetId)).not.toContain('beta-1:A');
  });

  it('evaluates against gold pairs', async () => {
    const gold = [
      { sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 1 },
      { sourceId: 'alpha-1:2', targetId: 'beta-1:B', line: 2 },
      { sourceId: 'alpha-1:3', targetId: 'beta-1:C', line: 3 },
      { sourceId: 'alpha-1:4', targetId: 'beta-1:E', line: 4 },
    ];
    const report = await evaluate({ corpus: smallCorpus(), gold, method: 'lexical', blind: true });
    expect(report).toMatchObject({ method: 'lexical', blind: true, pairs: 4, sources: 4, mrr: 1, recallAt: { '1': 1, '10': 1 }, misses: [] });
    const withMiss = await evaluate({ corpus: smallCorpus(), gold: [...gold, { sourceId: 'alpha-1:2', targetId: 'beta-1:C', line: 5 }], method: 'lexical', blind: true });
    expect(withMiss.recallAt['1']).toBeCloseTo((1 + 0.5 + 1 + 1) / 4, 10);
  });

  it('counts a gold source it cannot rank (withdrawn) as a query that found nothing, as it does a withdrawn gold target', async () => {
    const gold = [
      { sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 1 },
      { sourceId: 'alpha-1:4', targetId: 'beta-1:E', line: 2 },
      { sourceId: 'alpha-1:4', targetId: 'beta-1:D', line: 3 },
    ];
    const withdrawn = (id: string) => {
      const corpus = smallCorpus();
      corpus.requirements.find((r) => r.id === id)!.tags.push('withdrawn');
      return corpus;
    };
    // A withdrawn target is never ranked, so its gold pair is a miss.
    const target = await evaluate({ corpus: withdrawn('beta-1:E'), gold, method: 'lexical', blind: true });
    expect(target).toMatchObject({ pairs: 3, sources: 2 });
    expect(target.misses).toContainEqual({ source: 'alpha-1:4', target: 'beta-1:E', rank: null });
    // A withdrawn source is never ranked either: its gold pairs still count, as misses, rather than leaving the score.
    const source = await evaluate({ corpus: withdrawn('alpha-1:4'), gold, method: 'lexical', blind: true });
    expect(source).toMatchObject({ pairs: 3, sources: 2, mrr: 0.5, recallAt: { '10': 0.5 } });
    expect(source.byPair[0]).toMatchObject({ pairs: 3, sources: 2 });
    expect(source.misses).toEqual([
      { source: 'alpha-1:4', target: 'beta-1:D', rank: null },
      { source: 'alpha-1:4', target: 'beta-1:E', rank: null },
    ]);
  });
});

describe('learning from review decisions', () => {
  const corpus = () => {
    const c = smallCorpus();
    c.requirements.push({ id: 'alpha-1:5', frameworkId: 'alpha-1', ref: '5', kind: 'control', title: 'Supplier agreements', summary: 'Agree security requirements with each supplier in contracts.', order: 5, tags: [] });
    return c;
  };

  it('a requirement like one already mapped gets its target; a rejected one is pushed down; its own decisions never count', async () => {
    const c = corpus();
    c.mappings.push(approved('alpha-1:1', 'beta-1:D'), { ...approved('alpha-1:1', 'beta-1:A'), status: 'rejected' });
    const run = await computeSuggestions(c, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5, sourceIds: ['alpha-1:5', 'alpha-1:1'] });
    const learnedFor5 = run.sources.find((s) => s.sourceId === 'alpha-1:5')!.candidates;
    expect(learnedFor5[0]).toMatchObject({ targetId: 'beta-1:D', signals: { learned: expect.any(Number) }, evidence: { reviewed: [{ sourceId: 'alpha-1:1', approved: true }] } });
    expect(learnedFor5.find((x) => x.targetId === 'beta-1:A')?.signals.learned).toBeLessThan(0);
    // alpha-1:1's own decisions are not examples for itself.
    expect(run.sources.find((s) => s.sourceId === 'alpha-1:1')!.candidates.every((x) => x.signals.learned === undefined)).toBe(true);
    // Blind: nothing between the two frameworks is learned from.
    const blind = await computeSuggestions(c, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: 5, blind: true, sourceIds: ['alpha-1:5'] });
    expect(blind.sources[0]!.candidates.every((x) => x.signals.learned === undefined)).toBe(true);
  });
});
