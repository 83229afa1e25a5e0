import type { Shape } from './palette.js';

/** Polygon corners of a shape of "radius" r centred on 0,0; null for a circle. Areas roughly match a circle's. */
export function shapeCorners(shape: Shape, r: number): Array<[number, number]> | null {
  switch (shape) {
    case 'square': {
      const s = r * 0.886;
      return [[-s, -s], [s, -s], [s, s], [-s, s]];
    }
    case 'diamond': {
      const d = r * 1.25;
      return [[0, -d], [d, 0], [0, d], [-d, 0]];
    }
    case 'triangle': {
      const t = r * 1.35;
      return [[0, -t], [t * 0.866, t * 0.5], [-t * 0.866, t * 0.5]];
    }
    default:
      return null;
  }
}

const n = (v: number) => Number(v.toFixed(2));

/** An SVG path for the shape, centred on 0,0. */
export function shapePath(shape: Shape, r: number): string {
  const corners = shapeCorners(shape, r);
  if (!corners) return `M${n(-r)},0A${n(r)},${n(r)} 0 1,0 ${n(r)},0A${n(r)},${n(r)} 0 1,0 ${n(-r)},0Z`;
  return `${corners.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)},${n(y)}`).join('')}Z`;
}
