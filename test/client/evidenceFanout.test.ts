import { describe, expect, it } from 'vitest';
import type { CoverageStep, EvidenceReachReport, ReachedRequirement } from '../../client/src/api/analysis.js';
import { buildEvidenceFanout, describeReached, evidenceNodeId, shortLabel, frameworkOfId, isExpired, outOfScopeCounts, refOfId, toReach, toReachStep, toRelationship } from '../../client/src/graph/evidenceFanout.js';
import { frameworkNodeId } from '../../client/src/graph/fanout.js';
import { radialFanoutLayout } from '../../client/src/graph/radialLayout.js';

const step = (from: string, to: string, relationship: CoverageStep['relationship'], coverage: 'full' | 'partial', strength = 6): CoverageStep => ({
  mappingId: `${from} -> ${to}`, from, to, relationship, coverage, strength, status: 'approved', rationale: 'semantic', note: `why ${from} ${to}`,
});
const reached = (id: string, coverage: 'full' | 'partial', basis: ReachedRequirement['basis'], path: CoverageStep[] = [], extra: Partial<ReachedRequirement> = {}): ReachedRequirement => ({
  requirementId: id, frameworkId: frameworkOfId(id), ref: refOfId(id), title: `T ${id}`, coverage, basis, reason: 'r',
  contributions: basis === 'parent' ? [] : [{ sourceId: 'a:1', coverage, path, weakestStrength: path.length ? Math.min(...path.map((s) => s.strength)) : undefined, evidenceIds: ['EV-1'] }],
  ...extra,
});

/** EV-1 linked to a:1; a:1 ≡ b:1 (full); b:1 ∩ c:1 (partial, two steps); a:1.1 is part of a:1; d:9 is outside the scope. */
const report: EvidenceReachReport = {
  evidenceId: 'EV-1', asOf: '2026-03-04', expired: false, scope: ['a', 'b', 'c'], maxPathLength: 2, statuses: ['approved'],
  sources: [{ requirementId: 'a:1', known: true, inScope: true }],
  reached: [
    reached('a:1', 'full', 'linked'),
    reached('a:1.1', 'full', 'parent', [], { inheritedFrom: 'a:1' }),
    reached('b:1', 'full', 'mapping', [step('a:1', 'b:1', 'equivalent-to', 'full', 8)]),
    reached('c:1', 'partial', 'mapping', [step('a:1', 'b:1', 'equivalent-to', 'full', 8), step('b:1', 'c:1', 'intersects-with', 'partial', 4)]),
    reached('c:2', 'partial', 'mapping', [step('a:1', 'd:3', 'subset-of', 'partial', 5), step('d:3', 'c:2', 'equal-to', 'full', 7)]),
  ],
  byFramework: [{ frameworkId: 'a', full: 2, partial: 0 }, { frameworkId: 'b', full: 1, partial: 0 }, { frameworkId: 'c', full: 0, partial: 2 }],
  // Named by the report as reached ones are (a ref that is not the id's tail shows the label comes from the report).
  outOfScope: [
    { requirementId: 'd:9', frameworkId: 'd', ref: 'D-9', title: 'Nine', coverage: 'partial' },
    { requirementId: 'd:3', frameworkId: 'd', ref: 'D-3', title: 'Three', coverage: 'partial' },
  ],
  blocked: [],
  warnings: [],
};

