import { describe, expect, it } from 'vitest';
import { mappedFirst, matchesFilter, matrixFrameworks, pickerEntries } from '../../client/src/lib/frameworkChoice.js';

const fw = (id: string, name = id.toUpperCase()) => ({ id, name });
const many = Array.from({ length: 40 }, (_, i) => fw(`lib-${String(i).padStart(2, '0')}`, `Imported library ${i}`));

describe('framework pickers with many frameworks', () => {
  it('filters on every word of name or id, in any order and case', () => {
    const iso = fw('iso27001-2022', 'ISO/IEC 27001');
    expect(matchesFilter(iso, '27001 iso')).toBe(true);
    expect(matchesFilter(iso, 'ISO 2022')).toBe(true);
    expect(matchesFilter(iso, 'iso 42001')).toBe(false);
    expect(matchesFilter(iso, '  ')).toBe(true);
  });

  it('lists the selected always, a limited number of others without a filter, and every match with one', () => {
    const unfiltered = pickerEntries(many, ['lib-39'], '', 10);
    expect(unfiltered.shown.map((f) => f.id)).toEqual([...many.slice(0, 10).map((f) => f.id), 'lib-39']);
    expect(unfiltered.hidden).toBe(29);
    const filtered = pickerEntries(many, ['lib-39'], 'LIB-2', 5);
    expect(filtered.shown.map((f) => f.id)).toEqual([...many.slice(20, 30).map((f) => f.id), 'lib-39']);
    expect(filtered.hidden).toBe(0);
    expect(pickerEntries(many, [], 'nothing like this').shown).toEqual([]);
  });
});

describe('mappedFirst', () => {
  it('puts frameworks with mappings first and keeps the order within each group', () => {
    const list = [{ id: 'a', mappingCount: 0 }, { id: 'b', mappingCount: 3 }, { id: 'c' }, { id: 'd', mappingCount: 1 }];
    expect(mappedFirst(list).map((f) => f.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('matrixFrameworks', () => {
  const link = (source: string, target: string, count = 1) => ({ source, target, byRelationship: [{ count }] });
  const ids = many.map((f) => f.id);

  it('shows a small set whole, and the chosen ones when chosen (unknown ids dropped)', () => {
    expect(matrixFrameworks(['a', 'b', 'c'], [], [])).toEqual(['a', 'b', 'c']);
    expect(matrixFrameworks(ids, ['lib-05', 'gone', 'lib-01'], [])).toEqual(['lib-05', 'lib-01']);
  });

  it('of a large set shows those that mappings connect, in either direction', () => {
    expect(matrixFrameworks(ids, [], [link('lib-03', 'lib-07'), link('lib-30', 'lib-03'), link('lib-10', 'lib-11', 0)])).toEqual(['lib-03', 'lib-07', 'lib-30']);
  });

  it('is never empty: without connected frameworks it shows the first few', () => {
    expect(matrixFrameworks(ids, [], [])).toHaveLength(12);
  });
});
