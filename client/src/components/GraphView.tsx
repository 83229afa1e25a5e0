import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { createSimulation, pauseRepulsion, settle, settleTicks, widthStretch, type SimLink, type SimNode } from '../graph/forceLayout.js';
import { createPicker } from '../graph/hitTest.js';
import { chooseRenderer, declutterLabels, labelOffset, labelSides, labelWidth, pickLabels, type LabelSide } from '../graph/labels.js';
import type { Shape } from '../graph/palette.js';
import { shapeCorners, shapePath } from '../graph/shapes.js';
import type { Point } from '../graph/types.js';
import { boundsOf, fitTransform, toScreen, toWorld, type ViewTransform } from '../graph/viewport.js';

export interface GraphNode {
  id: string;
  label: string;
  /** One sentence for screen readers and the tooltip heading. */
  description: string;
  color: string;
  shape: Shape;
  r: number;
  ring?: number;
  /** Always labelled. */
  pinned?: boolean;
  outline?: 'solid' | 'dashed';
  faded?: boolean;
  /** Which side of the node its label goes (default: away from the middle of the picture). */
  labelSide?: 'left' | 'right';
}

export interface GraphLink {
  id: string;
  source: string;
  target: string;
  color: string;
  width: number;
  dash: string | null;
  weight?: number;
  faded?: boolean;
}

export type GraphTarget = { kind: 'node'; id: string } | { kind: 'link'; id: string };

export interface GraphViewProps {
  nodes: GraphNode[];
  links: GraphLink[];
  mode?: 'radial' | 'force' | 'anchored';
  /** Positions for mode 'anchored' (a layout computed by a graph/*.ts module). */
  anchors?: Map<string, Point>;
  seed?: number;
  height?: number;
  renderer?: 'auto' | 'svg' | 'canvas';
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  renderTooltip?: (target: GraphTarget) => ReactNode;
  /** What the graph shows, for screen readers. */
  label: string;
  /** Called once the first frame is on screen. */
  onRendered?: (info: { renderer: 'svg' | 'canvas'; nodes: number }) => void;
}

interface Drag {
  pointerId: number;
  id: string | null;
  startX: number;
  startY: number;
  tx: number;
  ty: number;
  moved: boolean;
  resume?: () => void;
}

declare global {
  interface Window {
    /** Test and benchmark hook: where a graph's nodes are on screen. */
    __crosswalkGraphs?: Map<string, { nodeIds: () => string[]; screenPosition: (id: string) => { x: number; y: number } | null; renderer: 'svg' | 'canvas' }>;
  }
}

const MIN_K = 0.02;
const MAX_K = 8;
const screenRadius = (r: number, k: number) => r * Math.max(0.7, Math.min(1.8, Math.sqrt(k)));

/**
 * A node-link picture with pan, zoom, drag, hover and keyboard focus. SVG for small graphs, a canvas past
 * CANVAS_THRESHOLD nodes. Layout maths is in graph/forceLayout.ts; this component only draws and listens.
 */