describe('evidence fan-out', () => {
  it('reads the content spelling of relationships and path steps in travel order', () => {
    expect(toRelationship('intersects-with')).toBe('intersects_with');
    expect(toRelationship('nonsense')).toBe('no_relationship');
    const s = toReachStep(step('a:1', 'b:1', 'superset-of', 'full', 9));
    expect(s).toMatchObject({ fromId: 'a:1', toId: 'b:1', relationship: 'superset_of', support: 'full', mapping: { id: 'a:1 -> b:1', strength: 9, note: 'why a:1 b:1' } });
    expect(s.contestedBy).toBeUndefined();
    const contested = [{ source: 'Vendor', relationship: 'intersects-with' as const }];
    expect(toReachStep({ ...step('a:1', 'b:1', 'superset-of', 'full', 9), contestedBy: contested }).contestedBy).toEqual(contested);
    expect(frameworkOfId('eu-ai-act-2024-1689:Art. 17(1)')).toBe('eu-ai-act-2024-1689');
    expect(refOfId('eu-ai-act-2024-1689:Art. 17(1)')).toBe('Art. 17(1)');
  });

  it('puts the item and its linked requirements in the centre, mapped ones by path length, frameworks outside', () => {
    const fan = buildEvidenceFanout({ report, label: 'EV-1' });
    const ring = (id: string) => fan.nodes.find((n) => n.id === id)?.ring;
    expect(fan.nodes.filter((n) => n.kind === 'start').map((n) => n.id)).toEqual([evidenceNodeId('EV-1'), 'a:1']);
    expect(ring(evidenceNodeId('EV-1'))).toBe(0);
    expect(ring('a:1')).toBe(0);
    expect(ring('a:1.1')).toBe(1);
    expect(ring('b:1')).toBe(1);
    expect(ring('c:1')).toBe(2);
    expect(ring(frameworkNodeId('a'))).toBe(3);
    expect(fan.nodes.filter((n) => n.kind === 'framework').map((n) => n.frameworkId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('draws the item’s link, the last step of each best path, parts, and marks what is out of scope', () => {
    const fan = buildEvidenceFanout({ report, label: 'EV-1' });
    const link = (source: string, target: string) => fan.links.find((l) => l.source === source && l.target === target);
    expect(link(evidenceNodeId('EV-1'), 'a:1')).toMatchObject({ kind: 'evidence' });
    expect(link('a:1', 'b:1')).toMatchObject({ kind: 'mapping', support: 'full' });
    expect(link('b:1', 'c:1')).toMatchObject({ kind: 'mapping', support: 'partial', step: { relationship: 'intersects_with' } });
    expect(link('a:1', 'a:1.1')).toMatchObject({ kind: 'part', support: 'full' });
    // d:3 is out of scope but on the way to c:2: present (faint), with both steps drawn.
    expect(fan.info.get('d:3')).toMatchObject({ outOfScope: true });
    expect(link('a:1', 'd:3')).toMatchObject({ kind: 'mapping', support: 'partial' });
    expect(link('d:3', 'c:2')).toMatchObject({ kind: 'mapping', support: 'partial' });
    expect(fan.info.get('d:9')).toMatchObject({ outOfScope: true, coverage: 'partial', outside: { ref: 'D-9', title: 'Nine' } });
    expect(fan.nodes.find((n) => n.id === 'd:9')).toMatchObject({ label: 'D-9', frameworkId: 'd' });
    expect(fan.nodes.find((n) => n.id === 'd:3')).toMatchObject({ label: 'D-3' });
    expect([...fan.outOfScopeFrameworks]).toEqual(['d']);
    // Every link joins two drawn nodes.
    const ids = new Set(fan.nodes.map((n) => n.id));
    for (const l of fan.links) expect(ids.has(l.source) && ids.has(l.target), l.id).toBe(true);
  });

  it('hides frameworks on request, keeps the layout deterministic', () => {
    const fan = buildEvidenceFanout({ report, label: 'EV-1', hidden: new Set(['c', 'd']) });
    expect(fan.nodes.some((n) => n.frameworkId === 'c' || n.frameworkId === 'd')).toBe(false);
    const a = radialFanoutLayout(buildEvidenceFanout({ report, label: 'EV-1' }).nodes).positions;
    const b = radialFanoutLayout(buildEvidenceFanout({ report, label: 'EV-1' }).nodes).positions;
    expect([...a.entries()]).toEqual([...b.entries()]);
    // The item and its one linked requirement sit close together in the middle.
    const centre = a.get(evidenceNodeId('EV-1'))!;
    const linked = a.get('a:1')!;
    expect(Math.hypot(centre.x, centre.y)).toBeLessThan(60);
    expect(Math.hypot(centre.x - linked.x, centre.y - linked.y)).toBeLessThan(120);
    expect(Math.hypot(a.get('b:1')!.x, a.get('b:1')!.y)).toBeGreaterThan(100);
  });

  it('turns a reached requirement into a Reach with its best path', () => {
    const r = toReach(report.reached[3]!);
    expect(r).toMatchObject({ depth: 3, support: 'partial', strength: 4, sources: 1 });
    expect(r.path.map((s) => s.toId)).toEqual(['b:1', 'c:1']);
    // A paragraph of a law without a title of its own is named by its summary.
    expect(toReach(reached('act:Art. 26(1)', 'partial', 'mapping', [], { title: '', summary: 'Deployers use the system as its instructions say.' })).requirement.title).toBe('Deployers use the system as its instructions say.');
  });

  it('describes reach in words and shortens long labels', () => {
    expect(describeReached(report.reached[0]!)).toBe('Linked directly: full support.');
    expect(describeReached(report.reached[1]!)).toBe('Full support: it is part of a:1, which the item supports in full.');
    expect(describeReached(report.reached[2]!)).toBe('Full support over 1 mapping.');
    expect(describeReached(report.reached[3]!)).toBe('Partial support: the rest of it needs its own evidence.');
    expect(shortLabel('topic:ai-security-governance-and-oversight')).toBe('topic:ai-securi…');
    expect(shortLabel('A.5.1')).toBe('A.5.1');
  });

  it('flags expiry on the day after and counts out-of-scope reach per framework', () => {
    expect(isExpired({ expires: '2026-03-04' }, '2026-03-04')).toBe(false);
    expect(isExpired({ expires: '2026-03-03' }, '2026-03-04')).toBe(true);
    expect(isExpired({ expires: null }, '2026-03-04')).toBe(false);
    expect(outOfScopeCounts(report)).toEqual([{ frameworkId: 'd', full: 0, partial: 2 }]);
  });
});
