import { afterEach, describe, expect, it } from 'vitest';
import type { EdgeFilter } from '../../server/domain/graph.js';
import { adjacencyOf, coverageMatrixOf, matchesFilter, neighbourhoodVia, pathsVia } from '../../server/domain/graphAlgorithms.js';
import type { ContentBundle } from '../../server/domain/schemas/content.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import type { GraphStore } from '../../server/store/types.js';
import { nativePathBound } from '../../server/store/neo4j/Neo4jStore.js';
import { adjacencyNeededBy, groupAdjacency } from '../../server/store/neo4j/operations/adjacencyNeededBy.js';
import { coverageCells, type CoverageRows } from '../../server/store/neo4j/operations/coverageCells.js';
import { planContentSync, planKind, type StoredContent } from '../../server/store/neo4j/operations/planContentSync.js';
import { escapeLucene, luceneQuery, searchWords } from '../../server/store/neo4j/operations/search.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';

/**
 * The parts of the Neo4j store that are plain TypeScript, tested without a server: the load planner (against the
 * SQLite store's own answers), the level-by-level adjacency fetch (against the reference algorithms), the coverage
 * assembly and the Lucene query builder.
 */

const FILTERS: EdgeFilter[] = [{}, { statuses: ['approved'] }, { relationships: ['equal-to', 'superset-of', 'subset-of'] }, { statuses: ['proposed', 'rejected'] }];

