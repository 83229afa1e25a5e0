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

/** Where a label goes: beside its node (left, right) or centred under or over it. */
export type LabelSide = 'left' | 'right' | 'above' | 'below';

/** A label to place by its node (centre `cx, cy`, radius `r`, all in screen pixels), `width` wide. */
export interface LabelBox {
  id: string;
  cx: number;
  cy: number;
  r: number;
  width: number;
  /** The side it would rather be on (see labelSides). */
  side: 'left' | 'right';
  /** Under or over the node, when neither side is clear: the one away from the middle of the picture. */
  vertical?: 'above' | 'below';
  /** Shown on its own side whatever it overlaps (the selected node, the pinned ones). */
  keep?: boolean;
}

/** A node as drawn, which labels of other nodes should not cover. */
export interface NodeDisc {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** Pixels between a node's edge and its label's text. */
export const LABEL_GAP = 4;
/** The height of a line of label text, in pixels. */
export const LABEL_LINE = 14;

/** Roughly how wide a graph label of `text` is at the explorer's 12px label font (pinned labels are bold). */
export const labelWidth = (text: string, bold = false) => text.length * (bold ? 7.8 : 6.8);

/**
 * The point a label is drawn at, relative to its node's centre, with the alignment that goes with it: the text starts
 * there (right), ends there (left), or is centred on it with its middle line there (above, below).
 */
export function labelOffset(r: number, side: LabelSide): { dx: number; dy: number; align: 'start' | 'end' | 'middle' } {
  const out = r + LABEL_GAP;
  if (side === 'right') return { dx: out, dy: 0, align: 'start' };
  if (side === 'left') return { dx: -out, dy: 0, align: 'end' };
  const dy = r + 2 + LABEL_LINE / 2;
  return { dx: 0, dy: side === 'below' ? dy : -dy, align: 'middle' };
}

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const rectsOverlap = (a: Rect, b: Rect) => !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);

function rectMeetsDisc(rect: Rect, disc: NodeDisc): boolean {
  const dx = disc.x - Math.max(rect.left, Math.min(disc.x, rect.right));
  const dy = disc.y - Math.max(rect.top, Math.min(disc.y, rect.bottom));
  return dx * dx + dy * dy < disc.r * disc.r;
}

function labelRect(b: LabelBox, side: LabelSide): Rect {
  const { dx, dy, align } = labelOffset(b.r, side);
  const x = b.cx + dx;
  const y = b.cy + dy;
  const left = align === 'start' ? x : align === 'end' ? x - b.width : x - b.width / 2;
  return { left, right: left + b.width, top: y - LABEL_LINE / 2, bottom: y + LABEL_LINE / 2 };
}

const opposite = { left: 'right', right: 'left', above: 'below', below: 'above' } as const;

/**
 * Which labels to draw, and where, so that none covers another label or another node: in the given order (most
 * important first), a label goes on its preferred side if that is clear, else on the other side, else under or over
 * its node (away from the middle first), else it is left for hover and focus. A label that must be kept stays on its
 * side whatever it covers.
 */
export function declutterLabels(boxes: LabelBox[], nodes: NodeDisc[] = []): Map<string, LabelSide> {
  const placed: Rect[] = [];
  const shown = new Map<string, LabelSide>();
  const clear = (b: LabelBox, rect: Rect) => !placed.some((p) => rectsOverlap(rect, p)) && !nodes.some((n) => n.id !== b.id && rectMeetsDisc(rect, n));
  for (const b of boxes) {
    const vertical = b.vertical ?? 'below';
    const sides: LabelSide[] = b.keep ? [b.side] : [b.side, opposite[b.side], vertical, opposite[vertical]];
    const side = sides.find((candidate) => b.keep || clear(b, labelRect(b, candidate)));
    if (!side) continue;
    placed.push(labelRect(b, side));
    shown.set(b.id, side);
  }
  return shown;
}
