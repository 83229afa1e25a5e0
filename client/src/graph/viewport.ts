import type { Point } from './types.js';

/** screen = world × k + (x, y) */
export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boundsOf(points: Iterable<Point>, pad = 0): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  if (minX === Infinity) return { minX: -1, minY: -1, maxX: 1, maxY: 1 };
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}

/** The transform that shows all of `bounds` centred in a width × height box, never zooming in past maxScale. */
export function fitTransform(
  bounds: Bounds,
  width: number,
  height: number,
  { padding = 24, maxScale = 2, minScale = 0.02 }: { padding?: number | { x: number; y: number }; maxScale?: number; minScale?: number } = {},
): ViewTransform {
  const pad = typeof padding === 'number' ? { x: padding, y: padding } : padding;
  const w = Math.max(1e-6, bounds.maxX - bounds.minX);
  const h = Math.max(1e-6, bounds.maxY - bounds.minY);
  const k = Math.max(minScale, Math.min(maxScale, Math.max(1, width - 2 * pad.x) / w, Math.max(1, height - 2 * pad.y) / h));
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}

export const toWorld = (t: ViewTransform, sx: number, sy: number): Point => ({ x: (sx - t.x) / t.k, y: (sy - t.y) / t.k });
export const toScreen = (t: ViewTransform, wx: number, wy: number): Point => ({ x: wx * t.k + t.x, y: wy * t.k + t.y });

/** Whether a world point is inside the visible part of the screen (with a margin in screen pixels). */
export function isVisible(t: ViewTransform, width: number, height: number, p: Point, margin = 20): boolean {
  const s = toScreen(t, p.x, p.y);
  return s.x >= -margin && s.y >= -margin && s.x <= width + margin && s.y <= height + margin;
}