describe('planContentSync decides a load as the SQLite store does', () => {
  const opened: GraphStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const sqlite = () => {
    const store = openSqliteStore({ file: ':memory:' });
    opened.push(store);
    return store;
  };

  /** What the Neo4j store's readStoredContent would read, taken from the SQLite store through the GraphStore interface. */
  async function storedIn(store: GraphStore, lastLoaded: ContentBundle): Promise<StoredContent> {
    const all = await store.findMappings({});
    const latestReviews = new Map();
    for (const m of all) {
      const history = await store.reviewHistory(m.id);
      if (history.length) latestReviews.set(m.id, history.at(-1));
    }
    return {
      frameworks: (await store.listFrameworks()).map(({ requirementCount: _, ...framework }) => ({ framework, order: lastLoaded.frameworks.findIndex((f) => f.id === framework.id) })),
      requirements: await store.listRequirements({}),
      fileMappings: all.filter((m) => m.origin === 'reference' || m.origin === 'import'),
      otherMappingIds: new Set(all.filter((m) => m.origin === 'user' || m.origin === 'suggestion').map((m) => m.id)),
      fileNoCounterparts: (await store.listNoCounterparts({})).filter((n) => n.origin === 'reference' || n.origin === 'import'),
      harmonizedClauses: await store.listHarmonizedClauses(),
      latestReviews,
    };
  }

  /** Loads `next` into SQLite and checks the plan for the same step reports what SQLite reported. */
  async function expectSameDecisions(store: GraphStore, lastLoaded: ContentBundle, next: ContentBundle) {
    const plan = planContentSync(await storedIn(store, lastLoaded), next);
    const summary = await store.loadContent(next);
    expect(plan.problems).toEqual([]);
    for (const kind of ['frameworks', 'requirements', 'mappings', 'noCounterparts', 'harmonizedClauses'] as const) {
      expect({ kind, added: plan[kind].counts.added, updated: plan[kind].counts.updated }).toEqual({ kind, added: summary[kind].added, updated: summary[kind].updated });
    }
    // Vanished mappings, records and clauses are always removed; vanished requirements and frameworks only when unused.
    expect(plan.mappings.vanished.length).toBe(summary.mappings.removed);
    expect(plan.noCounterparts.vanished.length).toBe(summary.noCounterparts.removed);
    expect(plan.harmonizedClauses.vanished.length).toBe(summary.harmonizedClauses.removed);
    expect(plan.requirements.vanished.length).toBeGreaterThanOrEqual(summary.requirements.removed);
    expect(plan.reviewsKept).toBe(summary.reviewsKept);
    return { plan, summary };
  }

  const empty: ContentBundle = { frameworks: [], requirements: [], mappings: [], noCounterparts: [], harmonizedClauses: [] };

  it('a first load adds everything', async () => {
    const { plan } = await expectSameDecisions(sqlite(), empty, smallBundle());
    expect(plan.requirements.write).toHaveLength(10);
    expect(plan.mappings.counts).toEqual({ added: 6, updated: 0, removed: 0 });
  });

  it('changes, removals and additions', async () => {
    const store = sqlite();
    await store.loadContent(smallBundle());
    const next = smallBundle();
    next.requirements.find((r) => r.id === 'fw-a:2')!.title = 'Risk assessment (revised)';
    next.mappings = next.mappings.filter((m) => m.target !== 'fw-b:B-3');
    next.requirements = next.requirements.filter((r) => r.id !== 'fw-b:B-3');
    next.mappings.push(edge('fw-a:1', 'fw-c:MAP 1.1', 'intersects-with'));
    next.noCounterparts[0]!.note = 'Reworded.';
    next.harmonizedClauses[0]!.requirementIds.push('fw-c:GOVERN 1.1');
    next.frameworks.reverse();
    const { plan } = await expectSameDecisions(store, smallBundle(), next);
    expect(plan.requirements.write.map((r) => r.id)).toEqual(['fw-a:2']);
    expect(plan.requirements.vanished.map((r) => r.id)).toEqual(['fw-b:B-3']);
    expect(plan.frameworks.counts.updated).toBe(2); // fw-a and fw-c swapped places; fw-b stayed in the middle
    expect(plan.mappings.write.map((m) => m.id)).toEqual(['fw-a:1 -> fw-c:MAP 1.1']);
    expect(plan.mappings.replaced).toEqual([]);
  });

  it('reviews are re-applied, so a reviewed mapping whose file entry did not change is not rewritten', async () => {
    const store = sqlite();
    await store.loadContent(smallBundle());
    await store.saveMapping(edge('fw-a:2', 'fw-c:GOVERN 1.1', 'intersects-with', { origin: 'user', status: 'proposed' }));
    await store.reviewMapping({ mappingId: 'fw-a:1.1 -> fw-b:B-1', status: 'rejected', reviewer: 'ana', at: '2026-02-03T10:00:00Z', note: 'too broad', edits: { strength: 6 } });
    const next = smallBundle();
    next.requirements.find((r) => r.id === 'fw-a:1.1')!.summary = 'Changed summary.';
    const { plan } = await expectSameDecisions(store, smallBundle(), next);
    expect(plan.reviewsKept).toBe(1);
    expect(plan.mappings.write).toEqual([]);
  });

  it('a changed mapping is replaced (deleted, then created again), and the review still wins', async () => {
    const store = sqlite();
    await store.loadContent(smallBundle());
    await store.reviewMapping({ mappingId: 'fw-a:2 -> fw-b:B-2', status: 'rejected', reviewer: 'ana', at: '2026-02-03T10:00:00Z' });
    const next = smallBundle();
    next.mappings.find((m) => m.id === 'fw-a:2 -> fw-b:B-2')!.rationale = 'functional';
    const { plan } = await expectSameDecisions(store, smallBundle(), next);
    expect(plan.mappings.replaced).toEqual(['fw-a:2 -> fw-b:B-2']);
    expect(plan.mappings.write[0]).toMatchObject({ rationale: 'functional', status: 'rejected', provenance: { reviewer: 'ana', reviewed: '2026-02-03' } });
  });

  it('a file mapping with the id of a person\'s mapping counts as added but is not written', async () => {
    const store = sqlite();
    await store.loadContent(smallBundle());
    await store.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'intersects-with', { origin: 'user' }));
    const next = smallBundle();
    next.mappings.push(edge('fw-a:3', 'fw-c:MAP 1.1', 'equal-to'));
    const { plan, summary } = await expectSameDecisions(store, smallBundle(), next);
    expect(summary.mappings.added).toBe(1);
    expect(plan.mappings.write).toEqual([]);
  });

  it('requirements and frameworks that vanish are candidates for removal; the store keeps those still in use', async () => {
    const store = sqlite();
    await store.loadContent(smallBundle());
    await store.saveMapping(edge('fw-a:3', 'fw-c:MAP 1.1', 'intersects-with', { origin: 'user' }));
    const next = smallBundle();
    next.requirements = next.requirements.filter((r) => r.id !== 'fw-a:3' && r.frameworkId !== 'fw-b');
    next.frameworks = next.frameworks.filter((f) => f.id !== 'fw-b');
    next.mappings = next.mappings.filter((m) => !m.source.startsWith('fw-b') && !m.target.startsWith('fw-b'));
    next.noCounterparts = [];
    next.harmonizedClauses = [];
    const { plan, summary } = await expectSameDecisions(store, smallBundle(), next);
    expect(plan.requirements.vanished.map((r) => r.id).sort()).toEqual(['fw-a:3', 'fw-b:B-1', 'fw-b:B-2', 'fw-b:B-3']);
    expect(summary.requirements.removed).toBe(3); // fw-a:3 stays: a person's mapping points at it
    expect(plan.frameworks.vanished.map((f) => f.framework.id)).toEqual(['fw-b']);
    expect(summary.frameworks.removed).toBe(1);
  });

  it('references that cannot resolve are problems, found before anything is written', () => {
    const bundle = smallBundle();
    bundle.mappings.push(edge('fw-a:1', 'fw-b:DOES-NOT-EXIST', 'intersects-with'));
    bundle.requirements.push({ ...bundle.requirements[0]!, id: 'fw-z:1', frameworkId: 'fw-z' });
    bundle.harmonizedClauses[0]!.requirementIds.push('fw-a:nope');
    bundle.noCounterparts.push({ ...bundle.noCounterparts[0]!, requirementId: 'fw-c:nope' });
    const plan = planContentSync({ frameworks: [], requirements: [], fileMappings: [], otherMappingIds: new Set(), fileNoCounterparts: [], harmonizedClauses: [], latestReviews: new Map() }, bundle);
    expect(plan.problems).toEqual([
      'requirement "fw-z:1" refers to unknown framework "fw-z"',
      'mapping "fw-a:1 -> fw-b:DOES-NOT-EXIST" refers to unknown requirement "fw-b:DOES-NOT-EXIST"',
      'no-counterpart record for "fw-c:nope" refers to unknown requirement "fw-c:nope"',
      'harmonized clause "hs:policy" refers to unknown requirement "fw-a:nope"',
    ]);
  });

  it('planKind: a key given twice is written once (the last wins), as an upsert would leave it', () => {
    const plan = planKind([{ k: 'a', v: 1 }, { k: 'a', v: 2 }], [], (x) => x.k, (a, b) => a.v === b.v);
    expect(plan.counts.added).toBe(2);
    expect(plan.write).toEqual([{ k: 'a', v: 2 }]);
  });
});

