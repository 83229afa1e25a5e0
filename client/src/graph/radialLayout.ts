import type { FanoutNode } from './fanout.js';
import type { Point } from './types.js';

export interface RadialLayoutOptions {
  /** Distance between rings. */
  ringStep?: number;
  /** Smallest gap between neighbours on one ring before the ring is split into staggered sub-rings. */
  minGap?: number;
  /** Smallest share of the circle a framework gets, so a framework with one requirement is still readable. */
  minSectorShare?: number;
  /** Where the first sector starts, in radians (0 = east, -π/2 = north). */
  startAngle?: number;
}

export interface RadialLayout {
  positions: Map<string, Point>;
  /** Each framework's sector: [from, to] in radians. */
  sectors: Map<string, [number, number]>;
  radius: number;
}

/**
 * The hub's fan-out as a sunburst of sectors: the start in the centre, each framework its own sector sized by
 * how many requirements it has in the picture, requirements on the ring of their path length inside their
 * framework's sector (ordered by the angle of the requirement they were reached from, to keep lines short), and
 * the framework itself on the outer ring. Deterministic: no randomness at all.
 */
export function radialFanoutLayout(nodes: FanoutNode[], { ringStep = 120, minGap = 22, minSectorShare = 0.04, startAngle = -Math.PI / 2 }: RadialLayoutOptions = {}): RadialLayout {
  const positions = new Map<string, Point>();
  const starts = nodes.filter((n) => n.kind === 'start');
  const requirements = nodes.filter((n) => n.kind === 'requirement');
  const frameworks = nodes.filter((n) => n.kind === 'framework');

  // Starts: the centre, or a small circle when there are several (an evidence item's requirements).
  starts.forEach((s, i) => {
    if (starts.length === 1) return void positions.set(s.id, { x: 0, y: 0 });
    const a = startAngle + (2 * Math.PI * i) / starts.length;
    const r = Math.min(ringStep * 0.45, 12 * starts.length);
    positions.set(s.id, { x: Math.cos(a) * r, y: Math.sin(a) * r });
  });

  // Sectors sized by requirement count, with a floor.
  const counts = new Map<string, number>();
  for (const n of requirements) counts.set(n.frameworkId, (counts.get(n.frameworkId) ?? 0) + 1);
  for (const f of frameworks) if (!counts.has(f.frameworkId)) counts.set(f.frameworkId, 0);
  const ids = [...counts.keys()].sort();
  const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
  const raw = ids.map((id) => Math.max(minSectorShare, (counts.get(id) ?? 0) / total));
  const rawSum = raw.reduce((a, b) => a + b, 0) || 1;
  const sectors = new Map<string, [number, number]>();
  let angle = startAngle;
  ids.forEach((id, i) => {
    const span = (2 * Math.PI * raw[i]!) / rawSum;
    sectors.set(id, [angle, angle + span]);
    angle += span;
  });

  const angleOf = (id: string | undefined): number | null => {
    const p = id ? positions.get(id) : undefined;
    if (!p || (p.x === 0 && p.y === 0)) return null;
    return Math.atan2(p.y, p.x);
  };
  const deepest = requirements.reduce((d, n) => Math.max(d, n.ring), 0);
  // Each ring is pushed out far enough that its most crowded sector has minGap between neighbours (up to a
  // limit, past which that sector staggers its nodes over sub-rings instead).
  const radii: number[] = [0];
  for (let ring = 1; ring <= deepest; ring++) {
    let needed = 0;
    for (const id of ids) {
      const [from, to] = sectors.get(id)!;
      const n = requirements.filter((r) => r.ring === ring && r.frameworkId === id).length;
      if (n > 1) needed = Math.max(needed, (n * minGap) / Math.max(0.05, to - from));
    }
    const base = radii[ring - 1]! + ringStep;
    radii.push(Math.max(base, Math.min(needed, base + ringStep * 1.5)));
  }
  for (let ring = 1; ring <= deepest; ring++) {
    for (const id of ids) {
      const [from, to] = sectors.get(id)!;
      const mid = (from + to) / 2;
      const here = requirements.filter((n) => n.ring === ring && n.frameworkId === id);
      if (!here.length) continue;
      // Order by where each was reached from (its predecessor's angle, unwrapped around the sector's middle).
      const key = (n: FanoutNode) => {
        const a = angleOf(n.reach?.path.at(-1)?.fromId);
        if (a === null) return 0;
        let d = a - mid;
        while (d > Math.PI) d -= 2 * Math.PI;
        while (d < -Math.PI) d += 2 * Math.PI;
        return d;
      };
      here.sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id));
      const radius = radii[ring]!;
      const pad = Math.min(0.08, (to - from) * 0.08);
      const span = Math.max(0, to - from - 2 * pad);
      // Split the ring into staggered sub-rings when neighbours would sit closer than minGap.
      const perRing = Math.max(1, Math.floor((span * radius) / minGap));
      const layers = Math.ceil(here.length / perRing);
      const perLayer = Math.ceil(here.length / layers);
      here.forEach((n, i) => {
        const layer = i % layers;
        const slot = Math.floor(i / layers);
        const t = perLayer === 1 ? 0.5 : slot / (perLayer - 1);
        const a = from + pad + span * t;
        const r = radius + (layers > 1 ? (layer / (layers - 1) - 0.5) * ringStep * 0.6 : 0);
        positions.set(n.id, { x: Math.cos(a) * r, y: Math.sin(a) * r });
      });
    }
  }
  const outer = radii[deepest]! + ringStep;
  for (const f of frameworks) {
    const [from, to] = sectors.get(f.frameworkId) ?? [0, 0];
    const a = (from + to) / 2;
    positions.set(f.id, { x: Math.cos(a) * outer, y: Math.sin(a) * outer });
  }
  return { positions, sectors, radius: outer };
}
