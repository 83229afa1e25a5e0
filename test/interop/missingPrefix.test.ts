import { describe, expect, it } from 'vitest';
import { completingPrefix, missingPrefix, prefixedSide, prefixedSides } from '../../server/interop/missingPrefix.js';
import { idsOfCell, refResolver, resolveRefList } from '../../server/interop/refResolver.js';

describe('missingPrefix', () => {
  it('finds one prefix that makes nearly all unknown ids refs, and nothing when ids mostly match or several prefixes fit', () => {
    const annex = ['5.1', 'A.5.1', 'A.5.2', 'A.5.3', 'A.6.1'];
    expect(missingPrefix(annex, ['5.1', '5.2', '5.3', '6.1'])).toBe('A.');
    expect(missingPrefix(annex, ['A.5.1', 'A.5.2', 'A.5.3', '5.1', '9.9'])).toBeUndefined(); // mostly written in full
    expect(missingPrefix(annex, ['5.2', '9.8', '9.9'])).toBeUndefined(); // most unknown ids stay unknown
    expect(missingPrefix(['AC-1', 'AC-2', 'AC-3', 'AU-1', 'AU-2', 'AU-3'], ['1', '2', '3'])).toBeUndefined(); // AC- or AU-?
  });
});

describe('idsOfCell', () => {
  it('takes the ids a cell writes, each without its title', () => {
    expect(idsOfCell('5.15')).toEqual(['5.15']);
    expect(idsOfCell('5.15 Access control')).toEqual(['5.15']);
    expect(idsOfCell('5.15 Access control, in part')).toEqual(['5.15']);
    expect(idsOfCell('5.15, 8.24')).toEqual(['5.15', '8.24']);
    expect(idsOfCell('5.15 Access control\n8.24 Cryptography; 5.1')).toEqual(['5.15', '8.24', '5.1']);
    expect(idsOfCell('GOVERN 1.1: Legal requirements')).toEqual(['GOVERN 1.1']);
    expect(idsOfCell('  ')).toEqual([]);
  });
});

