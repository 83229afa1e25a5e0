import { describe, expect, it } from 'vitest';
import { createPicker } from '../../client/src/graph/hitTest.js';
import { widthStretch } from '../../client/src/graph/forceLayout.js';
import { chooseRenderer, CANVAS_THRESHOLD, declutterLabels, labelSides, pickLabels } from '../../client/src/graph/labels.js';
import { boundsOf, fitTransform, isVisible, toScreen, toWorld } from '../../client/src/graph/viewport.js';

describe('viewport', () => {
  it('fits bounds inside the box with padding, centred', () => {
    const b = boundsOf([{ x: -100, y: -50 }, { x: 300, y: 150 }]);
    const t = fitTransform(b, 800, 400, { padding: 20, maxScale: 10 });
    const tl = toScreen(t, b.minX, b.minY);
    const br = toScreen(t, b.maxX, b.maxY);
    expect(tl.x).toBeGreaterThanOrEqual(19.99);
    expect(tl.y).toBeGreaterThanOrEqual(19.99);
    expect(br.x).toBeLessThanOrEqual(780.01);
    expect(br.y).toBeLessThanOrEqual(380.01);
    expect((tl.x + br.x) / 2).toBeCloseTo(400);
    expect((tl.y + br.y) / 2).toBeCloseTo(200);
  });

  it('takes separate horizontal and vertical padding and never zooms past maxScale', () => {
    const t = fitTransform(boundsOf([{ x: 0, y: 0 }, { x: 10, y: 10 }]), 800, 400, { padding: { x: 200, y: 10 }, maxScale: 2 });
    expect(t.k).toBe(2);
    const wide = fitTransform(boundsOf([{ x: 0, y: 0 }, { x: 1000, y: 10 }]), 800, 400, { padding: { x: 200, y: 10 } });
    expect(wide.k).toBeCloseTo(0.4);
  });

  it('converts between screen and world both ways', () => {
    const t = { k: 2.5, x: 13, y: -7 };
    const w = toWorld(t, 100, 50);
    expect(toScreen(t, w.x, w.y)).toEqual({ x: 100, y: 50 });
    expect(isVisible(t, 200, 200, toWorld(t, 100, 100))).toBe(true);
    expect(isVisible(t, 200, 200, toWorld(t, 500, 100))).toBe(false);
  });

  it('has sane bounds for an empty graph', () => {
    expect(boundsOf([])).toEqual({ minX: -1, minY: -1, maxX: 1, maxY: 1 });
  });
});

describe('hit testing', () => {
  const picker = createPicker([
    { id: 'a', x: 0, y: 0, r: 5 },
    { id: 'b', x: 8, y: 0, r: 5 },
    { id: 'big', x: 100, y: 100, r: 30 },
  ]);
  it('finds the nearest node under the point', () => {
    expect(picker.find(1, 0)).toBe('a');
    expect(picker.find(7, 1)).toBe('b');
    expect(picker.find(120, 100)).toBe('big');
  });
  it('finds nothing on empty space, unless within the slop', () => {
    expect(picker.find(50, 50)).toBeNull();
    expect(picker.find(0, 8)).toBeNull();
    expect(picker.find(0, 8, 4)).toBe('a');
  });
  it('stays quick with 5,000 nodes', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `n${i}`, x: (i % 100) * 10, y: Math.floor(i / 100) * 10, r: 4 }));
    const p = createPicker(many);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) p.find((i * 7) % 1000, (i * 13) % 500);
    expect(performance.now() - start).toBeLessThan(200);
    expect(p.find(500, 250)).toBe('n2550');
  });
});