export function GraphView({ nodes, links, mode = 'force', anchors, seed = 1, height = 520, renderer = 'auto', selectedId, onSelect, renderTooltip, label, onRendered }: GraphViewProps) {
  const kind = renderer === 'auto' ? chooseRenderer(nodes.length) : renderer;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const transform = useRef<ViewTransform>({ k: 1, x: 0, y: 0 });
  const userMoved = useRef(false);
  const [, setFrame] = useState(0);
  const [hover, setHover] = useState<GraphTarget | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const drag = useRef<Drag | null>(null);
  const rendered = useRef(false);
  const dirtyPicker = useRef(true);
  const pickerRef = useRef<ReturnType<typeof createPicker> | null>(null);

  const style = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const linkStyle = useMemo(() => new Map(links.map((l) => [l.id, l])), [links]);
  const sim = useMemo(() => {
    const s = createSimulation({
      nodes: nodes.map((n) => ({ id: n.id, ring: n.ring, r: n.r })),
      links: links.map((l) => ({ id: l.id, source: l.source, target: l.target, weight: l.weight })),
      seed,
      mode,
      anchors,
    });
    const ticks = settleTicks(nodes.length, mode);
    settle(s.simulation, ticks);
    return { ...s, byId: new Map(s.nodes.map((n) => [n.id, n])), live: ticks === 0, settledX: new Map(s.nodes.map((n) => [n.id, n.x ?? 0])) };
  }, [nodes, links, seed, mode, anchors]);
  // A settled force layout is widened to the panel's shape (an animated one keeps moving, so it is left alone).
  const stretch = mode === 'force' && !sim.live ? widthStretch(width, height) : 1;
  useMemo(() => {
    for (const n of sim.nodes) n.x = (sim.settledX.get(n.id) ?? 0) * stretch;
  }, [sim, stretch]);
  const sides = useMemo(
    () => labelSides(sim.nodes.map((n) => ({ id: n.id, x: n.x ?? 0, labelSide: style.get(n.id)?.labelSide })), selectedId),
    [sim, stretch, style, selectedId],
  );
  const labelled = useMemo(() => {
    const degree = new Map<string, number>();
    for (const l of links) {
      degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
      degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
    }
    return pickLabels(nodes.map((n) => ({ id: n.id, pinned: n.pinned, degree: degree.get(n.id) ?? 0 })));
  }, [nodes, links]);

  const fitRef = useRef<() => void>(() => {});
  const fit = useCallback(() => {
    if (!width) return;
    // Room for the longest always-shown label on either side, in screen pixels.
    const longest = nodes.reduce((m, n) => (n.pinned ? Math.max(m, n.label.length) : m), 4);
    const padding = { x: Math.min(width / 4, 24 + longest * 6.8), y: 28 };
    transform.current = fitTransform(boundsOf(sim.nodes.map((n) => ({ x: n.x ?? 0, y: n.y ?? 0 }))), width, height, { padding, maxScale: 1.6, minScale: MIN_K });
  }, [sim, width, height, nodes, stretch]);
  fitRef.current = fit;

  // Drawing -------------------------------------------------------------------------------------------------
  const raf = useRef<number | null>(null);
  const focusedId = focusIndex !== null ? (nodes[focusIndex]?.id ?? null) : null;
  const hoverId = hover?.kind === 'node' ? hover.id : null;
  const highlight = useRef({ selectedId, hoverId, focusedId });
  highlight.current = { selectedId, hoverId, focusedId };

  const drawCanvas = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas || !width) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const t = transform.current;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const sx = (n: SimNode) => (n.x ?? 0) * t.k + t.x;
    const sy = (n: SimNode) => (n.y ?? 0) * t.k + t.y;
    const inView = (x: number, y: number) => x > -20 && y > -20 && x < width + 20 && y < height + 20;

    const linkGroups = new Map<string, SimLink[]>();
    for (const l of sim.links) {
      const s = linkStyle.get(l.id);
      const key = s ? `${s.color}|${s.width}|${s.dash ?? ''}|${s.faded ? 1 : 0}` : '#999|1||0';
      (linkGroups.get(key) ?? linkGroups.set(key, []).get(key)!).push(l);
    }
    for (const [key, group] of linkGroups) {
      const [color, w, dash, faded] = key.split('|');
      ctx.beginPath();
      for (const l of group) {
        const a = l.source as SimNode;
        const b = l.target as SimNode;
        const ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b);
        if (!inView(ax, ay) && !inView(bx, by)) continue;
        ctx.moveTo(ax, ay);
        ctx.lineTo(bx, by);
      }
      ctx.globalAlpha = faded === '1' ? 0.15 : 0.7;
      ctx.strokeStyle = color!;
      ctx.lineWidth = Number(w);
      ctx.setLineDash(dash ? dash.split(' ').map(Number) : []);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;

    const nodeGroups = new Map<string, SimNode[]>();
    for (const n of sim.nodes) {
      const s = style.get(n.id);
      const key = `${s?.color ?? '#888'}|${s?.shape ?? 'circle'}|${s?.faded ? 1 : 0}`;
      (nodeGroups.get(key) ?? nodeGroups.set(key, []).get(key)!).push(n);
    }
    for (const [key, group] of nodeGroups) {
      const [color, shape, faded] = key.split('|') as [string, Shape, string];
      ctx.beginPath();
      for (const n of group) {
        const x = sx(n), y = sy(n);
        if (!inView(x, y)) continue;
        const r = screenRadius(n.r, t.k);
        // Below a few pixels a shape cannot be told apart anyway: a square is far cheaper to rasterise than an arc.
        if (r < 3.5) ctx.rect(x - r, y - r, 2 * r, 2 * r);
        else traceShape(ctx, shape, x, y, r);
      }
      ctx.globalAlpha = faded === '1' ? 0.25 : 1;
      ctx.fillStyle = color;
      ctx.fill();
      if (screenRadius(group[0]!.r, t.k) >= 3.5) {
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    // Dashed outlines (partial support), then highlights.
    ctx.beginPath();
    for (const n of sim.nodes) if (style.get(n.id)?.outline === 'dashed') traceShape(ctx, style.get(n.id)!.shape, sx(n), sy(n), screenRadius(n.r, t.k) + 2.5);
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1.2;
    ctx.stroke();
    ctx.setLineDash([]);
    const h = highlight.current;
    for (const [id, color, widthPx] of [
      [h.selectedId, '#000', 3],
      [h.hoverId, '#000', 2],
      [h.focusedId, '#0047ab', 3],
    ] as const) {
      const n = id ? sim.byId.get(id) : undefined;
      if (!n) continue;
      ctx.beginPath();
      ctx.arc(sx(n), sy(n), screenRadius(n.r, t.k) + 5, 0, Math.PI * 2);
      ctx.strokeStyle = color;
      ctx.lineWidth = widthPx;
      ctx.stroke();
    }
    // Labels
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (const { s, x, y, align } of labelsToDraw({ sim, style, labelled, sides, t, ...h })) {
      if (!inView(x, y)) continue;
      ctx.textAlign = align === 'end' ? 'right' : align === 'middle' ? 'center' : 'left';
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.lineWidth = 3;
      ctx.strokeText(s.label, x, y);
      ctx.fillStyle = '#111';
      ctx.fillText(s.label, x, y);
    }
  }, [sim, style, linkStyle, labelled, sides, width, height]);

  // Ticks and pointer handlers outlive renders: they reach the current drawing code through refs.
  const drawRef = useRef(drawCanvas);
  drawRef.current = drawCanvas;
  const kindRef = useRef(kind);
  kindRef.current = kind;
  const requestDraw = useCallback(() => {
    dirtyPicker.current = true;
    if (raf.current !== null) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = null;
      if (kindRef.current === 'canvas') drawRef.current();
      else setFrame((f) => f + 1);
    });
  }, []);

  // Size
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.floor(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new graph: fit it, and animate it if it was too big to settle synchronously.
  useEffect(() => {
    userMoved.current = false;
    rendered.current = false;
    setFocusIndex(null);
    setHover(null);
    const { simulation } = sim;
    let ticks = 0;
    simulation.on('tick', () => {
      ticks++;
      if (!userMoved.current && (ticks < 60 ? ticks % 5 === 0 : ticks % 30 === 0)) fitRef.current();
      requestDraw();
    });
    if (sim.live) simulation.alpha(1).restart();
    return () => {
      simulation.on('tick', null);
      simulation.stop();
    };
  }, [sim, requestDraw]);

  useEffect(() => {
    if (!userMoved.current) fit();
    requestDraw();
  }, [fit, drawCanvas, requestDraw]);

  useEffect(() => {
    if (kind === 'canvas') requestDraw();
  }, [kind, selectedId, hoverId, focusedId, requestDraw]);

  useEffect(
    () => () => {
      if (raf.current !== null) cancelAnimationFrame(raf.current);
      raf.current = null;
    },
    [],
  );

  // Tell the page once something is on screen.
  useEffect(() => {
    if (rendered.current || !width) return;
    rendered.current = true;
    requestAnimationFrame(() => onRendered?.({ renderer: kind, nodes: nodes.length }));
  });

  // Test/benchmark hook.
  useEffect(() => {
    const registry = (window.__crosswalkGraphs ??= new Map());
    registry.set(label, {
      renderer: kind,
      nodeIds: () => sim.nodes.map((n) => n.id),
      screenPosition: (id: string) => {
        const n = sim.byId.get(id);
        const rect = containerRef.current?.getBoundingClientRect();
        if (!n || !rect) return null;
        const p = toScreen(transform.current, n.x ?? 0, n.y ?? 0);
        return { x: rect.left + p.x, y: rect.top + p.y };
      },
    });
    return () => void registry.delete(label);
  }, [label, sim, kind]);

  // Pointer: drag nodes, pan the background, wheel to zoom ------------------------------------------------------
  const local = (e: { clientX: number; clientY: number }) => {
    const rect = containerRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const pick = (sx: number, sy: number): string | null => {
    if (dirtyPicker.current || !pickerRef.current) {
      pickerRef.current = createPicker(sim.nodes.map((n) => ({ id: n.id, x: n.x ?? 0, y: n.y ?? 0, r: n.r })));
      dirtyPicker.current = false;
    }
    const t = transform.current;
    const w = toWorld(t, sx, sy);
    return pickerRef.current.find(w.x, w.y, 6 / t.k);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const p = local(e);
    const id = pick(p.x, p.y);
    try {
      containerRef.current?.setPointerCapture?.(e.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; dragging still works inside the graph.
    }
    drag.current = { pointerId: e.pointerId, id, startX: p.x, startY: p.y, tx: transform.current.x, ty: transform.current.y, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const p = local(e);
    const d = drag.current;
    if (d && d.pointerId === e.pointerId) {
      if (!d.moved && Math.hypot(p.x - d.startX, p.y - d.startY) < 3) return;
      const starting = !d.moved;
      d.moved = true;
      userMoved.current = true;
      if (d.id) {
        const n = sim.byId.get(d.id);
        if (n) {
          const w = toWorld(transform.current, p.x, p.y);
          n.fx = w.x;
          n.fy = w.y;
          // The rest of the graph follows the dragged node while the simulation runs.
          if (starting) {
            d.resume = pauseRepulsion(sim.simulation, sim.nodes.length);
            sim.simulation.alphaTarget(0.3).restart();
          }
          requestDraw();
        }
      } else {
        transform.current = { ...transform.current, x: d.tx + (p.x - d.startX), y: d.ty + (p.y - d.startY) };
        requestDraw();
      }
      return;
    }
    const target = e.target as Element;
    const linkId = target.getAttribute?.('data-link');
    const id = pick(p.x, p.y);
    const next: GraphTarget | null = id ? { kind: 'node', id } : linkId ? { kind: 'link', id: linkId } : null;
    if (next?.id !== hover?.id || next?.kind !== hover?.kind) setHover(next);
  };
  const endDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    if (containerRef.current?.hasPointerCapture?.(e.pointerId)) containerRef.current.releasePointerCapture(e.pointerId);
    if (d.id) {
      const n = sim.byId.get(d.id);
      if (d.moved && n) {
        // A dragged node stays where it is put in a computed layout; in a force layout it rejoins the dance.
        if (mode !== 'anchored') {
          n.fx = null;
          n.fy = null;
        }
        d.resume?.();
        sim.simulation.alphaTarget(0);
      } else if (!d.moved) onSelect?.(d.id);
    }
  };

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(e.clientX - rect.left, e.clientY - rect.top, Math.exp(-e.deltaY * 0.0015));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const zoomAt = (px: number, py: number, factor: number) => {
    const t = transform.current;
    const k = Math.max(MIN_K, Math.min(MAX_K, t.k * factor));
    transform.current = { k, x: px - ((px - t.x) * k) / t.k, y: py - ((py - t.y) * k) / t.k };
    userMoved.current = true;
    requestDraw();
  };

  // Keyboard: arrows walk the nodes, Enter opens, +/- zoom, 0 fits ---------------------------------------------
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const count = nodes.length;
    let handled = true;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        setFocusIndex((i) => (i === null ? 0 : Math.min(count - 1, i + 1)));
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        setFocusIndex((i) => (i === null ? 0 : Math.max(0, i - 1)));
        break;
      case 'Home':
        setFocusIndex(0);
        break;
      case 'End':
        setFocusIndex(count - 1);
        break;
      case 'Enter':
      case ' ':
        if (focusedId) onSelect?.(focusedId);
        break;
      case '+':
      case '=':
        zoomAt(width / 2, height / 2, 1.3);
        break;
      case '-':
        zoomAt(width / 2, height / 2, 1 / 1.3);
        break;
      case '0':
        userMoved.current = false;
        fit();
        requestDraw();
        break;
      case 'Escape':
        setFocusIndex(null);
        setHover(null);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  // Keep the focused node in view.
  useEffect(() => {
    if (!focusedId) return;
    const n = sim.byId.get(focusedId);
    if (!n) return;
    const t = transform.current;
    const p = toScreen(t, n.x ?? 0, n.y ?? 0);
    if (p.x < 20 || p.y < 20 || p.x > width - 20 || p.y > height - 20) {
      transform.current = { ...t, x: width / 2 - (n.x ?? 0) * t.k, y: height / 2 - (n.y ?? 0) * t.k };
      requestDraw();
    }
  }, [focusedId, sim, width, height, requestDraw]);

  const tipTarget: GraphTarget | null = focusedId ? { kind: 'node', id: focusedId } : hover;
  const tipNode = tipTarget?.kind === 'node' ? sim.byId.get(tipTarget.id) : undefined;
  const tipPos = (() => {
    if (!tipTarget) return null;
    const t = transform.current;
    if (tipNode) return toScreen(t, tipNode.x ?? 0, tipNode.y ?? 0);
    const l = sim.links.find((x) => x.id === tipTarget.id);
    if (!l) return null;
    const a = l.source as SimNode;
    const b = l.target as SimNode;
    return toScreen(t, ((a.x ?? 0) + (b.x ?? 0)) / 2, ((a.y ?? 0) + (b.y ?? 0)) / 2);
  })();
  const tooltip = tipTarget && tipPos && renderTooltip ? renderTooltip(tipTarget) : null;
  const focusedDescription = focusedId ? style.get(focusedId)?.description : '';

  return (
    <div className="graph">
      <div
        ref={containerRef}
        className={`graph-canvas graph-${kind}`}
        style={{ height }}
        tabIndex={0}
        role="group"
        aria-roledescription="graph"
        aria-label={`${label}. ${nodes.length} nodes. Arrow keys move between nodes, Enter opens one, plus and minus zoom, 0 fits.`}
        data-renderer={kind}
        data-nodes={nodes.length}
        data-zoom={transform.current.k.toFixed(3)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onPointerLeave={() => !drag.current && setHover(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setFocusIndex(null)}
      >
        {kind === 'canvas' ? (
          <canvas ref={canvasRef} style={{ width: '100%', height }} aria-hidden="true" />
        ) : (
          <SvgGraph sim={sim} style={style} sides={sides} linkStyle={linkStyle} labelled={labelled} t={transform.current} width={width} height={height} selectedId={selectedId ?? null} hoverId={hoverId} focusedId={focusedId} />
        )}
        {tooltip && tipPos && (
          <div className="graph-tooltip" role="tooltip" style={tooltipStyle(tipPos, width, height)}>
            {tooltip}
          </div>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {focusedDescription}
      </p>
      <p className="graph-help">Drag to move nodes or pan · wheel or +/− to zoom · 0 to fit · Tab in, then arrow keys to walk the nodes</p>
    </div>
  );
}

function tooltipStyle(p: { x: number; y: number }, width: number, height: number) {
  const left = p.x > width * 0.6;
  const top = p.y > height * 0.6;
  return {
    left: left ? undefined : Math.max(0, p.x + 14),
    right: left ? Math.max(0, width - p.x + 14) : undefined,
    top: top ? undefined : Math.max(0, p.y + 10),
    bottom: top ? Math.max(0, height - p.y + 10) : undefined,
  };
}

function traceShape(ctx: CanvasRenderingContext2D, shape: Shape, x: number, y: number, r: number) {
  const corners = shapeCorners(shape, r);
  if (!corners) {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
    return;
  }
  corners.forEach(([cx, cy], i) => (i ? ctx.lineTo(x + cx, y + cy) : ctx.moveTo(x + cx, y + cy)));
  ctx.closePath();
}

interface SvgGraphProps {
  sim: { nodes: SimNode[]; links: SimLink[]; byId: Map<string, SimNode> };
  style: Map<string, GraphNode>;
  sides: Map<string, 'left' | 'right'>;
  linkStyle: Map<string, GraphLink>;
  labelled: Set<string>;
  t: ViewTransform;
  width: number;
  height: number;
  selectedId: string | null;
  hoverId: string | null;
  focusedId: string | null;
}

/**
 * The labels to draw and where: the chosen ones (pinned first, then the best connected) that cover no label drawn
 * before them and no other node, on the side they lean to or else the other; the selected and pinned ones always,
 * and the hovered and focused node's whatever it covers.
 */
function labelsToDraw({ sim, style, labelled, sides, t, selectedId, hoverId, focusedId }: {
  sim: { nodes: SimNode[]; byId: Map<string, SimNode> }; style: Map<string, GraphNode>; labelled: Set<string>; sides: Map<string, 'left' | 'right'>; t: ViewTransform;
  selectedId?: string | null; hoverId: string | null; focusedId: string | null;
}) {
  const disc = (n: SimNode) => ({ id: n.id, x: (n.x ?? 0) * t.k + t.x, y: (n.y ?? 0) * t.k + t.y, r: screenRadius(n.r, t.k) });
  const place = (id: string, side: LabelSide = sides.get(id) ?? 'right') => {
    const n = sim.byId.get(id);
    const s = style.get(id);
    if (!n || !s) return null;
    const d = disc(n);
    const { dx, dy, align } = labelOffset(d.r, side);
    return { n, s, dx, dy, align, x: d.x + dx, y: d.y + dy };
  };
  const middleY = sim.byId.get(selectedId ?? '')?.y ?? sim.nodes.reduce((sum, n) => sum + (n.y ?? 0), 0) / Math.max(1, sim.nodes.length);
  const chosen = [...labelled].flatMap((id) => {
    const n = sim.byId.get(id);
    const s = style.get(id);
    return n && s && (t.k >= 0.35 || s.pinned) ? [{ n, s }] : [];
  });
  const keep = (p: (typeof chosen)[number]) => !!p.s.pinned || p.n.id === selectedId;
  const ordered = [...chosen.filter(keep), ...chosen.filter((p) => !keep(p))];
  // A dashed outline (a proposed or out-of-scope node) is part of what a label should not cover.
  const nodes = sim.nodes.flatMap((n) => {
    const s = style.get(n.id);
    if (!s) return [];
    const d = disc(n);
    return [{ ...d, r: d.r + (s.outline === 'dashed' ? 3 : 0) }];
  });
  const shown = declutterLabels(
    ordered.map(({ n, s }) => {
      const d = disc(n);
      const vertical = (n.y ?? 0) < middleY ? ('above' as const) : ('below' as const);
      return { id: n.id, cx: d.x, cy: d.y, r: d.r, width: labelWidth(s.label, s.pinned), side: sides.get(n.id) ?? 'right', vertical, keep: keep({ n, s }) };
    }),
    nodes,
  );
  for (const id of [hoverId, focusedId]) if (id && !shown.has(id)) shown.set(id, sides.get(id) ?? 'right');
  return [...shown].map(([id, side]) => place(id, side)).filter((p): p is NonNullable<typeof p> => p !== null);
}

function SvgGraph({ sim, style, sides, linkStyle, labelled, t, width, height, selectedId, hoverId, focusedId }: SvgGraphProps) {
  const sx = (n: SimNode) => (n.x ?? 0) * t.k + t.x;
  const sy = (n: SimNode) => (n.y ?? 0) * t.k + t.y;
  const labels = new Map(labelsToDraw({ sim, style, labelled, sides, t, selectedId, hoverId, focusedId }).map((p) => [p.n.id, p]));
  return (
    <svg width={width} height={height} aria-hidden="true" focusable="false">
      <g className="links">
        {sim.links.map((l) => {
          const s = linkStyle.get(l.id);
          const a = l.source as SimNode;
          const b = l.target as SimNode;
          return (
            <g key={l.id}>
              <line x1={sx(a)} y1={sy(a)} x2={sx(b)} y2={sy(b)} stroke={s?.color ?? '#999'} strokeWidth={s?.width ?? 1} strokeDasharray={s?.dash ?? undefined} opacity={s?.faded ? 0.15 : 0.8} data-kind={s?.dash ? 'dashed' : 'solid'} />
              <line className="hit" data-link={l.id} x1={sx(a)} y1={sy(a)} x2={sx(b)} y2={sy(b)} stroke="transparent" strokeWidth={9} />
            </g>
          );
        })}
      </g>
      <g className="nodes">
        {sim.nodes.map((n) => {
          const s = style.get(n.id);
          if (!s) return null;
          const r = screenRadius(n.r, t.k);
          const x = sx(n);
          const y = sy(n);
          const label = labels.get(n.id);
          const ring = n.id === selectedId ? '#000' : n.id === focusedId ? '#0047ab' : n.id === hoverId ? '#000' : null;
          return (
            <g key={n.id} transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`} opacity={s.faded ? 0.25 : 1} data-node={n.id}>
              {ring && <circle r={r + 5} fill="none" stroke={ring} strokeWidth={n.id === hoverId && n.id !== selectedId ? 2 : 3} />}
              <path d={shapePath(s.shape, r)} fill={s.color} stroke="#fff" strokeWidth={1.5} />
              {s.outline === 'dashed' && <path d={shapePath(s.shape, r + 2.5)} fill="none" stroke="#222" strokeWidth={1.2} strokeDasharray="3 2" />}
              {label && (
                <text x={label.dx} y={label.dy} dominantBaseline="middle" textAnchor={label.align} className={s.pinned ? 'label pinned' : 'label'}>
                  {s.label}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
