import { describe, expect, it } from 'vitest';
import { branchIds, buildFrameworkTree, filterFrameworkTree, type TreeRequirement } from '../../client/src/lib/frameworkTree.js';

const req = (id: string, title: string, parentId: string | null, order: number, tags: string[] = []): TreeRequirement => ({ id, ref: id.split(':')[1]!, title, kind: 'control', parentId, order, tags });

const requirements = [
  req('fw:A.10', 'Third-party relationships', 'fw:A', 12),
  req('fw:A', 'Controls', null, 9),
  req('fw:4', 'Context of the organization', null, 0),
  req('fw:A.2', 'Policies related to AI', 'fw:A', 10),
  req('fw:A.2.2', 'AI policy', 'fw:A.2', 11),
  req('fw:4.1', 'Understanding the organization', 'fw:4', 1),
  req('fw:X.1', 'Orphan whose parent is not in the catalog', 'fw:X', 20),
];

describe('framework tree', () => {
  it('puts children under parents in document order, and a requirement whose parent is missing at the top', () => {
    const tree = buildFrameworkTree(requirements);
    expect(tree.roots.map((r) => r.ref)).toEqual(['4', 'A', 'X.1']);
    expect(tree.childrenOf.get('fw:A')!.map((r) => r.ref)).toEqual(['A.2', 'A.10']);
    expect(tree.parentOf.get('fw:A.2.2')).toBe('fw:A.2');
    expect(branchIds(tree).sort()).toEqual(['fw:4', 'fw:A', 'fw:A.2']);
  });

  it('filters by every word in ref or title, keeping the ancestors of each match', () => {
    const tree = buildFrameworkTree(requirements);
    expect(filterFrameworkTree(tree, requirements, '   ')).toBeNull();
    const found = filterFrameworkTree(tree, requirements, 'AI policy')!;
    expect([...found.matches]).toEqual(['fw:A.2.2']);
    expect([...found.shown].sort()).toEqual(['fw:A', 'fw:A.2', 'fw:A.2.2']);
    expect([...filterFrameworkTree(tree, requirements, 'a.10')!.matches]).toEqual(['fw:A.10']);
    expect(filterFrameworkTree(tree, requirements, 'policy quantum')!.matches.size).toBe(0);
  });

  it('finds untitled requirements by their summary, and keeps only those within the scope ticked, tags inherited', () => {
    const act = [
      req('act:Art. 26', 'Obligations of deployers', null, 0, ['role:deployer']),
      { ...req('act:Art. 26(1)', '', 'act:Art. 26', 1), summary: 'Use the system as its instructions say.' },
      req('act:Art. 16', 'Obligations of providers', null, 2, ['role:provider']),
      { ...req('act:Art. 16(a)', '', 'act:Art. 16', 3), summary: 'Meet the requirements; follow the instructions.' },
    ];
    const tree = buildFrameworkTree(act);
    expect([...filterFrameworkTree(tree, act, 'instructions')!.matches]).toEqual(['act:Art. 26(1)', 'act:Art. 16(a)']);
    expect([...filterFrameworkTree(tree, act, 'instructions', ['role:deployer'])!.matches]).toEqual(['act:Art. 26(1)']);
    expect([...filterFrameworkTree(tree, act, '', ['role:provider'])!.matches]).toEqual(['act:Art. 16', 'act:Art. 16(a)']);
  });

  it('survives a parent cycle in a malformed import', () => {
    const cyclic = [req('fw:1', 'One', 'fw:2', 0), req('fw:2', 'Two', 'fw:1', 1)];
    const tree = buildFrameworkTree(cyclic);
    expect(filterFrameworkTree(tree, cyclic, 'one')!.shown).toEqual(new Set(['fw:1', 'fw:2']));
  });
});
