import { describe, expect, it } from 'vitest';
import { degrees, filterGraph, neighbourhoodOf } from '../../client/src/graph/filter.js';
import { buildMatrix, describeCell, gridMove, percent } from '../../client/src/graph/matrix.js';
import { syntheticGraph } from '../../client/src/graph/synthetic.js';
import type { GraphMapping, Relationship, Status } from '../../client/src/graph/types.js';

const frameworks = [
  { id: 'b-2', name: 'B', edition: '2', requirementCount: 10 },
  { id: 'a-1', name: 'A', edition: '1', requirementCount: 4 },
  { id: 'c-3', name: 'C', edition: '3', requirementCount: 7 },
];

describe('buildMatrix', () => {
  const m = buildMatrix(frameworks, [
    { source: 'a-1', target: 'b-2', total: 4, covered: 3, share: 0.75, byRelationship: [{ relationship: 'equivalent_to', count: 2 }, { relationship: 'intersects_with', count: 5 }] },
    { source: 'b-2', target: 'a-1', total: 10, covered: 2, share: 0.2, byRelationship: [{ relationship: 'intersects_with', count: 7 }] },
  ]);

  it('is square, in id order, with an empty diagonal', () => {
    expect(m.frameworks.map((f) => f.id)).toEqual(['a-1', 'b-2', 'c-3']);
    expect(m.rows).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(m.rows[i]).toHaveLength(3);
      expect(m.rows[i]![i]).toBeNull();
    }
  });

  it('fills cells from the coverage and marks pairs without mappings', () => {
    expect(m.rows[0]![1]).toMatchObject({ source: 'a-1', target: 'b-2', covered: 3, share: 0.75, mappings: 7, text: '75%' });
    expect(m.rows[0]![2]).toMatchObject({ source: 'a-1', target: 'c-3', covered: 0, total: 4, mappings: 0, text: '–', color: '#eeeeee' });
    expect(m.rows[0]![1]!.color).not.toBe(m.rows[1]![0]!.color);
  });

  it('describes a cell in words', () => {
    const name = (id: string) => id.toUpperCase();
    expect(describeCell(m.rows[0]![1]!, name)).toBe('A-1 against B-2: 3 of 4 requirements (75%) have a mapping; 7 mappings: 2 equivalent to, 5 intersects with.');
    expect(describeCell(m.rows[0]![2]!, name)).toBe('A-1 against C-3: no mappings.');
  });

  it('rounds shares for people', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0.666)).toBe('67%');
  });
});

describe('gridMove', () => {
  it('moves with the arrows, stepping over the diagonal and stopping at the edges', () => {
    expect(gridMove(0, 1, 'ArrowRight', 4)).toEqual([0, 2]);
    expect(gridMove(0, 1, 'ArrowLeft', 4)).toEqual([0, 1]);
    expect(gridMove(0, 1, 'ArrowDown', 4)).toEqual([2, 1]);
    expect(gridMove(2, 1, 'ArrowUp', 4)).toEqual([0, 1]);
    expect(gridMove(3, 2, 'ArrowRight', 4)).toEqual([3, 2]);
    expect(gridMove(1, 3, 'Home', 4)).toEqual([1, 0]);
    expect(gridMove(1, 0, 'End', 4)).toEqual([1, 3]);
    expect(gridMove(1, 0, 'x', 4)).toBeNull();
  });
});

describe('graph filters', () => {
  const nodes = ['a:1', 'a:2', 'b:1', 'c:1', 'c:2'].map((id) => ({ id, frameworkId: id.split(':')[0]! }));
  const e = (s: string, t: string, relationship: Relationship, status: Status = 'approved') => ({ id: `${s}>${t}`, sourceId: s, targetId: t, relationship, status });
  const edges = [e('a:1', 'b:1', 'equal_to'), e('b:1', 'c:1', 'intersects_with', 'proposed'), e('a:2', 'c:2', 'subset_of'), e('c:1', 'c:2', 'intersects_with')];

  it('filters by framework, keeping pinned nodes and only edges between what is left', () => {
    const r = filterGraph(nodes, edges, { frameworks: new Set(['c']), keep: new Set(['a:1']) });
    expect(r.nodes.map((n) => n.id)).toEqual(['a:1', 'c:1', 'c:2']);
    expect(r.edges.map((x) => x.id)).toEqual(['c:1>c:2']);
  });

  it('filters by relationship and status, and can drop what is left unconnected', () => {
    const r = filterGraph(nodes, edges, { relationships: new Set<Relationship>(['intersects_with']), statuses: new Set<Status>(['approved']), dropIsolated: true });
    expect(r.edges.map((x) => x.id)).toEqual(['c:1>c:2']);
    expect(r.nodes.map((n) => n.id)).toEqual(['c:1', 'c:2']);
  });

  it('focuses on the neighbourhood within a number of hops, either direction', () => {
    const one = neighbourhoodOf(nodes, edges, 'b:1', 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['a:1', 'b:1', 'c:1']);
    expect(one.depth.get('c:1')).toBe(1);
    const two = neighbourhoodOf(nodes, edges, 'b:1', 2);
    expect(two.nodes.map((n) => n.id).sort()).toEqual(['a:1', 'b:1', 'c:1', 'c:2']);
    expect(two.edges).toHaveLength(3);
  });

  it('counts degrees', () => {
    expect(degrees(edges).get('c:1')).toBe(2);
  });
});

describe('syntheticGraph', () => {
  it('is seeded, sized as asked, without self-loops or duplicates', () => {
    const a = syntheticGraph({ nodes: 2000, seed: 9 });
    const b = syntheticGraph({ nodes: 2000, seed: 9 });
    expect(a).toEqual(b);
    expect(a.requirements).toHaveLength(2000);
    expect(a.mappings).toHaveLength(3000);
    const ids = new Set(a.requirements.map((r) => r.id));
    const seen = new Set<string>();
    for (const m of a.mappings as GraphMapping[]) {
      expect(m.sourceId).not.toBe(m.targetId);
      expect(ids.has(m.sourceId) && ids.has(m.targetId)).toBe(true);
      expect(seen.has(m.id)).toBe(false);
      seen.add(m.id);
    }
    expect(syntheticGraph({ nodes: 2000, seed: 10 }).mappings).not.toEqual(a.mappings);
  });
});
