import { describe, expect, it } from 'vitest';
import { refResolver, resolveRefList } from '../../server/interop/refResolver.js';

const refs = ['4', '4.1', '4.10', '5.1', 'A.5', 'A.5.1', 'A.5.10', 'GOVERN', 'GOVERN 1', 'GOVERN 1.1', 'B.8.2.1'];
const resolve = refResolver(refs);
const refOf = (cell: string) => resolve(cell)?.ref;

describe('refResolver', () => {
  it('matches exactly, ignoring case and spacing', () => {
    expect(resolve('a.5.1')).toEqual({ ref: 'A.5.1', match: 'exact' });
    expect(resolve('  govern   1.1 ')).toEqual({ ref: 'GOVERN 1.1', match: 'exact' });
    expect(resolve('')).toBeUndefined();
  });

  it('reads a ref written with other separators, when that names one ref only', () => {
    expect(resolve('GOVERN.1.1')).toEqual({ ref: 'GOVERN 1.1', match: 'separators' });
    expect(refOf('govern-1.1')).toBe('GOVERN 1.1');
    expect(refOf('A 5.1')).toBe('A.5.1');
    expect(refOf('A-5-10')).toBe('A.5.10');
    expect(refOf('B_8_2_01')).toBe('B.8.2.1');
    // Separators are read, never invented or dropped: "4.10" is not "4.1.0" and "A51" is nothing.
    expect(refOf('4.1.0')).toBeUndefined();
    expect(refOf('A51')).toBeUndefined();
    const ambiguous = refResolver(['1.1', '1-1']);
    expect(ambiguous('1 1')).toBeUndefined();
  });

  it('reads an alias the catalog records, exactly or with other separators, but never over a ref', () => {
    const withAliases = refResolver(['GOVERN 1.1', 'GV-1.2', 'GOVERN 1.2'], [['GV-1.1', 'GOVERN 1.1'], ['GV-1.2', 'GOVERN 1.2']]);
    expect(withAliases('gv-1.1')).toEqual({ ref: 'GOVERN 1.1', match: 'alias' });
    expect(withAliases('GV 1.1')).toEqual({ ref: 'GOVERN 1.1', match: 'alias' });
    expect(withAliases('GV-1.2')).toEqual({ ref: 'GV-1.2', match: 'exact' });
    expect(withAliases('GV-1.3')).toBeUndefined();
    // An alias two refs claim names neither.
    expect(refResolver(['X 1', 'Y 1'], [['Z1', 'X 1'], ['Z1', 'Y 1']])('Z1')).toBeUndefined();
  });

  it('reads the longest ref followed by a title', () => {
    expect(resolve('A.5.1 Policies for information security')).toEqual({ ref: 'A.5.1', match: 'ref-then-title' });
    expect(refOf('A.5.10 Acceptable use')).toBe('A.5.10');
    expect(refOf('GOVERN 1.1: Legal requirements')).toBe('GOVERN 1.1');
    expect(refOf('4.1 \u2013 Context')).toBe('4.1');
    expect(refOf('A.5.1(a)')).toBe('A.5.1');
  });

  it('reads a ref written without the dot after its letter, when that names one ref only', () => {
    expect(resolve('A5.1')).toEqual({ ref: 'A.5.1', match: 'separators' });
    expect(refOf('a5.10')).toBe('A.5.10');
    expect(refOf('B8.2.1')).toBe('B.8.2.1');
    expect(refResolver(['X.1', 'X1'])('x1')).toEqual({ ref: 'X1', match: 'exact' });
    // Two refs that read the same without their dots: neither is guessed.
    expect(refResolver(['X.1.Y.2', 'X1.Y.2'])('X.1.Y2')).toBeUndefined();
  });

  it('reads a legal citation written another way, when that names one ref only', () => {
    const act = refResolver(['Art. 5', 'Art. 5(1)', 'Art. 5(1)(a)', 'Art. 9', 'Art. 9(2)', 'Art. 17', 'Chapter III', 'Chapter III Section 2']);
    expect(act('Article 9')).toEqual({ ref: 'Art. 9', match: 'citation' });
    for (const cell of ['Article 9(2)', 'Art. 9.2', 'Article 9 (2)', 'Art. 9 para. 2', 'Article 9, paragraph 2']) expect(act(cell)?.ref).toBe('Art. 9(2)');
    for (const cell of ['Article 5(1)(a)', 'Art. 5(1), point (a)', 'Art. 5 (1) (a)']) expect(act(cell)?.ref).toBe('Art. 5(1)(a)');
    expect(act('Chapter III, Section 2')?.ref).toBe('Chapter III Section 2');
    // A catalog that numbers paragraphs without the article word, as CISO Assistant's GDPR library does.
    const gdpr = refResolver(['Article 5', '5.1', '5.1.f', '5.2']);
    expect(gdpr('Art. 5(1)(f)')).toEqual({ ref: '5.1.f', match: 'citation' });
    expect(gdpr('Article 5(2)')?.ref).toBe('5.2');
    expect(gdpr('Art. 5')?.ref).toBe('Article 5');
    expect(gdpr('Art. 6(1)')).toBeUndefined();
    // Not in a catalog without articles: "Art. 5(1)" is no ISO clause 5.1.
    expect(refResolver(['4', '5', '5.1'])('Art. 5(1)')).toBeUndefined();
    // Around a title or a document name, too; a point the catalog does not hold is read as its paragraph, loosely.
    expect(act('Article 9(2)(b)')).toEqual({ ref: 'Art. 9(2)', match: 'ref-then-title' });
    expect(act('EU AI Act Article 17')).toEqual({ ref: 'Art. 17', match: 'title-then-ref' });
    // Never a paragraph that is not there, nor an article number alone.
    expect(act('Article 9(3)')).toBeUndefined();
    expect(act('9(2)')).toBeUndefined();
    // Brackets and dots are one separator only where no two refs then read the same.
    expect(refResolver(['AC-2(1)'])('AC-2.1')).toEqual({ ref: 'AC-2(1)', match: 'citation' });
    expect(refResolver(['AC-2(1)', 'AC-2.1'])('AC-2 (1)')).toBeUndefined();
  });

  it('reads a document name followed by the ref', () => {
    expect(resolve('ISO/IEC 27001:2022 A.5.1')).toEqual({ ref: 'A.5.1', match: 'title-then-ref' });
    expect(refOf('NIST AI RMF GOVERN 1.1')).toBe('GOVERN 1.1');
    expect(refOf('Clause 4.1')).toBe('4.1');
  });

  it('reads "Annex A.5.1" and "Annex A 5.1" as A.5.1 and "§ 4.1" as 4.1: the annex word before a ref with its own letter, a section sign', () => {
    expect(resolve('Annex A.5.1')).toEqual({ ref: 'A.5.1', match: 'citation' });
    // Never as clause 5.1, which the catalog also holds.
    expect(resolve('Annex A 5.1')).toEqual({ ref: 'A.5.1', match: 'citation' });
    expect(refOf('annex a 5.10')).toBe('A.5.10');
    expect(refOf('Annex B 8.2.1')).toBe('B.8.2.1');
    expect(resolve('§ 4.1')).toEqual({ ref: '4.1', match: 'citation' });
    expect(refOf('§4.10')).toBe('4.10');
  });

  it('does not guess: a longer id, an annex letter before a number, or an unknown ref stay unresolved', () => {
    expect(refOf('4.1.2')).toBeUndefined();
    expect(refOf('A.5.1.3 Something')).toBeUndefined();
    expect(refOf('Annex C 5.1')).toBeUndefined();
    expect(refOf('GOVERN 1.2')).toBeUndefined();
    expect(refOf('MAP 1.1')).toBeUndefined();
  });
});

describe('resolveRefList', () => {
  it('reads one ref, or several separated by lines, semicolons or commas', () => {
    expect(resolveRefList('A.5.1', resolve)?.map((r) => r.ref)).toEqual(['A.5.1']);
    expect(resolveRefList('A.5.1\nA.5.10', resolve)?.map((r) => r.ref)).toEqual(['A.5.1', 'A.5.10']);
    expect(resolveRefList('4.1, 5.1', resolve)?.map((r) => r.ref)).toEqual(['4.1', '5.1']);
  });

  it('prefers exact parts over a ref with the rest read as its title', () => {
    expect(resolveRefList('4.1; 5.1', resolve)?.map((r) => [r.ref, r.match])).toEqual([['4.1', 'exact'], ['5.1', 'exact']]);
    expect(resolveRefList('A.5.1 A.5.10', resolve)?.map((r) => r.ref)).toEqual(['A.5.1', 'A.5.10']);
    expect(resolveRefList('A.5.1 Policies, procedures and rules', resolve)?.map((r) => r.ref)).toEqual(['A.5.1']);
  });

  it('resolves nothing when any part does not resolve', () => {
    expect(resolveRefList('4.1, 9.9', resolve)).toBeUndefined();
  });
});
