import { describe, expect, it } from 'vitest';
import { buildFanout, computeReach } from '../../client/src/graph/fanout.js';
import { createSimulation, layoutGraph, settleTicks } from '../../client/src/graph/forceLayout.js';
import { radialFanoutLayout } from '../../client/src/graph/radialLayout.js';
import { syntheticGraph } from '../../client/src/graph/synthetic.js';

const ring = (n: number) => ({
  nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, ring: i === 0 ? 0 : i < 6 ? 1 : 2 })),
  links: Array.from({ length: n - 1 }, (_, i) => ({ source: `n${i < 6 ? 0 : (i % 5) + 1}`, target: `n${i + 1}` })),
});

describe('force layout', () => {
  it('is deterministic for a seed', () => {
    const { nodes, links } = ring(40);
    const a = layoutGraph({ nodes, links, seed: 42, ticks: 120 });
    const b = layoutGraph({ nodes, links, seed: 42, ticks: 120 });
    expect([...a.entries()]).toEqual([...b.entries()]);
    for (const p of a.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('drops links whose ends were filtered away instead of failing', () => {
    const { simulation, links } = createSimulation({ nodes: [{ id: 'a' }, { id: 'b' }], links: [{ source: 'a', target: 'b' }, { source: 'a', target: 'gone' }, { source: 'a', target: 'a' }] });
    expect(links).toHaveLength(1);
    simulation.tick(5);
  });

  it('puts later rings further out in radial mode', () => {
    const { nodes, links } = ring(40);
    const pos = layoutGraph({ nodes, links, seed: 1, mode: 'radial', ringStep: 100 });
    const mean = (r: number) => {
      const ds = nodes.filter((n) => n.ring === r).map((n) => Math.hypot(pos.get(n.id)!.x, pos.get(n.id)!.y));
      return ds.reduce((a, b) => a + b, 0) / ds.length;
    };
    expect(mean(0)).toBeLessThan(mean(1));
    expect(mean(1)).toBeLessThan(mean(2));
  });

  it('keeps anchored nodes near their anchors', () => {
    const anchors = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 200, y: 0 }],
      ['c', { x: 0, y: 200 }],
    ]);
    const pos = layoutGraph({ nodes: [...anchors.keys()].map((id) => ({ id, r: 5 })), links: [{ source: 'a', target: 'b' }], mode: 'anchored', anchors });
    for (const [id, p] of anchors) expect(Math.hypot(pos.get(id)!.x - p.x, pos.get(id)!.y - p.y)).toBeLessThan(1);
  });

  it('settles small graphs synchronously and animates big ones', () => {
    expect(settleTicks(100)).toBe(300);
    expect(settleTicks(1000)).toBeGreaterThan(0);
    expect(settleTicks(5000)).toBe(0);
    expect(settleTicks(5000, 'anchored')).toBeGreaterThan(0);
  });

  it('lays out 5,000 synthetic nodes in a bounded time per tick', () => {
    const g = syntheticGraph({ nodes: 5000, seed: 3 });
    const { simulation } = createSimulation({ nodes: g.requirements.map((r) => ({ id: r.id })), links: g.mappings.map((m) => ({ source: m.sourceId, target: m.targetId })), seed: 3 });
    const start = performance.now();
    simulation.tick(10);
    expect((performance.now() - start) / 10).toBeLessThan(200);
  });
});

describe('radial fan-out layout', () => {
  const req = (id: string) => ({ id, frameworkId: id.split(':')[0]!, ref: id.split(':')[1]!, title: id });
  const ids = ['s:0', ...Array.from({ length: 12 }, (_, i) => `a:${i}`), ...Array.from({ length: 3 }, (_, i) => `b:${i}`), 'c:0', 'c:1'];
  const mappings = [
    ...ids.slice(1, 14).map((t) => ({ id: `s:0 -> ${t}`, sourceId: 's:0', targetId: t, relationship: 'equal_to' as const, strength: 5, status: 'approved' as const })),
    { id: 'a:0 -> b:2', sourceId: 'a:0', targetId: 'b:2', relationship: 'intersects_with' as const, strength: 5, status: 'approved' as const },
    { id: 'b:2 -> c:0', sourceId: 'b:2', targetId: 'c:0', relationship: 'intersects_with' as const, strength: 5, status: 'approved' as const },
    { id: 'b:1 -> c:1', sourceId: 'b:1', targetId: 'c:1', relationship: 'intersects_with' as const, strength: 5, status: 'approved' as const },
  ];
  const reach = computeReach({ startIds: ['s:0'], requirements: ids.map(req), mappings, maxDepth: 3 });
  const fan = buildFanout({ starts: [{ id: 's:0', label: '0', frameworkId: 's' }], reach });
  const layout = radialFanoutLayout(fan.nodes, { ringStep: 100 });
  const angle = (id: string) => Math.atan2(layout.positions.get(id)!.y, layout.positions.get(id)!.x);
  const radius = (id: string) => Math.hypot(layout.positions.get(id)!.x, layout.positions.get(id)!.y);
  const inSector = (a: number, [from, to]: [number, number]) => {
    for (const t of [a, a + 2 * Math.PI, a - 2 * Math.PI]) if (t >= from - 1e-9 && t <= to + 1e-9) return true;
    return false;
  };

  it('places the start in the middle and every node somewhere', () => {
    expect(layout.positions.get('s:0')).toEqual({ x: 0, y: 0 });
    expect(layout.positions.size).toBe(fan.nodes.length);
  });

  it('keeps each requirement inside its framework’s sector, sectors sized by count', () => {
    for (const n of fan.nodes.filter((x) => x.kind !== 'start')) expect(inSector(angle(n.id), layout.sectors.get(n.frameworkId)!)).toBe(true);
    const span = (f: string) => layout.sectors.get(f)![1] - layout.sectors.get(f)![0];
    expect(span('a')).toBeGreaterThan(span('b'));
    expect([...layout.sectors.values()].reduce((s, [a, b]) => s + b - a, 0)).toBeCloseTo(2 * Math.PI);
  });

  it('puts longer paths on outer rings and frameworks outside them all', () => {
    expect(radius('c:0')).toBeGreaterThan(radius('b:2'));
    expect(radius('b:2')).toBeGreaterThan(radius('a:0'));
    const outer = Math.max(...fan.nodes.filter((n) => n.kind === 'requirement').map((n) => radius(n.id)));
    for (const f of fan.nodes.filter((n) => n.kind === 'framework')) expect(radius(f.id)).toBeGreaterThan(outer);
  });

  it('spaces neighbours on a ring at least minGap apart', () => {
    const ring1 = fan.nodes.filter((n) => n.kind === 'requirement' && n.frameworkId === 'a').map((n) => layout.positions.get(n.id)!);
    for (let i = 0; i < ring1.length; i++) for (let j = i + 1; j < ring1.length; j++) expect(Math.hypot(ring1[i]!.x - ring1[j]!.x, ring1[i]!.y - ring1[j]!.y)).toBeGreaterThanOrEqual(21.9);
  });

  it('is the same picture every time', () => {
    expect([...radialFanoutLayout(fan.nodes, { ringStep: 100 }).positions]).toEqual([...layout.positions]);
  });
});
