import { interpolateBlues } from 'd3';
import { stepSupport } from './support.js';
import type { FrameworkInfo, Relationship, Support } from './types.js';

/** Okabe & Ito's palette: eight colours that stay apart for the common kinds of colour blindness. */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  reddishPurple: '#CC79A7',
  skyBlue: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  black: '#000000',
} as const;

export const CATEGORICAL: readonly string[] = Object.values(OKABE_ITO);
export const SHAPES = ['circle', 'square', 'diamond', 'triangle'] as const;
export type Shape = (typeof SHAPES)[number];

export interface FrameworkStyle {
  color: string;
  shape: Shape;
  /** Black or white, whichever reads better on `color`. */
  ink: string;
}

/**
 * The families Crosswalk ships, each with a colour of its own (the eight Okabe–Ito colours, in this order). They keep
 * these colours whatever else is loaded: an imported framework takes the next free place instead of shifting theirs,
 * so ISO/IEC 42001 is drawn the same before and after a catalog is imported.
 */
export const SHIPPED_FAMILIES: readonly string[] = ['eu-ai-act', 'hitrust-ai', 'iso27001', 'iso27701', 'iso42001', 'iso9001', 'nist-ai-600-1', 'nist-ai-rmf'];

/**
 * One colour per framework family and one shape per edition inside a family, so two editions of ISO/IEC 27701
 * share a colour but not a shape and nothing depends on colour alone. Stable: the shipped families have fixed
 * places, the others follow sorted by id; past eight families colours repeat with another shape, and a
 * colour-and-shape pair is never given twice while one is free.
 */
export function frameworkStyles(frameworks: Array<Pick<FrameworkInfo, 'id' | 'family'>>): Map<string, FrameworkStyle> {
  const sorted = [...frameworks].sort((a, b) => a.id.localeCompare(b.id));
  const families: string[] = [...SHIPPED_FAMILIES];
  for (const f of sorted) {
    const family = f.family || f.id;
    if (!families.includes(family)) families.push(family);
  }
  const editions = new Map<string, number>();
  const used = new Set<string>();
  const styles = new Map<string, FrameworkStyle>();
  for (const f of sorted) {
    const family = f.family || f.id;
    const familyIndex = families.indexOf(family);
    const edition = editions.get(family) ?? 0;
    editions.set(family, edition + 1);
    const color = CATEGORICAL[familyIndex % CATEGORICAL.length]!;
    const first = edition + Math.floor(familyIndex / CATEGORICAL.length);
    let shape = SHAPES[first % SHAPES.length]!;
    for (let i = 0; i < SHAPES.length && used.has(`${color}/${shape}`); i++) shape = SHAPES[(first + i + 1) % SHAPES.length]!;
    used.add(`${color}/${shape}`);
    styles.set(f.id, { color, shape, ink: readableInk(color) });
  }
  return styles;
}

export const FALLBACK_STYLE: FrameworkStyle = { color: '#6b6b6b', shape: 'circle', ink: '#ffffff' };

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`invalid colour: "${hex}" (expected #rrggbb)`);
  const channel = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(m[1]!) + 0.7152 * channel(m[2]!) + 0.0722 * channel(m[3]!);
}

export const contrastRatio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** Black or white text, whichever contrasts more with the background. */
export const readableInk = (background: string) => (contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff');

export const RELATIONSHIP_COLORS: Record<Relationship, string> = {
  equal_to: OKABE_ITO.blue,
  equivalent_to: OKABE_ITO.skyBlue,
  superset_of: OKABE_ITO.bluishGreen,
  subset_of: OKABE_ITO.orange,
  intersects_with: OKABE_ITO.reddishPurple,
  no_relationship: '#6b6b6b',
};

export const SUPPORT_COLORS: Record<Support, string> = { full: OKABE_ITO.blue, partial: OKABE_ITO.vermillion, none: '#6b6b6b' };

/** Full support is drawn solid, partial dashed, none dotted: the difference survives greyscale printing. */
export function supportDash(support: Support): string | null {
  return support === 'full' ? null : support === 'partial' ? '6 4' : '1 4';
}

export const relationshipDash = (relationship: Relationship) => supportDash(stepSupport(relationship));

export function rgbHex(css: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css.trim());
  if (!m) return css;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Sequential heat colour for a share in [0, 1]: light to dark blue, so order reads from lightness alone. No
 * mappings at all is a neutral grey, not the lightest blue.
 */
export function heatColor(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '#eeeeee';
  const t = Math.max(0, Math.min(1, share));
  return rgbHex(interpolateBlues(0.08 + 0.92 * t));
}

/**
 * Gap status: the same blue and vermillion as full and partial support, and black for nothing at all. Each also has
 * a symbol and a line style, so the three are told apart in greyscale and without colour vision.
 */
export const GAP_STATUS_STYLES = {
  covered: { color: OKABE_ITO.blue, ink: '#ffffff', symbol: '●', dash: null as string | null, label: 'covered' },
  partial: { color: OKABE_ITO.vermillion, ink: '#000000', symbol: '◐', dash: '6 4' as string | null, label: 'partial' },
  uncovered: { color: OKABE_ITO.black, ink: '#ffffff', symbol: '○', dash: '1 4' as string | null, label: 'uncovered' },
} as const;

/** Evidence items that have expired and requirements outside an item's scope are drawn in this neutral grey. */
export const MUTED_COLOR = '#8a8a8a';
