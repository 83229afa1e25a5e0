import { quadtree } from 'd3';

export interface Pickable {
  id: string;
  x: number;
  y: number;
  r: number;
}

/**
 * Finds the node under a world-space point: a quadtree over the centres, searched out to the largest radius
 * plus `slop` (a few pixels of forgiveness, in world units), then checked against each candidate's own radius.
 */
export function createPicker(items: Pickable[]) {
  const tree = quadtree<Pickable>()
    .x((d) => d.x)
    .y((d) => d.y)
    .addAll(items);
  const maxR = items.reduce((m, d) => Math.max(m, d.r), 0);
  return {
    find(x: number, y: number, slop = 0): string | null {
      let best: Pickable | null = null;
      let bestDistance = Infinity;
      const reach = maxR + slop;
      tree.visit((node, x0, y0, x1, y1) => {
        if (!node.length) {
          let leaf: typeof node | undefined = node;
          while (leaf && !leaf.length) {
            const d = (leaf as { data: Pickable }).data;
            const distance = Math.hypot(d.x - x, d.y - y);
            if (distance <= d.r + slop && distance < bestDistance) {
              best = d;
              bestDistance = distance;
            }
            leaf = (leaf as { next?: typeof node }).next;
          }
        }
        return x0 > x + reach || y0 > y + reach || x1 < x - reach || y1 < y - reach;
      });
      return (best as Pickable | null)?.id ?? null;
    },
  };
}