describe('renderer and labels', () => {
  it('switches to canvas past the threshold', () => {
    expect(chooseRenderer(CANVAS_THRESHOLD)).toBe('svg');
    expect(chooseRenderer(CANVAS_THRESHOLD + 1)).toBe('canvas');
  });
  it('labels pinned nodes first, then the best connected, within a budget', () => {
    const nodes = [{ id: 'p', pinned: true }, { id: 'x', degree: 1 }, { id: 'y', degree: 9 }, { id: 'z', degree: 5 }];
    expect([...pickLabels(nodes, 3)]).toEqual(['p', 'y', 'z']);
    expect(pickLabels(Array.from({ length: 1000 }, (_, i) => ({ id: `n${i}`, degree: i }))).size).toBe(30);
  });

  it('points labels away from the selected node, or from the middle when none is selected; a node\'s own side wins', () => {
    const nodes = [
      { id: 'centre', x: 100 },
      { id: 'west', x: 20 },
      { id: 'east', x: 180 },
      { id: 'above', x: 100.5 },
      { id: 'pinned', x: 10, labelSide: 'right' as const },
    ];
    expect(Object.fromEntries(labelSides(nodes, 'centre'))).toEqual({ centre: 'right', west: 'left', east: 'right', above: 'right', pinned: 'right' });
    // Selected near the east edge: everything west of it reads leftwards.
    expect(labelSides(nodes, 'east').get('centre')).toBe('left');
    // No selection: the mean x (82) is the middle.
    expect(Object.fromEntries(labelSides(nodes.slice(0, 3)))).toEqual({ centre: 'right', west: 'left', east: 'right' });
  });

  it('widens a force layout for a wide panel, never narrows it, and caps the stretch', () => {
    expect(widthStretch(1360, 420)).toBeCloseTo(1.943, 3);
    expect(widthStretch(400, 520)).toBe(1);
    expect(widthStretch(4000, 400)).toBe(2);
    expect(widthStretch(0, 400)).toBe(1);
  });

  it('drops a label that would cover one drawn before it wherever it goes, unless it must be kept', () => {
    // r 0: a right label starts 4px right of its node's centre, a left one ends 4px left of it; one under or over its
    // node is centred on it, its middle line 9px away; lines are 14px high.
    const boxes = [
      { id: 'start', cx: -4, cy: 0, r: 0, width: 60, side: 'right' as const, keep: true },
      { id: 'leftOfStart', cx: 2, cy: 0, r: 0, width: 50, side: 'left' as const },
      // Covers "start" on its right and on its left: goes under its node (x 6–46, y 7–21), clear of "start" (y −7–7).
      { id: 'overlapsStart', cx: 26, cy: 5, r: 0, width: 40, side: 'right' as const },
      // Covers "start" to either side and over its node, and "overlapsStart" under it.
      { id: 'crowded', cx: 26, cy: 8, r: 0, width: 40, side: 'right' as const },
      { id: 'kept', cx: 6, cy: 2, r: 0, width: 10, side: 'right' as const, keep: true },
    ];
    expect([...declutterLabels(boxes)]).toEqual([['start', 'right'], ['leftOfStart', 'left'], ['overlapsStart', 'below'], ['kept', 'right']]);
  });

  it('puts a label on its other side when its own side is taken, else under or over its node, and never over another node', () => {
    const first = { id: 'first', cx: 0, cy: 0, r: 5, width: 50, side: 'right' as const };
    // "second" sits just right of "first" and would rather point left, across "first"'s label: it turns right.
    const second = { id: 'second', cx: 80, cy: 2, r: 5, width: 50, side: 'left' as const };
    expect([...declutterLabels([first, second])]).toEqual([['first', 'right'], ['second', 'right']]);

    // A node 30px right of "lone" is under its right-hand label (which starts at 9 and runs to 59): the label turns left.
    const lone = { id: 'lone', cx: 0, cy: 0, r: 5, width: 50, side: 'right' as const };
    const nodes = [{ id: 'lone', x: 0, y: 0, r: 5 }, { id: 'neighbour', x: 30, y: 3, r: 5 }];
    expect([...declutterLabels([lone], nodes)]).toEqual([['lone', 'left']]);
    // Nodes under both sides: the label goes under its node, or over it when it leans that way (away from the middle).
    const flanked = [...nodes, { id: 'west', x: -30, y: 0, r: 5 }];
    expect([...declutterLabels([lone], flanked)]).toEqual([['lone', 'below']]);
    expect([...declutterLabels([{ ...lone, vertical: 'above' as const }], flanked)]).toEqual([['lone', 'above']]);
    // A node under it as well turns it over its node, even when it leans down.
    const boxed = [...flanked, { id: 'south', x: 0, y: 20, r: 5 }, { id: 'north', x: 0, y: -20, r: 5 }];
    expect([...declutterLabels([lone], boxed.filter((n) => n.id !== 'north'))]).toEqual([['lone', 'above']]);
    // Boxed in on four sides, it waits for hover, unless it must be kept, which keeps its own side.
    expect([...declutterLabels([lone], boxed)]).toEqual([]);
    expect([...declutterLabels([{ ...lone, keep: true }], boxed)]).toEqual([['lone', 'right']]);
    // A node just beyond the label's end, or just above its line, is clear of it.
    expect([...declutterLabels([lone], [{ id: 'far', x: 65, y: 0, r: 5 }, { id: 'above', x: 30, y: -13, r: 5 }])]).toEqual([['lone', 'right']]);
  });
});
