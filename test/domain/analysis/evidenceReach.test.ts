import { describe, expect, it } from 'vitest';
import { buildCoverageIndex } from '../../../server/domain/analysis/coverageIndex.js';
import { coverageOf, weakest } from '../../../server/domain/analysis/coverage.js';
import { evidenceReach, requirementSupport, type EvidenceReach } from '../../../server/domain/analysis/evidenceReach.js';
import { InputError, NotFoundError } from '../../../server/domain/errors.js';
import { RELATIONSHIPS } from '../../../server/domain/schemas/mapping.js';
import { bundleOf, evidence, framework, map, noCounterpart } from './fixtures.js';

/**
 * Evidence sits on src:A. Each target of x, y and z is wired to test one rule of the coverage algebra; the comment
 * on each mapping says which.
 */
const content = bundleOf(
  [
    ...framework('src', ['A', 'B']),
    ...framework('x', ['1', '2', '3', '4', '5', '6', '7', '8', '10', '10.1', '10.2', '11', '11.1']),
    ...framework('y', ['1', '2', '3']),
    ...framework('z', ['1', '2', '3', '4', '5']),
  ],
  [
    map('src:A', 'equal-to', 'x:1'), //          full
    map('src:A', 'equivalent-to', 'x:2'), //     full
    map('src:A', 'superset-of', 'x:3'), //       full
    map('src:A', 'subset-of', 'x:4'), //         partial
    map('src:A', 'intersects-with', 'x:5'), //   partial
    map('src:A', 'no-relationship', 'x:6'), //   nothing
    map('y:1', 'subset-of', 'src:A'), //         stored the other way: read from A it is superset-of → full
    map('y:2', 'superset-of', 'src:A'), //       read from A: subset-of → partial
    map('x:1', 'intersects-with', 'z:1'), //     full then partial → partial
    map('x:1', 'superset-of', 'z:2'), //         full then full → full (2 hops)
    map('x:5', 'equal-to', 'z:3'), //            partial then full → partial (weakest link)
    map('z:2', 'equal-to', 'z:4'), //            3 hops
    map('z:4', 'equal-to', 'src:A'), //          a cycle back to the source
    map('src:A', 'intersects-with', 'x:7'), //   two partial sources for x:7 …
    map('src:B', 'intersects-with', 'x:7'), //   … never make it full
    map('src:A', 'equal-to', 'x:8', { status: 'proposed' }), // not followed unless asked
    map('x:1', 'equal-to', 'y:3'), //            a full path A → x:1 → y:3 …
    map('src:A', 'intersects-with', 'y:3'), //   … but the reviewed direct mapping says partial: it wins
    map('x:2', 'equal-to', 'z:5'), //            would be full, but z:5 has no counterpart in src
    map('src:A', 'superset-of', 'x:10'), //      a parent covered in full covers its children
    map('src:A', 'intersects-with', 'x:11'), //  a parent covered partly says nothing about its child
  ],
  [noCounterpart('z:5', 'src', 'z:5 is about something src does not address.')],
);
const index = buildCoverageIndex(content);
const item = evidence('EV-1');
const onA = [{ kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'src:A' }];
const reach = (extra: Partial<Parameters<typeof evidenceReach>[1]> = {}) => evidenceReach(index, { evidence: item, links: onA, asOf: '2026-06-01', ...extra });
const coverageIn = (r: EvidenceReach) => Object.fromEntries(r.reached.map((x) => [x.requirementId, x.coverage]));
const find = (r: EvidenceReach, id: string) => r.reached.find((x) => x.requirementId === id);
const pathOf = (r: EvidenceReach, id: string) => find(r, id)?.contributions[0]?.path.map((s) => `${s.from} ${s.relationship} ${s.to}`);

describe('the coverage algebra', () => {
  it('gives every relationship its level, and the weakest link wins', () => {
    expect(Object.fromEntries(RELATIONSHIPS.map((r) => [r, coverageOf(r) ?? 'nothing']))).toEqual({
      'equal-to': 'full', 'equivalent-to': 'full', 'superset-of': 'full', 'subset-of': 'partial', 'intersects-with': 'partial', 'no-relationship': 'nothing',
    });
    expect([weakest('full', 'full'), weakest('full', 'partial'), weakest('partial', 'full'), weakest('partial', 'partial')]).toEqual(['full', 'partial', 'partial', 'partial']);
  });
});