describe('prefixedSide', () => {
  // A standard whose clauses 5.1–5.3 read like its annex controls written without "A.".
  const refs = ['4.1', '5', '5.1', '5.2', '5.3', '9.2', 'A.5', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.15', 'A.5.16', 'A.8.8', 'A.8.24'];
  const resolve = refResolver(refs);

  it('reads every id of a side with the prefix it leaves off, titles and lists included, and keeps the readings for one warning', () => {
    const cells = ['5.1', '5.2 Policy', '5.3', '5.15 Access control', '5.16', '8.8', '8.24', '9.2'];
    const side = prefixedSide(refs, cells, resolve)!;
    expect(side.prefix).toBe('A.');
    expect(side.resolve('5.1')).toEqual({ ref: 'A.5.1', match: 'exact', withPrefix: { written: '5.1', asWritten: '5.1' } });
    expect(side.resolve('5.15 Access control')).toEqual({ ref: 'A.5.15', match: 'ref-then-title', withPrefix: { written: '5.15 Access control' } });
    // Written with the prefix, or with no prefixed counterpart: as written.
    expect(side.resolve('A.5.1')).toEqual({ ref: 'A.5.1', match: 'exact' });
    expect(side.resolve('A5.15')).toEqual({ ref: 'A.5.15', match: 'separators' });
    expect(side.resolve('9.2')).toEqual({ ref: '9.2', match: 'exact' });
    expect(resolveRefList('5.15, 8.24', side.resolve)!.map((r) => r.ref)).toEqual(['A.5.15', 'A.8.24']);

    for (const [line, cell] of cells.entries()) side.note(resolveRefList(cell, side.resolve)!, line + 2);
    expect(side.warning('map.csv', 'source_ref id(s)', 'std')).toEqual({
      file: 'map.csv',
      line: 2,
      severity: 'warning',
      message: '7 source_ref id(s) of std leave off the "A." its refs begin with and were read with it, e.g. "5.15 Access control" as A.5.15, "5.16" as A.5.16, "8.8" as A.8.8; 3 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2 Policy" as A.5.2, not 5.2; "5.3" as A.5.3, not 5.3); check them',
    });
  });

  it('works for any prefix one family of refs shares, and finds none where the ids mix or mostly name refs as written', () => {
    const families = ['GOVERN', 'GOVERN 1', 'GOVERN 1.1', 'GOVERN 1.2', 'GOVERN 2.1', 'MAP 1.1'];
    const side = prefixedSide(families, ['1.1', '1.2', '2.1'], refResolver(families))!;
    expect(side.prefix).toBe('GOVERN ');
    expect(side.resolve('1.2')?.ref).toBe('GOVERN 1.2');

    expect(prefixedSide(refs, ['4.1', '5.1', '9.2', 'A.5.15', 'A.8.24'], resolve)).toBeUndefined(); // clauses and prefixed controls
    expect(prefixedSide(refs, ['5.1', '5.2', '5.3', '5.15', '8.24'], resolve)).toBeUndefined(); // two unknown ids only
    expect(prefixedSide(undefined, ['5.15', '8.24', '5.16'], resolve)).toBeUndefined(); // framework not loaded
  });

  it('in a table too short to decide, reads only the ids that name nothing with the one prefix that completes them', () => {
    const short = prefixedSide(refs, ['5.15 Access control', '8.24', '4.1'], resolve)!;
    expect(short.prefix).toBe('A.');
    expect(short.resolve('8.24')).toEqual({ ref: 'A.8.24', match: 'exact', withPrefix: { written: '8.24' } });
    expect(short.resolve('4.1')).toEqual({ ref: '4.1', match: 'exact' }); // names a clause as written, and no control
    expect(short.resolve('5.1')).toEqual({ ref: '5.1', match: 'exact' }); // only ids that name nothing get the prefix
    expect(completingPrefix(refs, ['5.15', '9.99'])).toBeUndefined(); // 9.99 stays unknown either way
    expect(completingPrefix(refs, ['5.15', '5.1'])).toBeUndefined(); // "5.1": clause 5.1 or A.5.1? The table cannot say
    expect(completingPrefix(['AC-1', 'AU-1'], ['1'])).toBeUndefined(); // AC- or AU-?
    expect(completingPrefix(refs, ['4.1', '9.2'])).toBeUndefined(); // nothing unknown
  });
});

describe('prefixedSides', () => {
  const refs: Record<string, string[]> = { std: ['4.1', '5.1', '5.2', '6.3', 'A.5.1', 'A.5.2', 'A.5.15', 'A.6.3', 'A.8.8', 'A.8.24'], other: ['1', '2'] };
  const resolverOf = (frameworkId: string) => refResolver(refs[frameworkId] ?? []);

  it('decides each column and framework on its own cells, and gives one warning per side read with its prefix', () => {
    const cells = [
      ...['5.1', '5.15', '8.8', '8.24 Use of cryptography', ''].map((cell) => ({ column: 'Control', frameworkId: 'std', cell })),
      // The same framework in another column, and another framework in the same column: as written.
      ...['4.1', '5.1', '5.2'].map((cell) => ({ column: 'Target', frameworkId: 'std', cell })),
      ...['1', '2', '3', '4'].map((cell) => ({ column: 'Control', frameworkId: 'other', cell })),
      ...['5.15', '8.8', '8.24'].map((cell) => ({ column: 'Control', frameworkId: 'unloaded', cell })),
    ];
    const sides = prefixedSides(cells, (id) => refs[id], resolverOf);
    const side = sides.side('Control', 'std')!;
    expect(side.prefix).toBe('A.');
    expect([sides.side('Target', 'std'), sides.side('Control', 'other'), sides.side('Control', 'unloaded')]).toEqual([undefined, undefined, undefined]);
    expect(sides.warnings('t.csv', (column) => `${column} id(s)`)).toEqual([]); // nothing read yet
    side.note([side.resolve('5.1')!], 3);
    side.note([side.resolve('8.8')!], 2);
    expect(sides.warnings('t.csv', (column) => `id(s) in column "${column}"`)).toEqual([{
      file: 't.csv', line: 2, severity: 'warning',
      message: '2 id(s) in column "Control" of std leave off the "A." its refs begin with and were read with it, e.g. "8.8" as A.8.8, "5.1" as A.5.1; 1 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1); check them',
    }]);
  });
});
