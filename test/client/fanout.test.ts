import { describe, expect, it } from 'vitest';
import { buildFanout, computeReach, countByFramework, frameworkNodeId, frameworkOfNode } from '../../client/src/graph/fanout.js';
import type { GraphMapping, GraphRequirement, Relationship } from '../../client/src/graph/types.js';

const req = (id: string): GraphRequirement => ({ id, frameworkId: id.split(':')[0]!, ref: id.split(':')[1]!, title: `Title of ${id}` });
const map = (source: string, target: string, relationship: Relationship, strength = 5): GraphMapping => ({ id: `${source} -> ${target}`, sourceId: source, targetId: target, relationship, strength, status: 'approved', rationale: 'semantic', note: `why ${source} ${target}` });

// a:1 is the start. a:1 = b:1 (full); b:1 ∩ c:1 (partial); a:1 ⊂ d:1 (partial); e:1 ⊂ a:1, read from a:1 as a:1 ⊃ e:1 (full).
const requirements = ['a:1', 'b:1', 'c:1', 'd:1', 'e:1', 'c:2', 'x:1'].map(req);
const mappings = [
  map('a:1', 'b:1', 'equal_to', 9),
  map('b:1', 'c:1', 'intersects_with', 4),
  map('a:1', 'd:1', 'subset_of', 6),
  map('e:1', 'a:1', 'subset_of', 7),
  map('d:1', 'c:2', 'superset_of', 8),
  map('b:1', 'c:2', 'equivalent_to', 3),
  map('a:1', 'x:1', 'no_relationship', 0),
];

describe('computeReach', () => {
  const reach = computeReach({ startIds: ['a:1'], requirements, mappings, maxDepth: 2 });
  const byId = new Map(reach.map((r) => [r.requirement.id, r]));

  it('marks each reached requirement full or partial by the weakest step on its path', () => {
    expect(byId.get('b:1')).toMatchObject({ support: 'full', depth: 1, strength: 9 });
    expect(byId.get('c:1')).toMatchObject({ support: 'partial', depth: 2, strength: 4 });
    expect(byId.get('d:1')).toMatchObject({ support: 'partial', depth: 1 });
  });

  it('reads an incoming edge from the start side (subset stored e → a is superset from a: full)', () => {
    const e = byId.get('e:1')!;
    expect(e.support).toBe('full');
    expect(e.path[0]).toMatchObject({ fromId: 'a:1', toId: 'e:1', relationship: 'superset_of' });
  });

  it('prefers a full path over a partial one of the same length, and says how many neighbours reach it', () => {
    const c2 = byId.get('c:2')!;
    expect(c2.support).toBe('full');
    expect(c2.path.map((s) => s.fromId)).toEqual(['a:1', 'b:1']);
    expect(c2.sources).toBe(2);
  });

  it('ignores no-relationship edges and stops at the maximum path length', () => {
    expect(byId.has('x:1')).toBe(false);
    const one = computeReach({ startIds: ['a:1'], requirements, mappings, maxDepth: 1 });
    expect(one.map((r) => r.requirement.id).sort()).toEqual(['b:1', 'd:1', 'e:1']);
  });

  it('keeps each path and its reasons, step by step', () => {
    expect(byId.get('c:1')!.path.map((s) => [s.fromId, s.relationship, s.toId, s.mapping.note])).toEqual([
      ['a:1', 'equal_to', 'b:1', 'why a:1 b:1'],
      ['b:1', 'intersects_with', 'c:1', 'why b:1 c:1'],
    ]);
  });

  it('does not depend on the order the edges arrive in', () => {
    const shuffled = [...mappings].reverse();
    expect(computeReach({ startIds: ['a:1'], requirements, mappings: shuffled, maxDepth: 2 })).toEqual(reach);
  });

  it('survives cycles and never reaches the start again', () => {
    const cyclic = [...mappings, map('c:1', 'a:1', 'equal_to'), map('c:2', 'c:1', 'equal_to')];
    const r = computeReach({ startIds: ['a:1'], requirements, mappings: cyclic, maxDepth: 3 });
    expect(r.some((x) => x.requirement.id === 'a:1')).toBe(false);
    expect(r.find((x) => x.requirement.id === 'c:1')).toMatchObject({ support: 'full', depth: 1 });
  });
});

describe('countByFramework and buildFanout', () => {
  const reach = computeReach({ startIds: ['a:1'], requirements, mappings, maxDepth: 2 });

  it('counts full and partial per framework, most reached first', () => {
    expect(countByFramework(reach)).toEqual([
      { frameworkId: 'c', full: 1, partial: 1, total: 2 },
      { frameworkId: 'b', full: 1, partial: 0, total: 1 },
      { frameworkId: 'e', full: 1, partial: 0, total: 1 },
      { frameworkId: 'd', full: 0, partial: 1, total: 1 },
    ]);
  });

  it('draws start → requirement (last step of the best path) → framework', () => {
    const { nodes, links } = buildFanout({ starts: [{ id: 'a:1', label: '1', frameworkId: 'a' }], reach });
    expect(nodes.filter((n) => n.kind === 'framework').map((n) => n.id)).toEqual(['b', 'c', 'd', 'e'].map(frameworkNodeId));
    expect(nodes.find((n) => n.kind === 'framework')!.ring).toBe(3);
    const mappingLinks = links.filter((l) => l.kind === 'mapping');
    expect(mappingLinks).toHaveLength(reach.length);
    expect(mappingLinks.find((l) => l.target === 'c:1')).toMatchObject({ source: 'b:1', support: 'partial' });
    expect(links.filter((l) => l.kind === 'membership')).toHaveLength(reach.length);
  });
});

describe('framework nodes', () => {
  it('names the framework a framework node stands for, and nothing for other nodes', () => {
    expect(frameworkOfNode(frameworkNodeId('iso42001-2023'))).toBe('iso42001-2023');
    expect(frameworkOfNode('iso42001-2023:A.5.2')).toBeUndefined();
    expect(frameworkOfNode('evidence::EV-1')).toBeUndefined();
  });
});
