import { describe, expect, it } from 'vitest';
import { adjacencyOf, coverageMatrixOf, mappingReadFrom, neighbourhoodVia, pathsVia } from '../../server/domain/graphAlgorithms.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';

const bundle = smallBundle();
const all = adjacencyOf(bundle.mappings, {});
const approved = adjacencyOf(bundle.mappings, { statuses: ['approved'] });
const byId = (ids: string[]) => ids.flatMap((id) => bundle.requirements.find((r) => r.id === id) ?? []);
const show = (paths: ReturnType<typeof pathsVia>) => paths.map((p) => p.map((s) => `${s.from} ${s.relationship} ${s.to}`).join(' / '));

describe('pathsVia', () => {
  it('finds the direct edge and the way round the cycle, shortest first, relationships read in travel direction', () => {
    expect(show(pathsVia(all, { from: 'fw-a:1.1', to: 'fw-c:GOVERN 1.1', maxLength: 3 }))).toEqual([
      'fw-a:1.1 subset-of fw-c:GOVERN 1.1',
      'fw-a:1.1 equal-to fw-b:B-1 / fw-b:B-1 intersects-with fw-c:GOVERN 1.1',
    ]);
  });

  it('respects the maximum length and never visits a node twice', () => {
    expect(pathsVia(all, { from: 'fw-a:1.1', to: 'fw-c:GOVERN 1.1', maxLength: 1 })).toHaveLength(1);
    const paths = pathsVia(all, { from: 'fw-a:2', to: 'fw-c:MAP 1.1', maxLength: 5 });
    expect(show(paths)).toEqual(['fw-a:2 subset-of fw-b:B-2 / fw-b:B-2 intersects-with fw-c:MAP 1.1']);
    for (const path of paths) expect(new Set(path.map((s) => s.to)).size).toBe(path.length);
  });

  it('follows only the edges the filter lets through', () => {
    expect(pathsVia(approved, { from: 'fw-a:2', to: 'fw-c:MAP 1.1', maxLength: 5 })).toEqual([]);
    expect(pathsVia(all, { from: 'fw-a:1.1', to: 'fw-a:1.1', maxLength: 3 })).toEqual([]);
    expect(pathsVia(all, { from: 'fw-a:3', to: 'fw-a:1.1', maxLength: 3 })).toEqual([]);
  });
});

describe('neighbourhoodVia', () => {
  it('walks edges in both directions level by level', () => {
    const result = neighbourhoodVia(all, byId, { id: 'fw-a:2', depth: 2 });
    expect(result.nodes.map((n) => [n.requirement.id, n.depth])).toEqual([['fw-a:2', 0], ['fw-b:B-2', 1], ['fw-c:MAP 1.1', 2]]);
    expect(result.edges.map((e) => e.id)).toEqual(['fw-a:2 -> fw-b:B-2', 'fw-b:B-2 -> fw-c:MAP 1.1']);
  });

  it('keeps edges among found nodes and stops at the node limit', () => {
    const cycle = neighbourhoodVia(all, byId, { id: 'fw-a:1.1', depth: 1 });
    expect(cycle.edges.map((e) => e.id)).toEqual(['fw-a:1.1 -> fw-b:B-1', 'fw-c:GOVERN 1.1 -> fw-a:1.1']);
    const deeper = neighbourhoodVia(all, byId, { id: 'fw-a:1.1', depth: 2 });
    expect(deeper.edges).toHaveLength(3);
    expect(neighbourhoodVia(all, byId, { id: 'fw-a:1.1', depth: 2, maxNodes: 2 })).toMatchObject({ truncated: true });
  });
});

describe('coverageMatrixOf', () => {
  it('counts covered requirements per direction and relationships as read from the source side', () => {
    const cells = coverageMatrixOf(bundle, { statuses: ['approved'] });
    expect(cells.find((c) => c.source === 'fw-a' && c.target === 'fw-b')).toEqual({ source: 'fw-a', target: 'fw-b', total: 5, covered: 2, byRelationship: { 'equal-to': 1, 'subset-of': 1 } });
    expect(cells.find((c) => c.source === 'fw-b' && c.target === 'fw-a')).toEqual({ source: 'fw-b', target: 'fw-a', total: 3, covered: 2, byRelationship: { 'equal-to': 1, 'superset-of': 1 } });
    expect(cells.find((c) => c.source === 'fw-a' && c.target === 'fw-c')!.byRelationship).toEqual({ 'subset-of': 1 });
  });

  it('ignores no-relationship edges', () => {
    const cells = coverageMatrixOf(bundle, {});
    expect(cells.find((c) => c.source === 'fw-a' && c.target === 'fw-b')!.covered).toBe(2);
  });
});

describe('mappingReadFrom', () => {
  const provenance = { source: 'Other crosswalk', author: 'someone', created: '2026-01-01' };
  const stored = edge('fw-a:1', 'fw-b:B-1', 'subset-of', { strength: 6, alsoStatedBy: [{ relationship: 'intersects-with', provenance }, { relationship: 'subset-of', strength: 4, provenance }] });

  it('keeps a mapping stored from the side asked for, and one that does not touch that framework', () => {
    expect(mappingReadFrom(stored, 'fw-a')).toBe(stored);
    expect(mappingReadFrom(stored, 'fw-c')).toBe(stored);
  });

  it('turns round one stored the other way: ends swapped, its relationship and every further source inverted, the rest kept', () => {
    const read = mappingReadFrom(stored, 'fw-b');
    expect(read).toMatchObject({ id: stored.id, source: 'fw-b:B-1', target: 'fw-a:1', relationship: 'superset-of', strength: 6, rationale: stored.rationale, provenance: stored.provenance });
    expect(read.alsoStatedBy?.map((s) => [s.relationship, s.strength])).toEqual([['intersects-with', undefined], ['superset-of', 4]]);
    expect(mappingReadFrom(read, 'fw-a')).toEqual(stored);
  });
});