describe('evidenceReach', () => {
  it('reaches each direct neighbour at the level of its relationship, and nothing through no-relationship', () => {
    const r = reach({ maxPathLength: 1 });
    expect(coverageIn(r)).toMatchObject({ 'src:A': 'full', 'x:1': 'full', 'x:2': 'full', 'x:3': 'full', 'x:4': 'partial', 'x:5': 'partial' });
    expect(find(r, 'x:6')).toBeUndefined();
    expect(r.blocked).toContainEqual(expect.objectContaining({ requirementId: 'x:6', reason: 'no-relationship' }));
    expect(find(r, 'src:A')).toMatchObject({ basis: 'linked', contributions: [{ path: [] }] });
  });

  it('reads each mapping in the direction evidence travels', () => {
    const r = reach({ maxPathLength: 1 });
    expect(find(r, 'y:1')).toMatchObject({ coverage: 'full' });
    expect(pathOf(r, 'y:1')).toEqual(['src:A superset-of y:1']);
    expect(find(r, 'y:2')).toMatchObject({ coverage: 'partial' });
    expect(pathOf(r, 'y:2')).toEqual(['src:A subset-of y:2']);
  });

  it('takes the weakest link over a path and shows the path', () => {
    const r = reach({ maxPathLength: 2 });
    expect(find(r, 'z:1')!.coverage).toBe('partial');
    expect(pathOf(r, 'z:1')).toEqual(['src:A equal-to x:1', 'x:1 intersects-with z:1']);
    expect(find(r, 'z:2')!.coverage).toBe('full');
    expect(pathOf(r, 'z:2')).toEqual(['src:A equal-to x:1', 'x:1 superset-of z:2']);
    expect(find(r, 'z:3')!.coverage).toBe('partial');
    expect(find(r, 'z:3')!.contributions[0]!.weakestStrength).toBe(4);
  });

  it('stops at the maximum path length', () => {
    expect(find(reach({ maxPathLength: 1 }), 'z:2')).toBeUndefined();
    // z:4 is 2 hops away through the cycle's closing edge, 3 the long way round; the shortest full path is kept.
    expect(pathOf(reach({ maxPathLength: 3 }), 'z:4')).toEqual(['src:A equal-to z:4']);
    expect(() => reach({ maxPathLength: 0 })).toThrow(InputError);
  });

  it('survives cycles and visits each requirement once', () => {
    const r = reach({ maxPathLength: 6 });
    expect(new Set(r.reached.map((x) => x.requirementId)).size).toBe(r.reached.length);
  });

  it('lets a reviewed direct mapping override a longer, stronger path between the same two requirements', () => {
    const r = reach({ maxPathLength: 2 });
    expect(find(r, 'y:3')!.coverage).toBe('partial');
    expect(pathOf(r, 'y:3')).toEqual(['src:A intersects-with y:3']);
  });

  it('honours a reviewed "no counterpart" record over any path', () => {
    const r = reach({ maxPathLength: 2 });
    expect(find(r, 'z:5')).toBeUndefined();
    expect(r.blocked).toContainEqual(expect.objectContaining({ requirementId: 'z:5', reason: 'no-counterpart' }));
  });

  it('aggregates several partial sources without making them full', () => {
    const both = [...onA, { kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'src:B' }];
    const x7 = find(reach({ links: both, maxPathLength: 1 }), 'x:7')!;
    expect(x7.coverage).toBe('partial');
    expect(x7.contributions.map((c) => c.sourceId)).toEqual(['src:A', 'src:B']);
    expect(x7.reason).toMatch(/^partial from 2 sources/);
  });

  it('follows only approved mappings unless told otherwise', () => {
    expect(find(reach(), 'x:8')).toBeUndefined();
    expect(find(reach({ statuses: ['approved', 'proposed'] }), 'x:8')).toMatchObject({ coverage: 'full', contributions: [{ path: [{ status: 'proposed' }] }] });
    expect(() => reach({ statuses: ['rejected'] })).toThrow(/rejected/);
  });

  it('passes full support of a parent to its children, but not partial support', () => {
    const r = reach({ maxPathLength: 1 });
    expect(find(r, 'x:10.1')).toMatchObject({ coverage: 'full', basis: 'parent', inheritedFrom: 'x:10' });
    expect(find(r, 'x:10.2')).toMatchObject({ coverage: 'full', basis: 'parent' });
    expect(find(r, 'x:11')!.coverage).toBe('partial');
    expect(find(r, 'x:11.1')).toBeUndefined();
  });

  it('respects scope: an item scoped to some frameworks does not count for the others', () => {
    const scoped = reach({ evidence: evidence('EV-1', { scope: ['src', 'x'] }), maxPathLength: 2 });
    expect(new Set(scoped.reached.map((r) => r.frameworkId))).toEqual(new Set(['src', 'x']));
    expect(scoped.outOfScope).toContainEqual({ requirementId: 'z:2', frameworkId: 'z', ref: '2', title: 'Title 2', coverage: 'full' });
    expect(scoped.outOfScope).toContainEqual({ requirementId: 'y:1', frameworkId: 'y', ref: '1', title: 'Title 1', coverage: 'full' });
    // Named from the content as the reached ones are (what the item would reach unscoped), sorted by id.
    const unscoped = new Map(reach({ maxPathLength: 2 }).reached.map((r) => [r.requirementId, r]));
    expect(scoped.outOfScope.length).toBeGreaterThan(2);
    for (const o of scoped.outOfScope) {
      const r = unscoped.get(o.requirementId)!;
      expect(o).toEqual({ requirementId: r.requirementId, frameworkId: r.frameworkId, ref: r.ref, title: r.title, coverage: r.coverage });
      expect(['src', 'x']).not.toContain(o.frameworkId);
    }
    expect(scoped.outOfScope.map((o) => o.requirementId)).toEqual(scoped.outOfScope.map((o) => o.requirementId).sort());
    expect(reach({ maxPathLength: 2 }).outOfScope).toEqual([]);
    expect(scoped.byFramework.map((f) => f.frameworkId)).toEqual(['src', 'x']);
  });

  it('flags expired evidence as of the given date', () => {
    const expiring = evidence('EV-1', { collected: '2025-01-01', expires: '2026-03-31' });
    expect(reach({ evidence: expiring, asOf: '2026-03-31' }).expired).toBe(false);
    const late = reach({ evidence: expiring, asOf: '2026-04-01' });
    expect(late.expired).toBe(true);
    expect(late.warnings[0]).toMatch(/expired on 2026-03-31/);
  });

  it('enters through an organisation control: a link to a control stands for links to what it cites', () => {
    const r = evidenceReach(index, {
      evidence: item, asOf: '2026-06-01', maxPathLength: 1,
      links: [{ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' }],
      orgControls: [{ id: 'UC-1', title: 'c', description: '', requirementIds: ['src:B'], origin: 'user', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }],
    });
    expect(r.sources).toEqual([{ requirementId: 'src:B', orgControlId: 'UC-1', known: true, inScope: true }]);
    expect(find(r, 'x:7')!.contributions[0]).toMatchObject({ sourceId: 'src:B', orgControlIds: ['UC-1'], evidenceIds: ['EV-1'] });
  });

  it('gives the same answer from plain arrays as from a prebuilt index', () => {
    expect(evidenceReach(content, { evidence: item, links: onA, asOf: '2026-06-01' })).toEqual(reach());
  });
});

describe('requirementSupport', () => {
  const items = [evidence('EV-1'), evidence('EV-2', { expires: '2026-02-01' }), evidence('EV-3', { scope: ['src'] })];
  const links = [
    { kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'src:A' },
    { kind: 'requirement' as const, evidenceId: 'EV-2', requirementId: 'src:B' },
    { kind: 'requirement' as const, evidenceId: 'EV-3', requirementId: 'src:B' },
  ];
  const support = (requirementId: string) => requirementSupport(index, { requirementId, evidence: items, links, asOf: '2026-06-01', maxPathLength: 2 });

  it('lists what supports a requirement and how, leaving out expired and out-of-scope items', () => {
    const x7 = support('x:7');
    expect(x7.status).toBe('partial');
    expect(x7.items.map((i) => [i.evidenceId, i.coverage])).toEqual([['EV-1', 'partial']]);
    expect(x7.expired).toEqual([{ evidenceId: 'EV-2', expires: '2026-02-01', coverage: 'partial' }]);
    expect(x7.outOfScope).toEqual(['EV-3']);
    expect(support('z:2')).toMatchObject({ status: 'covered', items: [{ evidenceId: 'EV-1', coverage: 'full' }] });
    expect(support('x:10.1')).toMatchObject({ status: 'covered', items: [{ evidenceId: 'EV-1', inheritedFrom: 'x:10' }] });
    expect(support('x:6')).toMatchObject({ status: 'uncovered', blocked: [{ sourceId: 'src:A', reason: 'no-relationship' }] });
    expect(() => support('x:404')).toThrow(NotFoundError);
  });
});

describe('the asOf date', () => {
  it('is refused, naming the option, when it is not a calendar date', () => {
    for (const asOf of ['2026-02-30', '2026-6-1', 'tomorrow'])
      expect(() => evidenceReach(content, { evidence: evidence('x'), links: [], asOf })).toThrow(`asOf: "${asOf}" is not a date (YYYY-MM-DD)`);
  });
});
