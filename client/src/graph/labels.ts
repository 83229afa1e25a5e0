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

/**
 * Which side of each node its label goes. A node's own choice wins; otherwise labels point away from the middle
 * of the picture (the selected node if there is one, else the mean position), so that on a star or a ring they
 * fan outwards instead of running across the lines into the centre.
 */
export function labelSides(nodes: Array<{ id: string; x: number; labelSide?: 'left' | 'right' }>, centreId?: string | null): Map<string, 'left' | 'right'> {
  const centre = nodes.find((n) => n.id === centreId)?.x ?? nodes.reduce((sum, n) => sum + n.x, 0) / Math.max(1, nodes.length);
  return new Map(nodes.map((n) => [n.id, n.labelSide ?? (n.x < centre - 1 ? 'left' : 'right')]));
}

/** A label as drawn: anchored at (x, y) on the node's side, `width` wide, centred vertically. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  side: 'left' | 'right';
  /** Shown whatever it overlaps (the selected node, the pinned ones). */
  keep?: boolean;
}

/** Roughly how wide a graph label of `text` is at the explorer's 12px label font (pinned labels are bold). */
export const labelWidth = (text: string, bold = false) => text.length * (bold ? 7.8 : 6.8);

/**
 * Which labels to draw so that none covers another: in the given order (most important first), a label is drawn
 * if it overlaps no label drawn before it, or if it must be kept. The rest show on hover and focus.
 */
export function declutterLabels(boxes: LabelBox[], lineHeight = 14): Set<string> {
  const placed: Array<{ left: number; right: number; top: number; bottom: number }> = [];
  const shown = new Set<string>();
  for (const b of boxes) {
    const rect = { left: b.side === 'left' ? b.x - b.width : b.x, right: b.side === 'left' ? b.x : b.x + b.width, top: b.y - lineHeight / 2, bottom: b.y + lineHeight / 2 };
    const clear = placed.every((p) => rect.right <= p.left || rect.left >= p.right || rect.bottom <= p.top || rect.top >= p.bottom);
    if (!clear && !b.keep) continue;
    placed.push(rect);
    shown.add(b.id);
  }
  return shown;
}
