import { forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation, forceX, forceY, randomLcg, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3';
import type { Point } from './types.js';

export interface LayoutNodeInput {
  id: string;
  /** Radial layouts: which ring (0 = centre). */
  ring?: number;
  r?: number;
}

export interface LayoutLinkInput {
  id?: string;
  source: string;
  target: string;
  /** 0–1: how hard the link pulls (membership links pull less than mappings). */
  weight?: number;
}

export interface SimNode extends SimulationNodeDatum {
  id: string;
  ring: number;
  r: number;
}

export interface SimLink extends SimulationLinkDatum<SimNode> {
  id: string;
  weight: number;
}

export interface SimulationOptions {
  nodes: LayoutNodeInput[];
  links: LayoutLinkInput[];
  /** Seed for d3-force's random source: the same seed gives the same picture. */
  seed?: number;
  /**
   * 'radial' puts ring n at n × ringStep from the centre; 'force' is a plain force layout; 'anchored' holds each
   * node near its entry in `anchors` (a layout computed elsewhere) and only keeps nodes from overlapping.
   */
  mode?: 'radial' | 'force' | 'anchored';
  ringStep?: number;
  anchors?: Map<string, Point>;
}

/** Nodes above which the layout trades polish for speed (no collision force, a cut-off for repulsion). */
export const LARGE_GRAPH = 1500;

/**
 * A stopped, seeded d3-force simulation. Call `settle` for a static picture or `restart()` to animate it.
 * Links to unknown nodes are dropped rather than thrown on, since filters may have removed their ends.
 */
export function createSimulation({ nodes, links, seed = 1, mode = 'force', ringStep = 110, anchors }: SimulationOptions) {
  const simNodes: SimNode[] = nodes.map((n, i) => {
    const ring = n.ring ?? 0;
    const node: SimNode = { id: n.id, ring, r: n.r ?? 5 };
    const anchor = anchors?.get(n.id);
    if (mode === 'anchored' && anchor) {
      node.x = anchor.x;
      node.y = anchor.y;
    } else if (mode === 'radial') {
      // Start on the node's own ring, spread by index, so the layout converges quickly and deterministically.
      const angle = (i * 2.399963) % (2 * Math.PI);
      node.x = Math.cos(angle) * ring * ringStep;
      node.y = Math.sin(angle) * ring * ringStep;
    }
    return node;
  });
  const known = new Set(simNodes.map((n) => n.id));
  const simLinks: SimLink[] = links
    .filter((l) => known.has(l.source) && known.has(l.target) && l.source !== l.target)
    .map((l, i) => ({ id: l.id ?? `${i}`, source: l.source, target: l.target, weight: l.weight ?? 1 }));
  const large = simNodes.length > LARGE_GRAPH;

  const simulation: Simulation<SimNode, SimLink> = forceSimulation<SimNode>(simNodes)
    .randomSource(randomLcg(seed))
    .stop();
  if (mode === 'anchored') {
    const at = (d: SimNode) => anchors?.get(d.id) ?? { x: 0, y: 0 };
    simulation
      .force('x', forceX<SimNode>((d) => at(d).x).strength(0.5))
      .force('y', forceY<SimNode>((d) => at(d).y).strength(0.5))
      .force('collide', forceCollide<SimNode>((d) => d.r + 2).iterations(2));
    // No link force here to resolve ids into nodes, so do it once by hand: every caller reads links as nodes.
    const byId = new Map(simNodes.map((n) => [n.id, n]));
    for (const l of simLinks) {
      l.source = byId.get(l.source as string)!;
      l.target = byId.get(l.target as string)!;
    }
    return { simulation, nodes: simNodes, links: simLinks };
  }
  const charge = forceManyBody<SimNode>().strength(large ? -12 : mode === 'radial' ? -80 : simNodes.length <= 150 ? -120 : -40).theta(large ? 1.2 : 0.9);
  if (large) charge.distanceMax(250);
  const link = forceLink<SimNode, SimLink>(simLinks)
    .id((d) => d.id)
    .distance(mode === 'radial' ? 40 : large ? 18 : simNodes.length <= 40 ? 90 : simNodes.length <= 150 ? 60 : 36);
  const defaultStrength = link.strength();
  link.strength((l, i, all) => (typeof defaultStrength === 'function' ? defaultStrength(l, i, all) : defaultStrength) * l.weight);
  simulation.force('charge', charge).force('link', link);
  if (mode === 'radial') {
    simulation.force('radial', forceRadial<SimNode>((d) => d.ring * ringStep, 0, 0).strength((d) => (d.ring === 0 ? 1 : 0.6)));
  } else {
    simulation.force('x', forceX<SimNode>(0).strength(large ? 0.02 : 0.06)).force('y', forceY<SimNode>(0).strength(large ? 0.02 : 0.06));
  }
  if (!large) simulation.force('collide', forceCollide<SimNode>((d) => d.r + 3).iterations(1));
  return { simulation, nodes: simNodes, links: simLinks };
}

/**
 * How much wider than tall a settled force layout is drawn. A force layout comes out round, and the explorer's
 * graph panels are about three times wider than tall: drawn round, a star of thirty neighbours would use a third
 * of the panel and pile its labels up at the top and bottom.
 */
export function widthStretch(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 1;
  return Math.max(1, Math.min(2, (width / height) * 0.6));
}

/** How many synchronous ticks make a static layout: fewer for big graphs, which keep animating instead. */
export function settleTicks(nodeCount: number, mode: SimulationOptions['mode'] = 'force'): number {
  if (mode === 'anchored') return 40;
  if (nodeCount <= 300) return 300;
  if (nodeCount <= LARGE_GRAPH) return 120;
  return 0;
}

/** Runs a simulation to rest synchronously and returns the positions. */
export function settle(simulation: Simulation<SimNode, SimLink>, ticks: number): Map<string, Point> {
  simulation.stop();
  if (ticks > 0) simulation.tick(ticks);
  return positionsOf(simulation.nodes());
}

export function positionsOf(nodes: SimNode[]): Map<string, Point> {
  return new Map(nodes.map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}

/** A static, seeded layout in one call. */
export function layoutGraph(options: SimulationOptions & { ticks?: number }): Map<string, Point> {
  const { simulation } = createSimulation(options);
  return settle(simulation, options.ticks ?? settleTicks(options.nodes.length, options.mode));
}

/**
 * While a node of a large graph is dragged, repulsion (the Barnes–Hut many-body force, most of a tick's cost at
 * thousands of nodes) is paused so frames keep up with the pointer; links still pull neighbours along. Returns
 * the function that puts it back.
 */
export function pauseRepulsion(simulation: Simulation<SimNode, SimLink>, nodeCount: number): () => void {
  if (nodeCount <= LARGE_GRAPH) return () => {};
  const charge = simulation.force('charge');
  const collide = simulation.force('collide');
  simulation.force('charge', null).force('collide', null);
  return () => {
    if (charge) simulation.force('charge', charge);
    if (collide) simulation.force('collide', collide);
  };
}
