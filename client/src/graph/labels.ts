/** Graphs with more nodes than this are drawn on a canvas; SVG keeps every node in the DOM below it. */
export const CANVAS_THRESHOLD = 300;

export const chooseRenderer = (nodeCount: number, threshold = CANVAS_THRESHOLD): 'svg' | 'canvas' => (nodeCount > threshold ? 'canvas' : 'svg');

/**
 * Which nodes get a text label: always the pinned ones (the start, frameworks), then the best connected, up to a
 * budget that shrinks as the graph grows so labels never pile up into noise.
 */
export function pickLabels(nodes: Array<{ id: string; pinned?: boolean; degree?: number }>, budget = labelBudget(nodes.length)): Set<string> {
  const out = new Set(nodes.filter((n) => n.pinned).map((n) => n.id));
  const rest = nodes.filter((n) => !n.pinned).sort((a, b) => (b.degree ?? 0) - (a.degree ?? 0) || a.id.localeCompare(b.id));
  for (const n of rest) {
    if (out.size >= budget) break;
    out.add(n.id);
  }
  return out;
}

export function labelBudget(nodeCount: number): number {
  if (nodeCount <= 80) return nodeCount;
  if (nodeCount <= CANVAS_THRESHOLD) return 60;
  return 30;
}
