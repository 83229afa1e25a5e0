import { describe, expect, it } from 'vitest';
import { CATEGORICAL, contrastRatio, frameworkStyles, heatColor, luminance, OKABE_ITO, readableInk, relationshipDash, supportDash } from '../../client/src/graph/palette.js';
import { shapeCorners, shapePath } from '../../client/src/graph/shapes.js';

describe('palette', () => {
  it('is the eight Okabe–Ito colours', () => {
    expect(CATEGORICAL).toHaveLength(8);
    expect(new Set(CATEGORICAL)).toEqual(new Set(['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000']));
    expect(OKABE_ITO.vermillion).toBe('#D55E00');
  });

  it('gives editions of one family one colour and different shapes, independent of input order', () => {
    const fws = [
      { id: 'iso27701-2025', family: 'iso27701' },
      { id: 'iso27001-2022', family: 'iso27001' },
      { id: 'iso27701-2019', family: 'iso27701' },
    ];
    const a = frameworkStyles(fws);
    const b = frameworkStyles([...fws].reverse());
    expect(a).toEqual(b);
    expect(a.get('iso27701-2019')!.color).toBe(a.get('iso27701-2025')!.color);
    expect(a.get('iso27701-2019')!.shape).not.toBe(a.get('iso27701-2025')!.shape);
    expect(a.get('iso27001-2022')!.color).not.toBe(a.get('iso27701-2019')!.color);
  });

  it('keeps the shipped frameworks in their colours when a framework is imported', () => {
    const shipped = [
      { id: 'eu-ai-act-2024-1689', family: 'eu-ai-act' },
      { id: 'hitrust-ai', family: 'hitrust-ai' },
      { id: 'iso27001-2022', family: 'iso27001' },
      { id: 'iso27701-2019', family: 'iso27701' },
      { id: 'iso27701-2025', family: 'iso27701' },
      { id: 'iso42001-2023', family: 'iso42001' },
      { id: 'iso9001-2015', family: 'iso9001' },
      { id: 'nist-ai-600-1', family: 'nist-ai-600-1' },
      { id: 'nist-ai-rmf-1.0', family: 'nist-ai-rmf' },
    ];
    const before = frameworkStyles(shipped);
    // "acme-…" sorts before every shipped id; it used to take the first colour and move every other one along.
    const after = frameworkStyles([{ id: 'acme-ai-1', family: null }, { id: 'zeta-controls', family: null }, ...shipped]);
    for (const f of shipped) expect(after.get(f.id)).toEqual(before.get(f.id));
    expect(new Set([...after.values()].map((s) => `${s.color}/${s.shape}`)).size).toBe(after.size);
    // Without the shipped ones loaded, each still has its own colour.
    expect(frameworkStyles([{ id: 'iso42001-2023', family: 'iso42001' }]).get('iso42001-2023')).toEqual(before.get('iso42001-2023'));
  });

  it('does not give a colour-and-shape pair twice when a repeated colour meets a family with several editions', () => {
    const fws = [{ id: 'iso27701-2019', family: 'iso27701' }, { id: 'iso27701-2025', family: 'iso27701' }, ...Array.from({ length: 4 }, (_, i) => ({ id: `imported-${i}`, family: null }))];
    const styles = frameworkStyles(fws);
    expect(new Set([...styles.values()].map((s) => `${s.color}/${s.shape}`)).size).toBe(styles.size);
  });

  it('never repeats a colour-and-shape pair, even past eight families', () => {
    const styles = frameworkStyles(Array.from({ length: 20 }, (_, i) => ({ id: `f${String(i).padStart(2, '0')}`, family: null })));
    const pairs = new Set([...styles.values()].map((s) => `${s.color}/${s.shape}`));
    expect(pairs.size).toBe(20);
  });

  it('picks the ink that reads at WCAG AA on every palette and heat colour', () => {
    for (const c of [...CATEGORICAL, ...[0, 0.1, 0.3, 0.5, 0.7, 0.9, 1].map((s) => heatColor(s)), heatColor(null)]) expect(contrastRatio(c, readableInk(c))).toBeGreaterThanOrEqual(4.5);
    expect(readableInk('#F0E442')).toBe('#000000');
    expect(readableInk('#000000')).toBe('#ffffff');
  });

  it('darkens the heat colour steadily with the share, and greys out "no mappings"', () => {
    const l = [0, 0.2, 0.4, 0.6, 0.8, 1].map((s) => luminance(heatColor(s)));
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
    expect(heatColor(null)).toBe('#eeeeee');
    expect(heatColor(2)).toBe(heatColor(1));
  });

  it('says what a bad colour is', () => {
    expect(() => luminance('blue')).toThrow('invalid colour: "blue" (expected #rrggbb)');
  });

  it('draws full support solid, partial dashed', () => {
    expect(supportDash('full')).toBeNull();
    expect(supportDash('partial')).toBe('6 4');
    expect(relationshipDash('superset_of')).toBeNull();
    expect(relationshipDash('intersects_with')).toBe('6 4');
  });
});

describe('shapes', () => {
  it('has a closed path for every shape, corners for every polygon', () => {
    for (const shape of ['circle', 'square', 'diamond', 'triangle'] as const) expect(shapePath(shape, 5)).toMatch(/^M.*Z$/);
    expect(shapeCorners('circle', 5)).toBeNull();
    expect(shapeCorners('square', 5)).toHaveLength(4);
    expect(shapeCorners('triangle', 5)).toHaveLength(3);
  });
});
