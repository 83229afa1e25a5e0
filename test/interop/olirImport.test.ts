import { describe, expect, it } from 'vitest';
import { exportOlirCsv, OLIR_STRM_COLUMNS } from '../../server/interop/olirCsv.js';
import { importOlirStrm, isStrmHeader } from '../../server/interop/olirImport.js';
import { smallBundle } from '../fixtures/smallBundle.js';
import { loadImported } from './helpers.js';

const bundle = smallBundle();
const refsOf = (frameworkId: string) => {
  const refs = bundle.requirements.filter((r) => r.frameworkId === frameworkId).map((r) => r.ref);
  return refs.length ? refs : undefined;
};
const options = { file: 'strm.csv', today: '2026-11-24', focal: 'fw-a', reference: 'fw-b', refsOf };
const template = (rows: string[]) => [OLIR_STRM_COLUMNS.join(','), ...rows].join('\n');
const messages = (result: ReturnType<typeof importOlirStrm>, severity: 'error' | 'warning') =>
  result.problems.filter((p) => p.severity === severity).map((p) => `${p.line ?? '-'}: ${p.message}`);

describe('importOlirStrm', () => {
  it('reads the relationship from the reference element to the focal one and stores it from the focal element', () => {
    const result = importOlirStrm(template([
      '2,Risk assessment,Functional,subset of,B-2,Risk treatment,Both cover risk.,7',
      '1.1,Policy,Semantic,equal,B-1,Policy,,10',
    ]), options);
    expect(messages(result, 'error')).toEqual([]);
    const { mappings } = loadImported(result);
    // "B-2 is a subset of 2" is stored as 2 superset-of B-2.
    expect(mappings.map((m) => [m.source, m.relationship, m.target, m.rationale, m.strength, m.status, m.note])).toEqual([
      ['fw-a:2', 'superset-of', 'fw-b:B-2', 'functional', 7, 'proposed', 'Both cover risk.'],
      ['fw-a:1.1', 'equal-to', 'fw-b:B-1', 'semantic', 10, 'proposed', undefined],
    ]);
    expect(mappings[0]!.provenance).toEqual({ source: 'strm.csv', author: 'imported', created: '2026-11-24' });
  });

  it('gives back what the OLIR export wrote (export → import keeps every relationship)', () => {
    const approved = bundle.mappings.filter((m) => m.status !== 'rejected' && m.source.startsWith('fw-a:') && m.target.startsWith('fw-b:'));
    for (const [focal, reference] of [['fw-a', 'fw-b'], ['fw-b', 'fw-a']] as const) {
      const csv = exportOlirCsv({ focal, reference, mappings: bundle.mappings, requirements: bundle.requirements });
      const { mappings } = loadImported(importOlirStrm(csv, { ...options, focal, reference }));
      const asStored = mappings.map((m) => (m.source.startsWith('fw-a:') ? [m.source, m.relationship, m.target] : [m.target, { 'subset-of': 'superset-of', 'superset-of': 'subset-of' }[m.relationship as string] ?? m.relationship, m.source]));
      expect(asStored.sort()).toEqual(approved.map((m) => [m.source, m.relationship, m.target]).sort());
    }
  });

  it('finds the header under a title block, reads STRM column names of other publishers, and carries merged focal cells down', () => {
    const csv = [
      'NIST IR 8477-Based Set Theory Relationship Mapping (STRM),,,,,,',
      'Focal Document:,Framework A,,,,,',
      ',,,,,,',
      'FDE #,Focal Document Element,STRM Rationale,STRM Relationship,Reference Document Element,Strength of Relationship (optional),Notes (optional)',
      '2,Identify and analyse risks,Semantic,Intersects With,B-2,6,',
      ',,Semantic,Intersects With,B-3 Logging,3,weak',
    ].join('\n');
    const result = importOlirStrm(csv, options);
    expect(messages(result, 'error')).toEqual([]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.target, m.strength, m.note])).toEqual([
      ['fw-a:2', 'fw-b:B-2', 6, undefined],
      ['fw-a:2', 'fw-b:B-3', 3, 'weak'],
    ]);
    expect(messages(result, 'warning')).toEqual([
      '6: 1 cell(s) were read as a ref followed by a title, e.g. "B-3 Logging" → B-3; check them',
      '6: 1 row(s) had no focal document element and were given the one above (merged cells; rows 6)',
    ]);
  });

  it('takes the rationale from the column whose cells are rationale words, and a rationale column of prose as the note', () => {
    // The 12-column STRM template in circulation: "NIST IR-8477 Rational" holds the type, "STRM Rationale" the reasoning.
    const csv = [
      'FDE#,FDE Name,Focal Document Element (FDE),Confidence Levels,NIST IR-8477 Rational,STRM Rationale,STRM Relationship,Strength of Relationship,B Requirement Title,Target ID #,B Requirement Description,Notes',
      '1.1,Policy,Have a policy.,high,functional,Both want a written policy.,equal,9,Policy,B-1,A policy exists.,',
      '2,Risk assessment,Study risks.,medium,semantic,Treatment is narrower than assessment.,subset_of,6,Risk treatment,B-2,Treat risks.,second look',
    ].join('\n');
    const result = importOlirStrm(csv, options);
    expect(messages(result, 'error')).toEqual([]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.relationship, m.target, m.rationale, m.strength, m.note])).toEqual([
      ['fw-a:1.1', 'equal-to', 'fw-b:B-1', 'functional', 9, 'Both want a written policy.'],
      ['fw-a:2', 'superset-of', 'fw-b:B-2', 'semantic', 6, 'Treatment is narrower than assessment.\nsecond look'],
    ]);
    expect(messages(result, 'warning')).toEqual([
      '-: "STRM Rationale" holds explanations rather than syntactic, semantic or functional: kept in the mappings\' notes; the rationale is read from "NIST IR-8477 Rational"',
    ]);
    // A lone "Rationale" column of prose is the note too, and the rationale is defaulted (with the usual warning).
    const prose = importOlirStrm(template(['1.1,Policy,Both want a policy,equal,B-1,Policy,,10', '2,Risk,Narrower scope,subset of,B-2,Risk treatment,,7']), options);
    expect(messages(prose, 'error')).toEqual([]);
    expect(loadImported(prose).mappings.map((m) => [m.rationale, m.note])).toEqual([['semantic', 'Both want a policy'], ['semantic', 'Narrower scope']]);
    expect(messages(prose, 'warning')[0]).toBe('-: "Rationale" holds explanations rather than syntactic, semantic or functional: kept in the mappings\' notes');
  });

  it('reads an OLIR concept crosswalk (no Relationship column) as intersects-with, and refs written with zero padding', () => {
    const padded = { ...options, refsOf: (id: string) => (id === 'fw-b' ? ['AC-2', 'AC-2(1)', 'PM-9'] : refsOf(id)) };
    // Header cells and a reference cell with line breaks, as in NIST's workbooks.
    const csv = ['"Focal Document\nElement",Focal Document Element Description,"Reference Document\nElement",Comments', '2,Risk,PM-09,', '2,Risk,"AC-02(01)\n",'].join('\n');
    const result = importOlirStrm(csv, padded);
    expect(messages(result, 'error')).toEqual([]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.relationship, m.target])).toEqual([
      ['fw-a:2', 'intersects-with', 'fw-b:PM-9'],
      ['fw-a:2', 'intersects-with', 'fw-b:AC-2(1)'],
    ]);
    expect(messages(result, 'warning')).toContain('-: the table has no Relationship column (an OLIR concept crosswalk): its 2 pair(s) say only that the elements are related and were imported as intersects-with; review them');
    expect(messages(result, 'warning').join('\n')).toContain('2 cell(s) were read as a ref written with zero padding, e.g. "PM-09" → PM-9');
  });

  it('turns "not related to" without a reference element into a no-counterpart statement, and skips unmapped focal elements', () => {
    const result = importOlirStrm(template([
      '1,Governance,,,,,,',
      '3,Isolated,Semantic,not related to,,,,',
      '1.1,Policy,Semantic,equal,B-1,,,10',
    ]), options);
    const { noCounterparts, mappings } = loadImported(result);
    expect(mappings).toHaveLength(1);
    expect(noCounterparts.map((n) => [n.requirementId, n.otherFrameworkId, n.status])).toEqual([['fw-a:3', 'fw-b', 'proposed']]);
    expect(messages(result, 'warning')).toContain('2: 1 focal document element(s) have no reference element and no relationship: not mapped by the author, nothing imported for them (rows 2)');
  });

  it('reports unknown refs once per side with examples, and imports the rest', () => {
    const result = importOlirStrm(template([
      '1.1,Policy,Semantic,equal,B-1,,,10',
      '9,Unknown,Semantic,equal,B-1,,,10',
      '2,Risk,Semantic,intersects with,Z-1,,,5',
      '2,Risk,Semantic,intersects with,Z-2,,,5',
    ]), options);
    expect(messages(result, 'error')).toEqual([]);
    expect(messages(result, 'warning')).toEqual([
      '3: 1 focal document element(s) name no requirement of "fw-a", e.g. "9"; their 1 row(s) are not imported (first at row 3). Check that --from is the right framework and edition',
      '4: 2 reference document element(s) name no requirement of "fw-b", e.g. "Z-1", "Z-2"; their 2 row(s) are not imported (first at row 4). Check that --to is the right framework and edition',
    ]);
    expect(loadImported(result).mappings).toHaveLength(1);
  });

  describe('a side that leaves off the prefix its framework\'s refs share', () => {
    // ISO/IEC 27001:2022 in part: clauses 5.1-5.3 and 8.1 read like Annex A controls written without "A.".
    const iso = ['4.1', '5', '5.1', '5.2', '5.3', '6.2', '8.1', 'A.5', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.15', 'A.5.37', 'A.8', 'A.8.1', 'A.8.8', 'A.8.24'];
    const refs: Record<string, readonly string[]> = { 'iso27001-2022': iso, 'fw-b': ['B-1', 'B-2', 'B-3', 'B-4'] };
    const isoOptions = { ...options, focal: 'iso27001-2022', reference: 'fw-b', refsOf: (id: string) => refs[id] };
    const prefixWarnings = (result: ReturnType<typeof importOlirStrm>) => messages(result, 'warning').filter((m) => m.includes('leave off'));

    it('reads every element of that side with the prefix, the ones that name another ref as written too, with one warning listing those', () => {
      const result = importOlirStrm(template([
        '5.1,Policies,Semantic,intersects with,B-1,,,',
        '5.2,Roles,Semantic,subset of,B-1,,,',
        '5.3,Duties,Semantic,not related to,,,,',
        '5.15 Access control,,Semantic,equal,B-2,,,',
        '8.1,,Functional,intersects with,B-3,,,',
        '8.8,,Functional,intersects with,B-3,,,',
        '8.24,,Functional,superset of,"B-3, B-4",,,',
        '5.37,,Semantic,intersects with,B-4,,,',
      ]), isoOptions);
      expect(messages(result, 'error')).toEqual([]);
      const { mappings, noCounterparts } = loadImported(result);
      expect(mappings.map((m) => [m.source, m.target])).toEqual([
        ['iso27001-2022:A.5.1', 'fw-b:B-1'], ['iso27001-2022:A.5.2', 'fw-b:B-1'], ['iso27001-2022:A.5.15', 'fw-b:B-2'],
        ['iso27001-2022:A.8.1', 'fw-b:B-3'], ['iso27001-2022:A.8.8', 'fw-b:B-3'], ['iso27001-2022:A.8.24', 'fw-b:B-3'], ['iso27001-2022:A.8.24', 'fw-b:B-4'],
        ['iso27001-2022:A.5.37', 'fw-b:B-4'],
      ]);
      // "Not related" is stated of the prefixed element too.
      expect(noCounterparts.map((n) => n.requirementId)).toEqual(['iso27001-2022:A.5.3']);
      expect(prefixWarnings(result)).toEqual([
        '2: 8 focal document element(s) of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.15 Access control" as A.5.15, "8.8" as A.8.8, "8.24" as A.8.24; 4 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2; "5.3" as A.5.3, not 5.3; "8.1" as A.8.1, not 8.1); check them',
      ]);
    });

    it('reads a side as written when its elements mix clauses with prefixed controls, or too few of them name nothing as written', () => {
      const mixed = importOlirStrm(template(['4.1,,Semantic,equal,B-1,,,', '5.1,,Semantic,equal,B-1,,,', '6.2,,Semantic,equal,B-2,,,', 'A.5.37,,Semantic,equal,B-3,,,', 'A.8.24,,Semantic,equal,B-4,,,']), isoOptions);
      expect(messages(mixed, 'error')).toEqual([]);
      expect(loadImported(mixed).mappings.map((m) => m.source)).toEqual(['iso27001-2022:4.1', 'iso27001-2022:5.1', 'iso27001-2022:6.2', 'iso27001-2022:A.5.37', 'iso27001-2022:A.8.24']);
      expect(prefixWarnings(mixed)).toEqual([]);

      const few = importOlirStrm(template(['5.1,,Semantic,equal,B-1,,,', '5.2,,Semantic,equal,B-1,,,', '5.3,,Semantic,equal,B-2,,,', '5.15,,Semantic,equal,B-3,,,', '8.24,,Semantic,equal,B-4,,,']), isoOptions);
      expect(loadImported(few).mappings.map((m) => m.source)).toEqual(['iso27001-2022:5.1', 'iso27001-2022:5.2', 'iso27001-2022:5.3']);
      expect(prefixWarnings(few)).toEqual([]);
      expect(messages(few, 'warning')).toContainEqual('5: 2 focal document element(s) name no requirement of "iso27001-2022", e.g. "5.15", "8.24"; their 2 row(s) are not imported (first at row 5). Check that --from is the right framework and edition');
    });
  });

  it('refuses bad cells with their row, frameworks that are not loaded, and a file with nothing to import', () => {
    const bad = importOlirStrm(template(['1.1,Policy,Semantic,overlaps,B-1,,,10', '2,Risk,Semantic,equal,B-2,,,11']), options);
    expect(bad.mappingFiles).toEqual([]);
    expect(messages(bad, 'error')).toEqual([
      '2: row 2: relationship: invalid relationship: "overlaps" (expected: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)',
      '3: row 3: strength of relationship: invalid strength: "11" (expected an integer from 0 to 10)',
    ]);
    const unloaded = importOlirStrm(template(['1.1,Policy,Semantic,equal,B-1,,,10']), { ...options, reference: 'fw-z' });
    expect(messages(unloaded, 'error')).toEqual([
      '-: the reference framework "fw-z" is not loaded: import its catalog first (crosswalk import --format csv|oscal|cprt|ciso-assistant), or name another with --to',
    ]);
    expect(messages(importOlirStrm(template(['1,Governance,,,,,,']), options), 'error')).toEqual(['-: no row could be imported (see the warnings)']);
    expect(messages(importOlirStrm('a,b\n1,2\n', options), 'error')[0]).toMatch(/^1: found no header row with "Focal Document Element" and "Reference Document Element" columns/);
  });
});

describe('isStrmHeader', () => {
  it('accepts the OLIR template and STRM headers of other publishers, and nothing else', () => {
    expect(isStrmHeader([...OLIR_STRM_COLUMNS])).toBe(true);
    expect(isStrmHeader(['FDE #', 'FDE Name', 'STRM Rationale', 'STRM Relationship', 'SCF #', 'Strength of Relationship (optional)'])).toBe(true);
    expect(isStrmHeader(['source_framework', 'source_ref', 'target_framework', 'target_ref', 'relationship'])).toBe(false);
    expect(isStrmHeader(['Focal Document Element', 'Focal Document Element Description'])).toBe(false);
  });
});
