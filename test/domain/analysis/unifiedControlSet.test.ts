import { describe, expect, it } from 'vitest';
import { buildCoverageIndex } from '../../../server/domain/analysis/coverageIndex.js';
import { mergeOrgControls, proposeUnifiedControls, renameOrgControl, splitOrgControl, type ProposedControlSet } from '../../../server/domain/analysis/unifiedControlSet.js';
import { ConflictError, InputError, NotFoundError } from '../../../server/domain/errors.js';
import { OrgControlSchema } from '../../../server/domain/schemas/orgControl.js';
import { bundleOf, framework, map } from './fixtures.js';

const content = bundleOf(
  [
    ...framework('p', ['1', '2', '3', '4', '5', '6', '7', '8', '8.1']),
    ...framework('q', ['1', '2', '3', '5', '6', '7']),
    ...framework('r', ['1', '2', '5']),
    ...framework('s', ['1']),
  ],
  [
    map('p:1', 'equal-to', 'q:1'),
    map('q:1', 'equivalent-to', 'r:1'),
    map('p:1', 'equal-to', 's:1'), //           s is not chosen: never cited
    map('p:2', 'superset-of', 'q:2'), //        a superset chain …
    map('r:2', 'subset-of', 'q:2'), //          … stored the other way round
    map('q:3', 'subset-of', 'p:3'), //          q:3 is inside two unrelated broad requirements
    map('q:3', 'subset-of', 'p:4'),
    map('p:5', 'superset-of', 'q:5'), //        a superset cycle: all three cover each other
    map('q:5', 'superset-of', 'r:5'),
    map('r:5', 'superset-of', 'p:5'),
    map('p:6', 'intersects-with', 'q:6'), //    partial: no clustering
    map('p:7', 'equal-to', 'q:7', { status: 'proposed' }),
    map('p:8.1', 'equal-to', 'q:6'),
  ],
);
const index = buildCoverageIndex(content);
const AT = '2026-05-01T10:00:00Z';
const propose = (frameworks = ['p', 'q', 'r'], extra = {}) => proposeUnifiedControls(index, { frameworks, at: AT, ...extra });
const cited = (set: ProposedControlSet) => Object.fromEntries(set.controls.map((c) => [c.control.id, c.citations.map((x) => `${x.requirementId}:${x.basis}`)]));

describe('proposeUnifiedControls', () => {
  const set = propose();

  it('clusters equal/equivalent requirements across the chosen frameworks and cites every one', () => {
    expect(cited(set)['uc:p:1']).toEqual(['p:1:anchor', 'q:1:equivalent', 'r:1:equivalent']);
    expect(set.controls.find((c) => c.control.id === 'uc:p:1')!.citations[1]!.mappingIds).toEqual(['p:1 -> q:1', 'q:1 -> r:1']);
  });

  it('collapses a superset chain into its broadest control', () => {
    expect(cited(set)['uc:p:2']).toEqual(['p:2:anchor', 'q:2:covered', 'r:2:covered']);
    expect(set.controls.find((c) => c.control.id === 'uc:p:2')!.citations[2]!.mappingIds).toEqual(['p:2 -> q:2', 'r:2 -> q:2']);
    expect(cited(set)['uc:q:2']).toBeUndefined();
  });

  it('cites a requirement inside two unrelated broad ones from both, without merging them', () => {
    expect(cited(set)['uc:p:3']).toEqual(['p:3:anchor', 'q:3:covered']);
    expect(cited(set)['uc:p:4']).toEqual(['p:4:anchor', 'q:3:covered']);
    expect(set.summary.citedMoreThanOnce).toBe(1);
  });

  it('merges requirements that cover each other through a superset cycle', () => {
    expect(cited(set)['uc:p:5']).toEqual(['p:5:anchor', 'q:5:equivalent', 'r:5:equivalent']);
  });

  it('makes one process of the same harmonized clause in two standards when they are mapped, even partly, and says it covers both subjects', () => {
    const twoStandards = buildCoverageIndex(
      bundleOf(
        [...framework('a', ['4.1', '4.2', '4.3']), ...framework('b', ['4.1', '4.2', '4.3'])],
        [map('a:4.1', 'intersects-with', 'b:4.1'), map('a:4.2', 'intersects-with', 'b:4.2'), map('a:4.3', 'no-relationship', 'b:4.3')],
      ),
    );
    const concept = (id: string, ref: string) => ({ id, title: id, summary: id, order: 1, requirementIds: [`a:${ref}`, `b:${ref}`] });
    const harmonizedClauses = [concept('hs:context', '4.1'), concept('hs:scope', '4.3')];
    const withConcepts = proposeUnifiedControls(twoStandards, { frameworks: ['a', 'b'], at: AT, harmonizedClauses });
    expect(cited(withConcepts)).toEqual({
      'uc:a:4.1': ['a:4.1:anchor', 'b:4.1:shared-process'],
      'uc:a:4.2': ['a:4.2:anchor'], //   mapped, but not the same concept
      'uc:b:4.2': ['b:4.2:anchor'],
      'uc:a:4.3': ['a:4.3:anchor'], //   the same concept, but reviewed as unrelated
      'uc:b:4.3': ['b:4.3:anchor'],
    });
    const process = withConcepts.controls.find((c) => c.control.id === 'uc:a:4.1')!;
    expect(process.citations[1]!.mappingIds).toEqual(['a:4.1 -> b:4.1']);
    expect(process.control.description).toBe("One process for a 4.1, b 4.1 (the same harmonized-structure clause in each standard): write it to cover each standard's subject.");
    expect(Object.keys(cited(proposeUnifiedControls(twoStandards, { frameworks: ['a', 'b'], at: AT })))).toHaveLength(6);
  });

  it('gives unlinked, partly linked and only-proposed requirements controls of their own, and only assessable ones take part', () => {
    for (const id of ['uc:p:6', 'uc:p:7', 'uc:q:7']) expect(cited(set)[id]).toHaveLength(1);
    expect(cited(set)['uc:p:8.1']).toEqual(['p:8.1:anchor', 'q:6:equivalent']);
    expect(cited(set)['uc:p:8']).toBeUndefined();
    expect(Object.keys(cited(propose(['p', 'q', 'r'], { includeSingletons: false })))).toEqual(['uc:p:1', 'uc:p:2', 'uc:p:3', 'uc:p:4', 'uc:p:5', 'uc:p:8.1']);
    expect(cited(propose(['p', 'q'], { statuses: ['approved', 'proposed'] }))['uc:p:7']).toEqual(['p:7:anchor', 'q:7:equivalent']);
  });

  it('cites each assessable requirement at least once, names controls after the first framework, and produces valid controls', () => {
    const all = new Set(set.controls.flatMap((c) => c.control.requirementIds));
    expect(all.size).toBe(set.summary.requirements);
    expect(cited(propose(['q', 'p', 'r']))['uc:q:1']).toEqual(['q:1:anchor', 'p:1:equivalent', 'r:1:equivalent']);
    for (const { control } of set.controls) expect(OrgControlSchema.safeParse(control).success).toBe(true);
    expect(set.controls[0]!.control).toMatchObject({ origin: 'proposed', createdAt: AT, updatedAt: AT, title: 'Title 1' });
    expect(set.summary).toMatchObject({ controls: set.controls.length, crossFramework: 6 });
  });

  it('refuses unknown frameworks', () => {
    expect(() => propose(['p', 'nope'])).toThrow(NotFoundError);
    expect(() => propose([])).toThrow(InputError);
  });
});

