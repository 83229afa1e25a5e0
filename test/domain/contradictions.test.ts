import { describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { loadContent } from '../../server/content/loadContent.js';
import { findContradictions } from '../../server/domain/contradictions.js';
import { composeStrictly, contradictionBetween } from '../../server/domain/relationships.js';
import type { Mapping, Relationship, Status } from '../../server/domain/schemas/mapping.js';

const mapping = (source: string, target: string, relationship: Relationship, status: Status = 'approved'): Mapping => ({
  id: `${source} -> ${target}`,
  source,
  target,
  relationship,
  rationale: 'semantic',
  strength: 8,
  method: 'human',
  status,
  origin: 'reference',
  provenance: { source: 'Tests', author: 'tests', created: '2026-01-01' },
});

describe('composing relationships strictly', () => {
  it('passes a step through an equivalence, chains like containments, and leaves the rest open', () => {
    expect(composeStrictly('equivalent-to', 'subset-of')).toBe('subset-of');
    expect(composeStrictly('superset-of', 'equal-to')).toBe('superset-of');
    expect(composeStrictly('equal-to', 'equal-to')).toBe('equal-to');
    expect(composeStrictly('equal-to', 'equivalent-to')).toBe('equivalent-to');
    expect(composeStrictly('subset-of', 'subset-of')).toBe('subset-of');
    expect(composeStrictly('equivalent-to', 'intersects-with')).toBe('intersects-with');
    // A ⊂ B ⊃ C, A ⊃ B ⊂ C, overlaps and "no relationship" say nothing about A and C.
    expect(composeStrictly('subset-of', 'superset-of')).toBeUndefined();
    expect(composeStrictly('superset-of', 'subset-of')).toBeUndefined();
    expect(composeStrictly('intersects-with', 'intersects-with')).toBeUndefined();
    expect(composeStrictly('equivalent-to', 'no-relationship')).toBeUndefined();
  });

  it('tells opposite readings from a difference in strictness, and lets intersects-with clash with nothing', () => {
    expect(contradictionBetween('subset-of', 'superset-of')).toBe('opposite');
    expect(contradictionBetween('no-relationship', 'equivalent-to')).toBe('opposite');
    expect(contradictionBetween('subset-of', 'no-relationship')).toBe('opposite');
    expect(contradictionBetween('equivalent-to', 'subset-of')).toBe('strictness');
    expect(contradictionBetween('superset-of', 'equal-to')).toBe('strictness');
    expect(contradictionBetween('intersects-with', 'subset-of')).toBeUndefined();
    expect(contradictionBetween('no-relationship', 'intersects-with')).toBeUndefined();
    expect(contradictionBetween('equal-to', 'equivalent-to')).toBeUndefined();
    expect(contradictionBetween('subset-of', 'subset-of')).toBeUndefined();
  });
});

describe('findContradictions', () => {
  it('finds a mapping that a two-step path through a third framework contradicts, read in either stored direction', () => {
    const direct = mapping('a:1', 'b:1', 'superset-of');
    const found = findContradictions([direct, mapping('a:1', 'c:1', 'equivalent-to'), mapping('b:1', 'c:1', 'superset-of')]);
    // a:1 ≡ c:1 ⊂ b:1 says a:1 ⊂ b:1; each of the three is contradicted by the other two (a:1 ⊇ b:1 ⊇ c:1 against
    // a:1 ≡ c:1 is a matter of strictness).
    expect(found.map((c) => [c.mapping.id, c.kind, c.composed])).toEqual([
      ['a:1 -> b:1', 'opposite', 'subset-of'],
      ['a:1 -> c:1', 'strictness', 'superset-of'],
      ['b:1 -> c:1', 'opposite', 'subset-of'],
    ]);
    expect(found[0]!.path).toEqual([
      { mappingId: 'a:1 -> c:1', from: 'a:1', to: 'c:1', relationship: 'equivalent-to' },
      { mappingId: 'b:1 -> c:1', from: 'c:1', to: 'b:1', relationship: 'subset-of' },
    ]);
  });

  it('ignores consistent triangles, undetermined paths, proposed mappings, paths inside the pair’s own frameworks, and other pairs when asked for one', () => {
    const consistent = [mapping('a:1', 'b:1', 'subset-of'), mapping('a:1', 'c:1', 'equivalent-to'), mapping('c:1', 'b:1', 'subset-of')];
    expect(findContradictions(consistent)).toEqual([]);
    const undetermined = [mapping('a:1', 'b:1', 'equivalent-to'), mapping('a:1', 'c:1', 'subset-of'), mapping('c:1', 'b:1', 'superset-of')];
    expect(findContradictions(undetermined)).toEqual([]);
    const proposed = [mapping('a:1', 'b:1', 'superset-of'), mapping('a:1', 'c:1', 'equivalent-to', 'proposed'), mapping('c:1', 'b:1', 'subset-of')];
    expect(findContradictions(proposed)).toEqual([]);
    // a:1 → a:2 → b:1 runs through the source's own framework: an internal link, not a third framework's reading.
    const internal = [mapping('a:1', 'b:1', 'superset-of'), mapping('a:1', 'a:2', 'equivalent-to'), mapping('a:2', 'b:1', 'subset-of')];
    expect(findContradictions(internal, { from: 'a', to: 'b' })).toEqual([]);
    const triangle = [mapping('a:1', 'b:1', 'equivalent-to'), mapping('a:1', 'c:1', 'equivalent-to'), mapping('c:1', 'b:1', 'subset-of')];
    expect(findContradictions(triangle).map((c) => c.kind)).toEqual(['strictness', 'strictness', 'strictness']);
    expect(findContradictions(triangle, { from: 'a', to: 'b' }).map((c) => c.mapping.id)).toEqual(['a:1 -> b:1']);
  });

  it('finds no opposite readings in the shipped crosswalks', () => {
    const { bundle } = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
    const opposite = findContradictions(bundle.mappings).filter((c) => c.kind === 'opposite');
    expect(opposite.map((c) => `${c.mapping.id}: ${c.mapping.relationship}, but ${c.path.map((s) => `${s.from} ${s.relationship} ${s.to}`).join(', ')}`)).toEqual([]);
  });
});
