import { describe, expect, it } from 'vitest';
import { inverseRelationship, stepSupport, weakestSupport } from '../../client/src/graph/support.js';
import { RELATIONSHIPS } from '../../client/src/graph/types.js';

describe('coverage algebra', () => {
  it('gives full support through equal, equivalent and superset, partial through subset and intersects, none otherwise', () => {
    expect(Object.fromEntries(RELATIONSHIPS.map((r) => [r, stepSupport(r)]))).toEqual({
      equal_to: 'full',
      equivalent_to: 'full',
      subset_of: 'partial',
      superset_of: 'full',
      intersects_with: 'partial',
      no_relationship: 'none',
    });
  });

  it('inverts subset and superset and leaves the symmetric relationships alone', () => {
    expect(inverseRelationship('subset_of')).toBe('superset_of');
    expect(inverseRelationship('superset_of')).toBe('subset_of');
    for (const r of ['equal_to', 'equivalent_to', 'intersects_with', 'no_relationship'] as const) expect(inverseRelationship(r)).toBe(r);
    for (const r of RELATIONSHIPS) expect(inverseRelationship(inverseRelationship(r))).toBe(r);
  });

  it('lets the weakest link win over a path', () => {
    expect(weakestSupport('full', 'full')).toBe('full');
    expect(weakestSupport('full', 'partial')).toBe('partial');
    expect(weakestSupport('partial', 'full')).toBe('partial');
    expect(weakestSupport('partial', 'none')).toBe('none');
  });
});