describe('adjacencyNeededBy gives the reference algorithms exactly the adjacency they read', () => {
  const bundle = smallBundle();
  const byId = (ids: string[]) => ids.flatMap((id) => bundle.requirements.find((r) => r.id === id) ?? []);
  /** Stands in for MAPPINGS_AT: every mapping touching each id, filtered; counts the queries. */
  const fetcher = (filter: EdgeFilter) => {
    const calls: string[][] = [];
    const fetch = async (ids: string[]) => {
      calls.push(ids);
      const rows = ids.flatMap((id) => bundle.mappings.filter((m) => (m.source === id || m.target === id) && matchesFilter(m, filter)).map((mapping) => ({ id, mapping })));
      return groupAdjacency(rows);
    };
    return { fetch, calls };
  };

  it.each(FILTERS)('neighbourhood, filter %j: same answer, one query per level', async (filter) => {
    for (const id of ['fw-a:1.1', 'fw-b:B-2', 'fw-a:3', 'fw-a:nope']) {
      for (const depth of [0, 1, 2, 3, 4]) {
        for (const maxNodes of [1, 2, 3, undefined]) {
          const query = { id, depth, maxNodes, ...filter };
          const { fetch, calls } = fetcher(filter);
          const adjacent = await adjacencyNeededBy((adj) => neighbourhoodVia(adj, () => [], query), fetch);
          expect(neighbourhoodVia(adjacent, byId, query)).toEqual(neighbourhoodVia(adjacencyOf(bundle.mappings, filter), byId, query));
          expect(calls.length).toBeLessThanOrEqual(depth + 1);
        }
      }
    }
  });

  it.each(FILTERS)('paths, filter %j: same answer', async (filter) => {
    const ids = bundle.requirements.map((r) => r.id);
    for (const from of ids) {
      for (const to of ids) {
        for (const maxLength of [0, 1, 2, 2.5, 3, 5]) {
          const query = { from, to, maxLength, ...filter };
          const { fetch } = fetcher(filter);
          const adjacent = await adjacencyNeededBy((adj) => pathsVia(adj, query), fetch);
          expect(pathsVia(adjacent, query)).toEqual(pathsVia(adjacencyOf(bundle.mappings, filter), query));
        }
      }
    }
  });

  it('nativePathBound: the native statement for that bound finds exactly what pathsVia returns for maxLength', () => {
    const adjacent = adjacencyOf(bundle.mappings, {});
    const ids = bundle.requirements.map((r) => r.id);
    for (const maxLength of [-3, 0, 0.5, 1, 1.5, 2, 3, 4, 7.2, 8]) {
      const bound = nativePathBound(maxLength)!;
      expect(bound, String(maxLength)).toBeGreaterThanOrEqual(1);
      for (const from of ids) for (const to of ids) expect(pathsVia(adjacent, { from, to, maxLength }), `${maxLength}`).toEqual(pathsVia(adjacent, { from, to, maxLength: bound }));
    }
    for (const maxLength of [8.5, 9, 100, Infinity, Number.NaN]) expect(nativePathBound(maxLength), String(maxLength)).toBeUndefined();
  });

  it('groupAdjacency lists each mapping once per requirement (a self-loop is met from both ends)', () => {
    const loop = { ...edge('fw-a:1', 'fw-a:1', 'equal-to') } as Mapping;
    const grouped = groupAdjacency([{ id: 'fw-a:1', mapping: loop }, { id: 'fw-a:1', mapping: loop }]);
    expect(grouped.get('fw-a:1')).toEqual([loop]);
  });
});