describe('editing a control set', () => {
  const controls = propose().controls.map((c) => c.control);
  const LATER = '2026-06-01T00:00:00Z';

  it('merges controls into the first, citing each requirement once, and says which links move', () => {
    const change = mergeOrgControls(controls, { ids: ['uc:p:3', 'uc:p:4'], title: 'Broad controls', at: LATER });
    const merged = change.controls.find((c) => c.id === 'uc:p:3')!;
    expect(merged).toMatchObject({ title: 'Broad controls', requirementIds: ['p:3', 'q:3', 'p:4'], origin: 'user', updatedAt: LATER, createdAt: AT });
    expect(change.controls.find((c) => c.id === 'uc:p:4')).toBeUndefined();
    expect(change.controls.indexOf(merged)).toBe(controls.findIndex((c) => c.id === 'uc:p:3'));
    expect(change).toMatchObject({ removed: ['uc:p:4'], moveLinks: [{ from: 'uc:p:4', to: 'uc:p:3' }] });
    expect(controls.find((c) => c.id === 'uc:p:4')).toBeDefined();
    expect(() => mergeOrgControls(controls, { ids: ['uc:p:3'], at: LATER })).toThrow(InputError);
    expect(() => mergeOrgControls(controls, { ids: ['uc:p:3', 'nope'], at: LATER })).toThrow(NotFoundError);
    expect(() => mergeOrgControls(controls, { ids: ['uc:p:3', 'uc:p:4'], id: 'uc:p:1', at: LATER })).toThrow(ConflictError);
  });

  it('splits a control into parts that share out its requirements exactly; the first keeps the id', () => {
    const change = splitOrgControl(controls, { id: 'uc:p:1', at: LATER, parts: [{ title: 'P and Q', requirementIds: ['q:1', 'p:1'] }, { id: 'UC-R1', title: 'R', requirementIds: ['r:1'] }] });
    const at = change.controls.findIndex((c) => c.id === 'uc:p:1');
    expect(change.controls.slice(at, at + 2).map((c) => [c.id, c.title, c.requirementIds])).toEqual([['uc:p:1', 'P and Q', ['p:1', 'q:1']], ['UC-R1', 'R', ['r:1']]]);
    expect(change.controls).toHaveLength(controls.length + 1);
    const split = (parts: Array<{ title: string; requirementIds: string[] }>) => () => splitOrgControl(controls, { id: 'uc:p:1', at: LATER, parts });
    expect(split([{ title: 'a', requirementIds: ['p:1'] }, { title: 'b', requirementIds: ['q:1'] }])).toThrow(/not placed: r:1/);
    expect(split([{ title: 'a', requirementIds: ['p:1', 'q:1'] }, { title: 'b', requirementIds: ['q:1', 'r:1'] }])).toThrow(/in two parts/);
    expect(split([{ title: 'a', requirementIds: ['p:1', 'q:1', 'r:1'] }, { title: 'b', requirementIds: ['p:2'] }])).toThrow(/not cited/);
    expect(splitOrgControl(controls, { id: 'uc:p:1', at: LATER, parts: [{ title: 'a', requirementIds: ['p:1'] }, { title: 'b', requirementIds: ['q:1', 'r:1'] }] }).controls[at + 1]!.id).toBe('uc:p:1-2');
  });

  it('renames a control and marks it as the user\'s', () => {
    const change = renameOrgControl(controls, { id: 'uc:p:2', title: '  Access policy ', description: 'Ours.', at: LATER });
    expect(change.controls.find((c) => c.id === 'uc:p:2')).toMatchObject({ title: 'Access policy', description: 'Ours.', origin: 'user', updatedAt: LATER });
    expect(() => renameOrgControl(controls, { id: 'uc:p:2', title: ' ', at: LATER })).toThrow(InputError);
  });
});
