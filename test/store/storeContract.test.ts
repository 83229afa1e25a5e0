import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '../../server/domain/errors.js';
import { adjacencyOf, compareMappingsInDocumentOrder, coverageMatrixOf, neighbourhoodVia, pathsVia } from '../../server/domain/graphAlgorithms.js';
import { EXACT_MATCH_SCORE } from '../../server/domain/graph.js';
import type { ContentBundle } from '../../server/domain/schemas/content.js';
import { supportsEvidence, type GraphStore } from '../../server/store/types.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';
import { createTestStores } from './testStores.js';

const stores = createTestStores();
afterAll(() => stores.closeAll());

const byId = (bundle: ContentBundle) => (ids: string[]) => ids.flatMap((id) => bundle.requirements.find((r) => r.id === id) ?? []);

describe.each(stores.eachSupportedId())('GraphStore contract: %s', (id) => {
  let store: GraphStore;
  let bundle: ContentBundle;
  beforeEach(async () => {
    store = await stores.init(id);
    bundle = smallBundle();
    await store.loadContent(bundle);
  });
  afterEach(() => store.close());

  describe('loadContent', () => {
    it('reports what it added, and a second identical load changes nothing', async () => {
      const fresh = await stores.init(id);
      const first = await fresh.loadContent(smallBundle());
      expect(first.changed).toBe(true);
      expect(first.requirements).toEqual({ added: 10, updated: 0, removed: 0 });
      expect(first.mappings).toEqual({ added: 6, updated: 0, removed: 0 });
      const second = await fresh.loadContent(smallBundle());
      expect(second.changed).toBe(false);
      expect(second.fingerprint).toBe(first.fingerprint);
      expect(await fresh.contentFingerprint()).toBe(first.fingerprint);
    });

    it('applies changes, removals and additions, counting each', async () => {
      const next = smallBundle();
      next.requirements.find((r) => r.id === 'fw-a:2')!.title = 'Risk assessment (revised)';
      next.mappings = next.mappings.filter((m) => m.target !== 'fw-b:B-3');
      next.requirements = next.requirements.filter((r) => r.id !== 'fw-b:B-3');
      next.mappings.push(edge('fw-a:1', 'fw-c:MAP 1.1', 'intersects-with'));
      const summary = await store.loadContent(next);
      expect(summary.requirements).toEqual({ added: 0, updated: 1, removed: 1 });
      expect(summary.mappings).toEqual({ added: 1, updated: 0, removed: 1 });
      expect((await store.getRequirements(['fw-a:2']))[0]!.title).toBe('Risk assessment (revised)');
      expect(await store.getRequirements(['fw-b:B-3'])).toEqual([]);
    });

    it('stores the further sources of a mapping, updates them on reload, and keeps them through a review', async () => {
      const next = smallBundle();
      const further = [
        { relationship: 'subset-of' as const, strength: 6, note: 'Second reading.', provenance: { source: 'Second crosswalk', url: 'https://example.org/2', author: 'B', created: '2026-02-01' } },
        { relationship: 'intersects-with' as const, provenance: { source: 'Third crosswalk', author: 'C', created: '2026-02-02' } },
      ];
      const target = next.mappings[0]!;
      next.mappings[0] = { ...target, alsoStatedBy: further };
      const summary = await store.loadContent(next);
      expect(summary.mappings).toEqual({ added: 0, updated: 1, removed: 0 });
      expect((await store.getMapping(target.id))!.alsoStatedBy).toEqual(further);
      expect((await store.getMapping(next.mappings[1]!.id))!.alsoStatedBy).toBeUndefined();
      // Disputed: a further source states another relationship than the mapping (whichever the mapping now has).
      const disputes = further.some((f) => f.relationship !== target.relationship);
      expect((await store.findMappings({ disputed: true })).map((m) => m.id)).toEqual(disputes ? [target.id] : []);
      expect(await store.countMappings({ disputed: true, statuses: [target.status] })).toBe(disputes ? 1 : 0);
      expect(await store.countMappings({ disputed: false })).toBe(next.mappings.length);
      const reviewed = await store.reviewMapping({ mappingId: target.id, status: 'approved', reviewer: 'ana', at: '2026-02-03T10:00:00Z' });
      expect(reviewed.alsoStatedBy).toEqual(further);
      next.mappings[0] = { ...target, alsoStatedBy: [further[1]!] };
      expect((await store.loadContent(next)).mappings.updated).toBe(1);
      expect((await store.getMapping(target.id))!.alsoStatedBy).toEqual([further[1]]);
      // A review that adopts the further source's reading settles the dispute.
      await store.reviewMapping({ mappingId: target.id, status: 'approved', reviewer: 'ana', at: '2026-02-04T10:00:00Z', edits: { relationship: further[1]!.relationship } });
      expect(await store.findMappings({ disputed: true })).toEqual([]);
    });

    it('keeps people\'s mappings and re-applies their reviews when content is reloaded', async () => {
      await store.saveMapping(edge('fw-a:2', 'fw-c:GOVERN 1.1', 'intersects-with', { origin: 'user', status: 'proposed' }));
      await store.reviewMapping({ mappingId: 'fw-a:1.1 -> fw-b:B-1', status: 'rejected', reviewer: 'ana', at: '2026-02-03T10:00:00Z', note: 'too broad', edits: { strength: 6 } });
      const next = smallBundle();
      next.requirements.find((r) => r.id === 'fw-a:1.1')!.summary = 'Changed summary.';
      const summary = await store.loadContent(next);
      expect(summary.reviewsKept).toBe(1);
      const reviewed = await store.getMapping('fw-a:1.1 -> fw-b:B-1');
      expect(reviewed).toMatchObject({ status: 'rejected', strength: 6, reviewNote: 'too broad', provenance: { reviewer: 'ana', reviewed: '2026-02-03' } });
      expect(await store.getMapping('fw-a:2 -> fw-c:GOVERN 1.1')).toMatchObject({ origin: 'user', status: 'proposed' });
      // Reloading the same files again changes nothing, reviews included.
      expect((await store.loadContent(next)).changed).toBe(false);
    });

    it('keeps a requirement that a person\'s mapping still points at, even when the files drop it', async () => {
      await store.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'intersects-with', { origin: 'user' }));
      const next = smallBundle();
      next.requirements = next.requirements.filter((r) => r.id !== 'fw-a:3');
      next.noCounterparts = [];
      const summary = await store.loadContent(next);
      expect(await store.getRequirements(['fw-a:3'])).toHaveLength(1);
      expect(await store.getMapping('fw-a:3 -> fw-c:MAP 1.1')).toBeDefined();
      // Said, not silent: the summary names what stayed and why nothing was removed.
      expect(summary.requirementsKept).toEqual(['fw-a:3']);
      expect(summary.requirements.removed).toBe(0);
      expect(summary.proposalsDropped).toBe(0);
    });

    it('drops the suggester\'s unreviewed proposals with a requirement the files drop; a reviewed one keeps it', async () => {
      const suggestion = { origin: 'suggestion' as const, method: 'automation' as const, status: 'proposed' as const };
      await store.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'intersects-with', suggestion));
      await store.saveMapping(edge('fw-b:B-2', 'fw-a:3', 'intersects-with', suggestion));
      await store.saveMapping(edge('fw-a:2', 'fw-c:GOVERN 1.1', 'intersects-with', suggestion));
      await store.saveMapping(edge('fw-a:2', 'fw-c:MAP 1.1', 'intersects-with', suggestion));
      await store.reviewMapping({ mappingId: 'fw-a:2 -> fw-c:MAP 1.1', status: 'rejected', reviewer: 'ana', at: '2026-02-03T10:00:00Z', note: 'Not the same topic.' });
      const next = smallBundle();
      next.requirements = next.requirements.filter((r) => r.id !== 'fw-a:3' && r.id !== 'fw-a:2');
      next.mappings = next.mappings.filter((m) => ![m.source, m.target].some((end) => end === 'fw-a:3' || end === 'fw-a:2'));
      next.noCounterparts = [];
      const summary = await store.loadContent(next);
      // fw-a:3 had only unreviewed proposals: they go, and it goes. fw-a:2 has a rejected one, a person's decision.
      expect(summary.proposalsDropped).toBe(3);
      expect(summary.requirementsKept).toEqual(['fw-a:2']);
      expect(await store.getRequirements(['fw-a:3', 'fw-a:2'])).toHaveLength(1);
      expect((await store.findMappings({ origins: ['suggestion'] })).map((m) => [m.id, m.status])).toEqual([['fw-a:2 -> fw-c:MAP 1.1', 'rejected']]);
      expect(summary.changed).toBe(true);
    });

    it('is atomic: a bundle that cannot be stored leaves the previous content untouched', async () => {
      const before = await store.findMappings({});
      const broken = smallBundle();
      broken.requirements[1]!.title = 'Changed before the failure';
      broken.mappings.push(edge('fw-a:1', 'fw-b:DOES-NOT-EXIST', 'intersects-with'));
      await expect(store.loadContent(broken)).rejects.toThrow();
      expect(await store.findMappings({})).toEqual(before);
      expect((await store.getRequirements(['fw-a:1.1']))[0]!.title).toBe('Policy');
    });
  });

  describe('reads', () => {
    it('lists frameworks with their requirement counts', async () => {
      const frameworks = await store.listFrameworks();
      expect(frameworks.map((f) => [f.id, f.requirementCount])).toEqual([['fw-a', 5], ['fw-b', 3], ['fw-c', 2]]);
      expect(frameworks[2]).toMatchObject({ url: 'https://example.org/c', edition: '3', shortName: 'FW C' });
      expect(frameworks[1]).not.toHaveProperty('url');
      expect(frameworks[1]).not.toHaveProperty('shortName');
    });

    it('returns requirements in the order asked and leaves unknown ids out', async () => {
      const found = await store.getRequirements(['fw-b:B-2', 'nope:1', 'fw-a:1']);
      expect(found.map((r) => r.id)).toEqual(['fw-b:B-2', 'fw-a:1']);
      expect(found[1]).toEqual(bundle.requirements[0]);
    });

    it('lists requirements by framework, parent and kind', async () => {
      expect((await store.listRequirements({ frameworkId: 'fw-a', parentId: null })).map((r) => r.ref)).toEqual(['1', '2', '3']);
      expect((await store.listRequirements({ parentId: 'fw-a:1' })).map((r) => r.ref)).toEqual(['1.1']);
      expect((await store.listRequirements({ frameworkId: 'fw-a', kinds: ['control'] })).map((r) => r.ref)).toEqual(['1.1', '1.1.1']);
      expect((await store.listRequirements({ frameworkId: 'fw-a', limit: 2, offset: 1 })).map((r) => r.ref)).toEqual(['1.1', '1.1.1']);
    });

    it('gives a requirement with its ancestors (root first), children and mappings read from its side', async () => {
      const detail = (await store.requirementDetail('fw-a:1.1'))!;
      expect(detail.ancestors.map((r) => r.id)).toEqual(['fw-a:1']);
      expect(detail.children.map((r) => r.id)).toEqual(['fw-a:1.1.1']);
      expect(detail.mappings.map((v) => [v.otherId, v.direction, v.relationship])).toEqual([
        ['fw-b:B-1', 'outgoing', 'equal-to'],
        ['fw-c:GOVERN 1.1', 'incoming', 'subset-of'],
      ]);
      expect((await store.requirementDetail('fw-a:1.1.1'))!.ancestors.map((r) => r.id)).toEqual(['fw-a:1', 'fw-a:1.1']);
      expect(await store.requirementDetail('fw-a:nope')).toBeUndefined();
      const approvedOnly = await store.requirementDetail('fw-b:B-2', { statuses: ['approved'] });
      expect(approvedOnly!.mappings.map((v) => v.otherId)).toEqual(['fw-a:2']);
    });

    it('filters mappings by framework pair (either direction), relationship, status, method, origin and provenance', async () => {
      const ids = async (filter: Parameters<GraphStore['findMappings']>[0]) => (await store.findMappings(filter)).map((m) => m.id);
      expect(await ids({ frameworks: ['fw-b', 'fw-a'] })).toEqual(['fw-a:1.1 -> fw-b:B-1', 'fw-a:1.1.1 -> fw-b:B-3', 'fw-a:2 -> fw-b:B-2']);
      expect(await ids({ relationships: ['intersects-with'] })).toEqual(['fw-b:B-1 -> fw-c:GOVERN 1.1', 'fw-b:B-2 -> fw-c:MAP 1.1']);
      expect(await ids({ statuses: ['proposed'], methods: ['automation'], origins: ['import'] })).toEqual(['fw-b:B-2 -> fw-c:MAP 1.1']);
      expect(await ids({ requirementId: 'fw-c:GOVERN 1.1' })).toEqual(['fw-b:B-1 -> fw-c:GOVERN 1.1', 'fw-c:GOVERN 1.1 -> fw-a:1.1']);
      expect(await ids({ provenanceSource: 'Somewhere else' })).toEqual([]);
      expect(await ids({ frameworkId: 'fw-c', limit: 1, offset: 1 })).toEqual(['fw-b:B-2 -> fw-c:MAP 1.1']);
      const orderOf = (id: string) => bundle.requirements.find((r) => r.id === id)!.order;
      expect(await store.findMappings({ requirementId: 'fw-a:1.1' })).toEqual(bundle.mappings.filter((m) => m.source === 'fw-a:1.1' || m.target === 'fw-a:1.1').sort(compareMappingsInDocumentOrder(orderOf)));
      expect(await store.findMappings({})).toEqual([...bundle.mappings].sort(compareMappingsInDocumentOrder(orderOf)));
    });

    it('lists mappings in document order (A.2 before A.10), not in the text order of their ids', async () => {
      const next = smallBundle();
      next.requirements.push(
        { id: 'fw-a:A.2', frameworkId: 'fw-a', ref: 'A.2', kind: 'control', title: 'Second', order: 5, tags: [] },
        { id: 'fw-a:A.10', frameworkId: 'fw-a', ref: 'A.10', kind: 'control', title: 'Tenth', order: 6, tags: [] },
      );
      next.mappings.push(edge('fw-a:A.10', 'fw-b:B-1', 'intersects-with'), edge('fw-a:A.2', 'fw-b:B-3', 'intersects-with'), edge('fw-a:A.2', 'fw-b:B-1', 'intersects-with'));
      await store.loadContent(next);
      const page = (offset: number) => store.findMappings({ frameworks: ['fw-a', 'fw-b'], limit: 2, offset });
      expect([...(await page(0)), ...(await page(2)), ...(await page(4))].map((m) => m.id)).toEqual([
        'fw-a:1.1 -> fw-b:B-1', 'fw-a:1.1.1 -> fw-b:B-3', 'fw-a:2 -> fw-b:B-2', 'fw-a:A.2 -> fw-b:B-1', 'fw-a:A.2 -> fw-b:B-3', 'fw-a:A.10 -> fw-b:B-1',
      ]);
    });

    it('counts the mappings a filter finds, whatever page is asked for', async () => {
      const filters: Array<Parameters<GraphStore['countMappings']>[0]> = [
        {}, { frameworks: ['fw-b', 'fw-a'] }, { relationships: ['intersects-with'] }, { statuses: ['proposed'] }, { statuses: ['proposed'], methods: ['automation'], origins: ['import'] },
        { requirementId: 'fw-c:GOVERN 1.1' }, { requirementId: 'fw-c:GOVERN 1.1', statuses: ['rejected'] }, { frameworkId: 'fw-c' }, { provenanceSource: 'Somewhere else' },
      ];
      for (const filter of filters) expect(await store.countMappings(filter), JSON.stringify(filter)).toBe((await store.findMappings({ ...filter, limit: 100_000 })).length);
      expect(await store.countMappings({})).toBe(bundle.mappings.length);
      expect(await store.countMappings({ frameworkId: 'fw-c' })).toBe(3);
      expect(await store.countMappings({ provenanceSource: 'Somewhere else' })).toBe(0);
      // Per framework in one call: the same as counting each, and 0 for a framework without mappings or unknown.
      const byFramework = await store.countMappingsByFramework(['fw-a', 'fw-b', 'fw-c', 'fw-none']);
      for (const id of ['fw-a', 'fw-b', 'fw-c']) expect(byFramework.get(id), id).toBe(await store.countMappings({ frameworkId: id }));
      expect(byFramework.get('fw-none') ?? 0).toBe(0);
      expect(await store.countMappingsByFramework([])).toEqual(new Map());
    });

    it('lists no-counterpart records and harmonized clauses', async () => {
      expect(await store.listNoCounterparts({ frameworkId: 'fw-a' })).toEqual(bundle.noCounterparts);
      expect(await store.listNoCounterparts({ otherFrameworkId: 'fw-c' })).toEqual([]);
      expect(await store.listHarmonizedClauses()).toEqual(bundle.harmonizedClauses);
    });
  });

  describe('graph queries agree with the reference algorithms', () => {
    const filters = [{}, { statuses: ['approved' as const] }, { relationships: ['equal-to' as const, 'superset-of' as const, 'subset-of' as const] }];

    it.each(filters)('neighbourhood to depth 1–3 with filter %j', async (filter) => {
      for (const depth of [1, 2, 3]) {
        for (const start of ['fw-a:1.1', 'fw-b:B-2', 'fw-a:3']) {
          const expected = neighbourhoodVia(adjacencyOf(bundle.mappings, filter), byId(bundle), { id: start, depth, ...filter });
          expect(await store.neighbourhood({ id: start, depth, ...filter })).toEqual(expected);
        }
      }
    });

    it('neighbourhood says when it stopped at maxNodes', async () => {
      const result = await store.neighbourhood({ id: 'fw-a:1.1', depth: 3, maxNodes: 2 });
      expect(result.truncated).toBe(true);
      expect(result.nodes).toHaveLength(2);
    });

    it.each(filters)('all simple paths up to a length with filter %j', async (filter) => {
      for (const [from, to] of [['fw-a:1.1', 'fw-c:GOVERN 1.1'], ['fw-a:2', 'fw-c:MAP 1.1'], ['fw-a:1.1', 'fw-a:3']]) {
        for (const maxLength of [1, 2, 3, 4]) {
          const expected = pathsVia(adjacencyOf(bundle.mappings, filter), { from: from!, to: to!, maxLength });
          expect(await store.paths({ from: from!, to: to!, maxLength, ...filter })).toEqual(expected);
        }
      }
      const twoWays = await store.paths({ from: 'fw-a:1.1', to: 'fw-c:GOVERN 1.1', maxLength: 2 });
      expect(twoWays.map((p) => p.map((s) => s.relationship))).toEqual([['subset-of'], ['equal-to', 'intersects-with']]);
    });

    it.each(filters)('coverage matrix with filter %j', async (filter) => {
      expect(await store.coverageMatrix(filter)).toEqual(coverageMatrixOf(bundle, filter));
    });

    it('coverage matrix leaves withdrawn requirements and their mappings out', async () => {
      const next = smallBundle();
      next.requirements.find((r) => r.id === 'fw-b:B-2')!.tags = ['withdrawn'];
      await store.loadContent(next);
      for (const filter of [{}, { statuses: ['approved' as const] }]) {
        const cells = await store.coverageMatrix(filter);
        expect(cells).toEqual(coverageMatrixOf(next, filter));
        expect(cells.find((c) => c.source === 'fw-b' && c.target === 'fw-a')?.total).toBe(next.requirements.filter((r) => r.frameworkId === 'fw-b').length - 1);
      }
      const all = await store.coverageMatrix({});
      expect(all.find((c) => c.source === 'fw-a' && c.target === 'fw-b')?.byRelationship['subset-of']).toBeUndefined();
      expect(all.find((c) => c.source === 'fw-c' && c.target === 'fw-b')?.covered).toBe(1);
    });

    it('coverage matrix follows writes', async () => {
      const before = await store.coverageMatrix({ statuses: ['approved'] });
      await store.reviewMapping({ mappingId: 'fw-b:B-2 -> fw-c:MAP 1.1', status: 'approved', reviewer: 'ana', at: '2026-02-03T10:00:00Z' });
      const after = await store.coverageMatrix({ statuses: ['approved'] });
      expect(after).not.toEqual(before);
      expect(after.find((c) => c.source === 'fw-c' && c.target === 'fw-b')).toMatchObject({ covered: 2, total: 2 });
      await store.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'superset-of', { origin: 'user' }));
      const everything = { requirements: bundle.requirements, mappings: await store.findMappings({}) };
      for (const filter of [{ statuses: ['approved' as const] }, {}]) expect(await store.coverageMatrix(filter)).toEqual(coverageMatrixOf(everything, filter));
    });
  });

  describe('search', () => {
    it('ranks an exact ref first, then text matches', async () => {
      const hits = await store.search({ text: 'GOVERN 1.1' });
      expect(hits[0]!.requirement.id).toBe('fw-c:GOVERN 1.1');
      for (const text of ['govern 1.1', ' Govern 1.1 ', 'fw-c:GOVERN 1.1']) {
        const exact = (await store.search({ text })).filter((h) => h.score === EXACT_MATCH_SCORE).map((h) => h.requirement.id);
        expect({ text, exact }).toEqual({ text, exact: ['fw-c:GOVERN 1.1'] });
      }
      expect((await store.search({ text: 'govern 1.1', frameworkId: 'fw-a' })).filter((h) => h.score === EXACT_MATCH_SCORE)).toEqual([]);
      const policy = await store.search({ text: 'policy' });
      expect(policy.map((h) => h.requirement.id)).toEqual(expect.arrayContaining(['fw-a:1.1', 'fw-a:1.1.1', 'fw-b:B-1']));
      expect(policy.map((h) => h.requirement.id)).not.toContain('fw-a:2');
    });

    it('matches words in summaries, by prefix, within one framework', async () => {
      expect((await store.search({ text: 'regulat', frameworkId: 'fw-c' })).map((h) => h.requirement.id)).toEqual(['fw-c:GOVERN 1.1']);
      expect(await store.search({ text: 'policy', frameworkId: 'fw-c' })).toEqual([]);
    });

    it('finds a requirement by an alias its catalog records, ignoring case, and by nothing else in its tags', async () => {
      const tagged = { ...bundle, requirements: bundle.requirements.map((r) => (r.id === 'fw-c:GOVERN 1.1' ? { ...r, tags: ['alias:GV-1.1', 'alias:1.1', 'role:provider'] } : r)) };
      await store.loadContent(tagged);
      for (const text of ['GV-1.1', 'gv-1.1']) expect((await store.search({ text }))[0]?.requirement.id).toBe('fw-c:GOVERN 1.1');
      expect((await store.search({ text: 'GV-1.1', frameworkId: 'fw-a' })).map((h) => h.requirement.id)).not.toContain('fw-c:GOVERN 1.1');
      // A requirement whose id or ref is the text comes first, and alone: an alias never outranks a ref.
      expect((await store.search({ text: '1.1' })).filter((h) => h.score === 1000).map((h) => h.requirement.id)).toEqual(['fw-a:1.1']);
      // Only a whole alias is an exact hit: not a part of it, nor another tag's value.
      for (const text of ['GV-1', 'provider', 'alias:GV-1.1', 'GV_1.1', 'GV%']) expect((await store.search({ text }))[0]?.score ?? 0).toBeLessThan(1000);
    });

    it('treats query syntax typed by a user as plain words', async () => {
      for (const text of ['"', 'policy" OR *', 'NEAR(a b)', 'title:policy', '(((', 'a AND', '\\', '']) {
        await expect(store.search({ text })).resolves.toBeInstanceOf(Array);
      }
    });
  });

  describe('writes', () => {
    it('saves a person\'s mapping and refuses reference origin, unknown ends, self-loops and inverse duplicates', async () => {
      const mine = edge('fw-a:2', 'fw-c:GOVERN 1.1', 'intersects-with', { origin: 'user', status: 'proposed' });
      expect(await store.saveMapping(mine)).toEqual(mine);
      await expect(store.saveMapping({ ...mine, origin: 'reference' })).rejects.toBeInstanceOf(InputError);
      await expect(store.saveMapping(edge('fw-a:2', 'fw-c:NOPE', 'intersects-with', { origin: 'user' }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.saveMapping(edge('fw-a:2', 'fw-a:2', 'equal-to', { origin: 'user' }))).rejects.toBeInstanceOf(InputError);
      await expect(store.saveMapping(edge('fw-b:B-1', 'fw-a:1.1', 'equal-to', { origin: 'user' }))).rejects.toBeInstanceOf(ConflictError);
      await expect(store.saveMapping(edge('fw-a:1.1', 'fw-b:B-1', 'equal-to', { origin: 'user' }))).rejects.toBeInstanceOf(ConflictError);
    });

    it('records every review in order and applies the latest', async () => {
      const id = 'fw-b:B-2 -> fw-c:MAP 1.1';
      await store.reviewMapping({ mappingId: id, status: 'rejected', reviewer: 'ana', at: '2026-02-01T09:00:00Z', note: 'homonym' });
      const accepted = await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'bo', at: '2026-02-02T09:00:00Z', edits: { relationship: 'subset-of', rationale: 'functional' } });
      expect(accepted).toMatchObject({ status: 'approved', relationship: 'subset-of', rationale: 'functional', provenance: { reviewer: 'bo', reviewed: '2026-02-02' } });
      expect((await store.reviewHistory(id)).map((r) => [r.reviewer, r.status])).toEqual([['ana', 'rejected'], ['bo', 'approved']]);
      await expect(store.reviewMapping({ mappingId: 'x -> y', status: 'approved', reviewer: 'ana', at: '2026-02-01T09:00:00Z' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps with each review what its corrections replaced, and a bundle\'s recorded history as it came', async () => {
      const id = 'fw-b:B-2 -> fw-c:MAP 1.1';
      const before = (await store.getMapping(id))!;
      await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'bo', at: '2026-02-02T09:00:00Z', edits: { relationship: 'subset-of', strength: before.strength, note: 'Checked.' } });
      await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'cy', at: '2026-02-03T09:00:00Z', edits: { strength: 3 } });
      // A decision from an exported history carries what it replaced then; the store keeps that, not today's values.
      await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'di', at: '2025-01-01T09:00:00Z', edits: { strength: 3 }, replaced: { strength: 9 } });
      const history = await store.reviewHistory(id);
      expect(history.map((r) => [r.reviewer, r.edits, r.replaced])).toEqual([
        // The strength was edited to the value it had: it replaced nothing.
        ['bo', { relationship: 'subset-of', strength: before.strength, note: 'Checked.' }, { relationship: before.relationship, note: before.note ?? '' }],
        ['cy', { strength: 3 }, { strength: before.strength }],
        ['di', { strength: 3 }, { strength: 9 }],
      ]);
      expect(before.relationship).not.toBe('subset-of');
      expect(before.strength).not.toBe(3);
    });
  });

  describe('revision', () => {
    it('moves on every write and stays put on reads', async () => {
      const start = await store.revision();
      await store.findMappings({});
      await store.coverageMatrix({});
      await store.requirementDetail('fw-a:1');
      expect(await store.revision()).toBe(start);
      await store.saveMapping(edge('fw-a:2', 'fw-c:GOVERN 1.1', 'intersects-with', { origin: 'user', status: 'proposed' }));
      const afterSave = await store.revision();
      expect(afterSave).not.toBe(start);
      await store.reviewMapping({ mappingId: 'fw-a:2 -> fw-c:GOVERN 1.1', status: 'approved', reviewer: 'ana', at: '2026-02-01T09:00:00Z' });
      const afterReview = await store.revision();
      expect(afterReview).not.toBe(afterSave);
      if (supportsEvidence(store)) {
        await store.saveEvidence({ id: 'policy', title: 'AI policy', type: 'policy', owner: 'CISO', locationUri: 'https://intranet.example/ai-policy', collected: '2026-01-10', scope: [], description: '' });
        expect(await store.revision()).not.toBe(afterReview);
      }
    });

    it('moves when another connection writes, and cached answers then show that write', async () => {
      const [mine, theirs] = await stores.initShared(id);
      await mine.loadContent(smallBundle());
      const intersections = async (s: GraphStore) => (await s.coverageMatrix({})).find((c) => c.source === 'fw-a' && c.target === 'fw-c')?.byRelationship['intersects-with'] ?? 0;
      const before = await intersections(mine);
      const revision = await mine.revision();
      await theirs.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'intersects-with', { origin: 'user' }));
      expect(await mine.revision()).not.toBe(revision);
      expect(await intersections(mine)).toBe(before + 1);
    });
  });
});