describe('coverageCells assembles what the coverage queries aggregate', () => {
  /** The rows REQUIREMENT_TOTALS, COVERAGE_COVERED and COVERAGE_BY_RELATIONSHIP return, computed the way the Cypher does. */
  function cypherRows(bundle: ContentBundle, filter: EdgeFilter): CoverageRows {
    const fw = new Map(bundle.requirements.map((r) => [r.id, r.frameworkId]));
    const totals = new Map<string, number>();
    for (const r of bundle.requirements) totals.set(r.frameworkId, (totals.get(r.frameworkId) ?? 0) + 1);
    const sides = bundle.mappings
      .filter((m) => m.relationship !== 'no-relationship' && matchesFilter(m, filter))
      .flatMap((m) => [
        { end: m.source, source: fw.get(m.source)!, target: fw.get(m.target)!, relationship: m.relationship, outgoing: true },
        { end: m.target, source: fw.get(m.target)!, target: fw.get(m.source)!, relationship: m.relationship, outgoing: false },
      ]);
    const group = <T>(key: (s: (typeof sides)[number]) => string, make: (rows: typeof sides) => T) => {
      const groups = new Map<string, typeof sides>();
      for (const s of sides) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
      return [...groups.values()].map(make);
    };
    return {
      totals: [...totals].map(([frameworkId, total]) => ({ frameworkId, total })),
      covered: group((s) => `${s.source}|${s.target}`, (rows) => ({ source: rows[0]!.source, target: rows[0]!.target, covered: new Set(rows.map((r) => r.end)).size })),
      byRelationship: group(
        (s) => `${s.source}|${s.target}|${s.relationship}|${s.outgoing}`,
        (rows) => ({ source: rows[0]!.source, target: rows[0]!.target, relationship: rows[0]!.relationship, outgoing: rows[0]!.outgoing, mappings: rows.length }),
      ),
    };
  }

  it.each(FILTERS)('equals coverageMatrixOf with filter %j', (filter) => {
    const bundle = smallBundle();
    bundle.mappings.push(edge('fw-b:B-3', 'fw-a:2', 'superset-of'), edge('fw-c:MAP 1.1', 'fw-a:1', 'subset-of', { status: 'proposed' }));
    expect(coverageCells(cypherRows(bundle, filter))).toEqual(coverageMatrixOf(bundle, filter));
  });
});

describe('Lucene queries from what a person typed', () => {
  it('escapes every special character', () => {
    expect(escapeLucene('+-&|!(){}[]^"~*?:\\/')).toBe('\\+\\-\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/');
    expect(escapeLucene('policy')).toBe('policy');
  });

  it('makes every word a required, boosted term (the last one a prefix, as in the SQLite store) and drops all typed syntax', () => {
    expect(luceneQuery('Policy review')).toBe(
      '+(id:policy^2 ref:policy^10 title:policy^5 summary:policy^1) +(id:review*^2 ref:review*^10 title:review*^5 summary:review*^1)');
    expect(luceneQuery('regulat')).toBe('+(id:regulat*^2 ref:regulat*^10 title:regulat*^5 summary:regulat*^1)');
    for (const text of ['"', '(((', '\\', '', '   ', '*', '&& ||']) expect(luceneQuery(text)).toBeUndefined();
    // A term may hold only escaped characters or characters with no meaning in Lucene's syntax.
    const term = String.raw`(?:\\.|[^\s\\+\-&|!(){}[\]^"~*?:/])+`;
    const group = new RegExp(String.raw`\+\((?:(?:id|ref|title|summary):${term}\*?\^\d+ ?){4}\)`, 'g');
    for (const text of ['policy" OR *', 'NEAR(a b)', 'title:policy', 'a AND', 'x~2 y^3 [a TO b] {c} /re/', "it's a+b", 'C:\\path']) {
      const query = luceneQuery(text)!;
      expect(query.replace(group, '').trim(), `${text} → ${query}`).toBe('');
      expect(query, text).not.toMatch(/(^|\s)(AND|OR|NOT|TO)(\s|$)/);
    }
  });

  it('splits words as the index analyzer does (Unicode word boundaries), so dotted refs stay whole', () => {
    expect(searchWords('GOVERN 1.1')).toEqual(['govern', '1.1']);
    expect(searchWords('A.6.2.4 Art. 9(2)')).toEqual(['a', '6.2.4', 'art', '9', '2']);
    expect(searchWords('Été café')).toEqual(['été', 'café']);
    expect(searchWords('w '.repeat(40))).toHaveLength(16);
  });
});
