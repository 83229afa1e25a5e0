import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CROSSWALK_CSV_EXPORT_COLUMNS, exportCsvCrosswalk, importCsvCrosswalk, isCrosswalkHeader } from '../../server/interop/csvCrosswalk.js';
import { refResolver } from '../../server/interop/refResolver.js';
import { richBundle } from './fixtures.js';
import { comparable, errorsOf, loadImported, warningsOf } from './helpers.js';

const options = { file: 'imports/acme-crosswalk.csv', today: '2026-05-01' };
const HEADER = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note';

describe('importCsvCrosswalk', () => {
  it('groups rows into one mapping file per framework pair and normalises loose relationship names', () => {
    const csv = [
      HEADER,
      'fw-a,1.1,fw-b,B-1,equal,semantic,10,',
      'fw-a,2,fw-b,B-2,Subset Of,functional,6,"Risk, in part"',
      'fw-b,B-3,fw-c,GOVERN 1.1,not_related,semantic,0,',
      'fw-a,1.1.1,fw-b,B-3,intersect,syntactic,3,',
    ].join('\n');
    const { mappingFiles, problems } = importCsvCrosswalk(csv, options);
    expect(problems).toEqual([]);
    expect(mappingFiles.map((f) => [f.source, f.target, f.mappings.length])).toEqual([['fw-a', 'fw-b', 3], ['fw-b', 'fw-c', 1]]);
    const mappings = loadImported({ catalogs: [], mappingFiles }).mappings;
    expect(mappings.map((m) => [m.source, m.target, m.relationship, m.rationale, m.strength])).toEqual([
      ['fw-a:1.1', 'fw-b:B-1', 'equal-to', 'semantic', 10],
      ['fw-a:2', 'fw-b:B-2', 'subset-of', 'functional', 6],
      ['fw-a:1.1.1', 'fw-b:B-3', 'intersects-with', 'syntactic', 3],
      ['fw-b:B-3', 'fw-c:GOVERN 1.1', 'no-relationship', 'semantic', 0],
    ]);
    expect(mappings[1]!.note).toBe('Risk, in part');
  });

  it('reads a crosswalk saved with semicolons (a spreadsheet in a European locale) like the comma original', () => {
    const commas = importCsvCrosswalk([HEADER, 'fw-a,1.1,fw-b,B-1,equal,semantic,10,', 'fw-a,2,fw-b,B-2,Subset Of,functional,6,"Risk; in part, too"'].join('\n'), options);
    const semicolons = importCsvCrosswalk([HEADER.replaceAll(',', ';'), 'fw-a;1.1;fw-b;B-1;equal;semantic;10;', 'fw-a;2;fw-b;B-2;Subset Of;functional;6;"Risk; in part, too"'].join('\r\n'), options);
    expect(semicolons.problems).toEqual([]);
    expect(semicolons.mappingFiles).toEqual(commas.mappingFiles);
  });

  it('imports as proposed, human, with provenance from the file name, "imported" and today — never approved by itself', () => {
    const { mappingFiles } = importCsvCrosswalk(`${HEADER}\nfw-a,1.1,fw-b,B-1,equal,semantic,10,\n`, options);
    const [mapping] = loadImported({ catalogs: [], mappingFiles }).mappings;
    expect(mapping).toMatchObject({ status: 'proposed', method: 'human', provenance: { source: 'acme-crosswalk.csv', author: 'imported', created: '2026-05-01' } });
    expect(mapping!.provenance.reviewer).toBeUndefined();
  });

  it('keeps an approved status when the file states it', () => {
    const csv = `${HEADER},status,reviewer,reviewed\nfw-a,1.1,fw-b,B-1,equal,semantic,10,,approved,alice,2026-04-01\n`;
    const [mapping] = loadImported({ catalogs: [], mappingFiles: importCsvCrosswalk(csv, options).mappingFiles }).mappings;
    expect(mapping).toMatchObject({ status: 'approved', provenance: { reviewer: 'alice', reviewed: '2026-04-01' } });
  });

  it('names the row and column of every bad cell, lists allowed values and returns no files', () => {
    const csv = [
      HEADER,
      'fw-a,1.1,fw-b,B-1,equivalnt,semantic,10,',
      'fw-a,2,fw-b,B-2,subset,semantic,11,',
      'Bad Id,2,fw-b,B-2,subset,semantic,5,',
      'fw-a,,fw-b,B-2,subset,logical,5,',
    ].join('\n');
    const { mappingFiles, problems } = importCsvCrosswalk(csv, options);
    expect(mappingFiles).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'row 2: relationship: invalid relationship: "equivalnt" (expected: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)'],
      [3, 'row 3: strength: invalid strength: "11" (expected an integer from 0 to 10)'],
      [4, 'row 4: source_framework: a framework id is a lowercase slug with its edition, e.g. "iso27001-2022"'],
      [5, 'row 5: source_ref: a ref cannot be empty'],
      [5, 'row 5: rationale: invalid rationale: "logical" (expected: syntactic, semantic, functional)'],
    ]);
    expect(problems.every((p) => p.file === options.file && p.severity === 'error')).toBe(true);
  });

  it('reads a two-framework table from another tool: other column names, frameworks from --from/--to, refs with titles', () => {
    const refs: Record<string, string[]> = { 'fw-a': ['1.1', '2'], 'fw-b': ['B-1', 'B-2'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    // A spreadsheet's empty trailing column (no name, no cells) is not worth a warning.
    const csv = ['Source Control ID,Target Control ID,Relationship Type,Notes,Owner,', '1.1 Policy,B-1,equal,Same policy.,alice,', '2,B-2 Risk treatment,Subset Of,,bob,'].join('\n');
    const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(result.problems)).toEqual([]);
    expect(warningsOf(result.problems).map((p) => p.message)).toEqual([
      'header read with other names: "Source Control ID" as source_ref, "Target Control ID" as target_ref, "Relationship Type" as relationship, "Notes" as note',
      `column(s) not read: "Owner" (known: ${CROSSWALK_CSV_EXPORT_COLUMNS.join(', ')})`,
      '2 cell(s) were read as a ref followed by a title, e.g. "1.1 Policy" → 1.1, "B-2 Risk treatment" → B-2; check them',
      '2 row(s) state no rationale and were given "semantic"; review them (rows 2, 3)',
      '2 row(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them (rows 2, 3)',
    ]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.relationship, m.target, m.note])).toEqual([
      ['fw-a:1.1', 'equal-to', 'fw-b:B-1', 'Same policy.'],
      ['fw-a:2', 'subset-of', 'fw-b:B-2', undefined],
    ]);
    expect(isCrosswalkHeader(['Source Control ID', 'Target Control ID', 'Relationship Type'])).toBe(true);
    expect(isCrosswalkHeader(['Control ID', 'Name'])).toBe(false);
  });

  it('names the row of a ref its loaded framework does not have, not a file of its own', () => {
    const refs: Record<string, string[]> = { 'fw-a': ['GV 1'], 'fw-b': ['4.1'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    const frameworks = [{ id: 'fw-a', name: 'A', edition: '1' }, { id: 'fw-b', name: 'B', edition: '1' }];
    const csv = 'source_ref,target_ref,relationship\nGV 1,4.1,intersects-with\nGV 1,4.99,intersects-with\n';
    const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef, frameworks });
    expect(errorsOf(result.problems).map((p) => [p.file, p.line, p.message])).toEqual([
      ['imports/acme-crosswalk.csv', 3, 'row 3: target_ref: "4.99" is not a requirement of fw-b (nor a list of them); look it up with "crosswalk search" or in the catalog'],
    ]);
    // A framework that is not loaded is left to validation, which names it as unknown.
    const elsewhere = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-c', resolveRef, frameworks });
    expect(errorsOf(elsewhere.problems).filter((p) => /4\.99/.test(p.message))).toEqual([]);
  });

  it('counts rows where the author mapped nothing (no target, no relationship) and heading rows, instead of refusing the table', () => {
    const refs: Record<string, string[]> = { 'fw-a': ['1', '1.1', '1.2'], 'fw-b': ['B-1'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    const csv = [
      'Group,Source ID,Title,Relationship,Target ID',
      '1,,Inventory,,',
      ',,Manage every asset.,,',
      '1,1.1,Keep an inventory,Subset,B-1',
      '1,1.2,Handle unknown assets,,',
    ].join('\n');
    const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(result.problems)).toEqual([]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.relationship, m.target])).toEqual([['fw-a:1.1', 'subset-of', 'fw-b:B-1']]);
    const warnings = warningsOf(result.problems).map((p) => [p.line, p.message]);
    expect(warnings).toContainEqual([5, '1 row(s) name no target: not mapped by the author, nothing imported for them (rows 5)']);
    expect(warnings).toContainEqual([2, '2 row(s) name neither a source nor a target ref (headings or descriptions in the table?): nothing imported for them (rows 2, 3)']);
    // Half a mapping is still an error: a relationship without a target.
    const half = importCsvCrosswalk('Source ID,Relationship,Target ID\n1.1,Subset,\n', { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(half.problems).map((p) => p.message)).toEqual(['row 2: target_ref: a ref cannot be empty']);
  });

  it('reads ISO refs written without the dot after the annex letter ("A5.9"), with one warning giving different examples', () => {
    const refs: Record<string, string[]> = { 'fw-a': ['1.1', '1.2'], 'fw-b': ['A.5.9', 'A.8.8', 'A.8.9'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    const csv = ['Source ID,Relationship,Target ID', '1.1,Subset,A5.9', '1.2,Subset,A5.9', '1.2,Subset,A8.8'].join('\n');
    const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(result.problems)).toEqual([]);
    expect(loadImported(result).mappings.map((m) => m.target)).toEqual(['fw-b:A.5.9', 'fw-b:A.5.9', 'fw-b:A.8.8']);
    expect(warningsOf(result.problems).map((p) => p.message)).toContainEqual('3 cell(s) were read as a ref written with other separators (or none after its letter), e.g. "A5.9" → A.5.9, "A8.8" → A.8.8; check them');
  });

  describe('a column that leaves off the prefix its framework\'s refs share', () => {
    // ISO/IEC 27001:2022 in part: clauses 5.1-5.3 and 8.1 read like Annex A controls written without "A.".
    const iso = ['4.1', '5', '5.1', '5.2', '5.3', '6.1', '8.1', '9.2', 'A.5', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.9', 'A.5.15', 'A.5.23', 'A.8', 'A.8.1', 'A.8.8', 'A.8.24'];
    const refs: Record<string, string[]> = { 'iso27001-2022': iso, 'fw-b': ['B-1', 'B-2', 'B-3', 'B-4', 'B-5', 'B-6'], 'fw-c': ['5.1', '5.2', '5.15'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    const refsOf = (frameworkId: string) => refs[frameworkId];
    const frameworks = Object.keys(refs).map((id) => ({ id, name: id, edition: '1' }));
    const prefixWarnings = (problems: ReturnType<typeof importCsvCrosswalk>['problems']) => warningsOf(problems).filter((p) => p.message.includes('leave off'));

    it('reads every id of the column with the prefix, the ones that name another ref as written too, with one warning listing those', () => {
      const csv = [
        'Source ID,Target ID,Relationship',
        '5.1,B-1,intersects with',
        '5.2,B-1,subset of',
        '5.3,B-2,intersects with',
        '5.9,B-2,intersects with',
        '5.15,"B-3, B-4",equal',
        '5.23 Cloud services,B-4,intersects with',
        '8.1,B-5,intersects with',
        '8.8,B-5,intersects with',
        '8.24,B-6,superset of',
      ].join('\n');
      const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'iso27001-2022', targetFramework: 'fw-b', resolveRef, refsOf, frameworks });
      expect(errorsOf(result.problems)).toEqual([]);
      expect(loadImported(result).mappings.map((m) => m.source)).toEqual([
        'iso27001-2022:A.5.1', 'iso27001-2022:A.5.2', 'iso27001-2022:A.5.3', 'iso27001-2022:A.5.9', 'iso27001-2022:A.5.15', 'iso27001-2022:A.5.15',
        'iso27001-2022:A.5.23', 'iso27001-2022:A.8.1', 'iso27001-2022:A.8.8', 'iso27001-2022:A.8.24',
      ]);
      expect(prefixWarnings(result.problems).map((p) => [p.file, p.line, p.message])).toEqual([[
        'imports/acme-crosswalk.csv', 2,
        '9 source_ref id(s) of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.9" as A.5.9, "5.15" as A.5.15, "5.23 Cloud services" as A.5.23; 4 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2; "5.3" as A.5.3, not 5.3; "8.1" as A.8.1, not 8.1); check them',
      ]]);
      // The title is read as before, now after the prefixed id.
      expect(warningsOf(result.problems).map((p) => p.message)).toContainEqual('1 cell(s) were read as a ref followed by a title, e.g. "5.23 Cloud services" → A.5.23; check them');
    });

    it('decides per column and framework: another framework in the same column, or the other column, is read as written', () => {
      const csv = [
        HEADER,
        'iso27001-2022,5.1,fw-b,B-1,intersects-with,semantic,5,',
        'iso27001-2022,5.9,fw-b,B-2,intersects-with,semantic,5,',
        'iso27001-2022,5.15,fw-b,B-3,intersects-with,semantic,5,',
        'iso27001-2022,8.24,fw-b,B-4,intersects-with,semantic,5,',
        'fw-c,5.1,iso27001-2022,5.2,intersects-with,semantic,5,',
        'fw-c,5.2,fw-b,B-5,intersects-with,semantic,5,',
      ].join('\n');
      const result = importCsvCrosswalk(csv, { ...options, resolveRef, refsOf, frameworks });
      expect(errorsOf(result.problems)).toEqual([]);
      expect(loadImported(result).mappings.map((m) => `${m.source} ${m.target}`).sort()).toEqual([
        'fw-c:5.1 iso27001-2022:5.2', 'fw-c:5.2 fw-b:B-5',
        'iso27001-2022:A.5.1 fw-b:B-1', 'iso27001-2022:A.5.15 fw-b:B-3', 'iso27001-2022:A.5.9 fw-b:B-2', 'iso27001-2022:A.8.24 fw-b:B-4',
      ]);
      expect(prefixWarnings(result.problems).map((p) => p.message)).toEqual([expect.stringMatching(/^4 source_ref id\(s\) of iso27001-2022 leave off the "A\." .*\("5\.1" as A\.5\.1, not 5\.1\); check them$/)]);
    });

    it('reads a column as written when its ids mix clauses with prefixed controls, or too few of them name nothing as written', () => {
      const mixed = ['Source ID,Target ID,Relationship', '4.1,B-1,intersects with', '5.1,B-1,intersects with', '9.2,B-2,intersects with', 'A.5.15,B-3,equal', 'A.8.24 Cryptography,B-4,equal'].join('\n');
      const read = importCsvCrosswalk(mixed, { ...options, sourceFramework: 'iso27001-2022', targetFramework: 'fw-b', resolveRef, refsOf, frameworks });
      expect(errorsOf(read.problems)).toEqual([]);
      expect(loadImported(read).mappings.map((m) => m.source)).toEqual(['iso27001-2022:4.1', 'iso27001-2022:5.1', 'iso27001-2022:9.2', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.24']);
      expect(prefixWarnings(read.problems)).toEqual([]);

      // Two ids that name nothing as written among five are not a column that leaves off a prefix: they stay unknown.
      const few = ['Source ID,Target ID,Relationship', '5.1,B-1,intersects with', '5.2,B-1,intersects with', '5.3,B-2,intersects with', '5.15,B-3,equal', '8.24,B-4,equal'].join('\n');
      const refused = importCsvCrosswalk(few, { ...options, sourceFramework: 'iso27001-2022', targetFramework: 'fw-b', resolveRef, refsOf, frameworks });
      expect(prefixWarnings(refused.problems)).toEqual([]);
      expect(errorsOf(refused.problems).map((p) => p.message)).toEqual([
        'row 5: source_ref: "5.15" is not a requirement of iso27001-2022 (nor a list of them); look it up with "crosswalk search" or in the catalog',
        'row 6: source_ref: "8.24" is not a requirement of iso27001-2022 (nor a list of them); look it up with "crosswalk search" or in the catalog',
      ]);
    });
  });

  it('reads a concept crosswalk: two id columns named for their frameworks, lists of refs, merged source cells, unmapped rows', () => {
    const refs: Record<string, string[]> = { 'fw-a': ['GV 1', 'GV 2', 'GV 3'], 'fw-b': ['4.1', '4.2', 'A.2.2'] };
    const resolveRef = (frameworkId: string, cell: string) => refResolver(refs[frameworkId] ?? [])(cell);
    const csv = ['Framework A subcategory,Standard B clauses,Comments', 'GV 1,"4.1, 4.2",Context', ',A.2.2,', 'GV 2,,', 'GV 3,A.2.2 AI policy,'].join('\n');
    const result = importCsvCrosswalk(csv, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(result.problems)).toEqual([]);
    expect(loadImported(result).mappings.map((m) => [m.source, m.relationship, m.target, m.strength, m.note])).toEqual([
      ['fw-a:GV 1', 'intersects-with', 'fw-b:4.1', 5, 'Context'],
      ['fw-a:GV 1', 'intersects-with', 'fw-b:4.2', 5, 'Context'],
      ['fw-a:GV 1', 'intersects-with', 'fw-b:A.2.2', 5, undefined],
      ['fw-a:GV 3', 'intersects-with', 'fw-b:A.2.2', 5, undefined],
    ]);
    const warnings = warningsOf(result.problems).map((p) => [p.line, p.message]);
    expect(warnings).toContainEqual([1, 'no source_ref and target_ref columns: read "Framework A subcategory" as the refs of fw-a (--from) and "Standard B clauses" as the refs of fw-b (--to)']);
    expect(warnings).toContainEqual([1, 'the table has no relationship column (a concept crosswalk): its 4 pair(s) say only that the requirements are related and were imported as intersects-with; review them']);
    expect(warnings).toContainEqual([3, '1 row(s) had no source ref and were given the one above (merged cells; rows 3)']);
    expect(warnings).toContainEqual([4, '1 row(s) name no target: not mapped by the author, nothing imported for them (rows 4)']);

    // Without --from and --to the columns cannot be told apart; with three unknown columns neither.
    expect(errorsOf(importCsvCrosswalk(csv, { ...options, resolveRef }).problems)[0]!.message).toMatch(/^missing column\(s\) source_framework, source_ref, target_framework, target_ref .*a table of two id columns is read with --from and --to/);
    const three = importCsvCrosswalk('A,B,C\nGV 1,4.1,x\n', { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(three.problems)[0]!.message).toMatch(/^missing column\(s\) source_ref, target_ref/);
    // What it read, and what else a ref column may be called, so the fix is a rename away.
    const unnamed = importCsvCrosswalk('CIS Safeguard,Description,Control #,\n1.1,x,A.5.9,\n', { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveRef });
    expect(errorsOf(unnamed.problems)[0]!.message).toMatch(
      /source_ref may be headed source_id, source_control_id, source_requirement_id, source_control; target_ref may be headed target_id, .*\)\. The header read: "CIS Safeguard", "Description", "Control #", \(column 4, no name\)$/,
    );
  });

  it('rejects a missing column, an unreadable CSV and a row with the wrong number of cells', () => {
    expect(importCsvCrosswalk('source_framework,source_ref,target_ref\nfw-a,1,B\n', options).problems).toEqual([
      { file: options.file, line: 1, message: `missing column(s) target_framework (expected header: ${HEADER}; or give the framework of every row with --to; a table of two id columns is read with --from and --to). The header read: "source_framework", "source_ref", "target_ref"`, severity: 'error' },
    ]);
    expect(importCsvCrosswalk(`${HEADER}\n"fw-a,1.1\n`, options).problems[0]!.message).toMatch(/^not a readable CSV/);
    const short = importCsvCrosswalk(`${HEADER}\nfw-a,1.1,fw-b,B-1,equal\n`, options);
    expect(short.problems).toEqual([{ file: options.file, line: 2, message: 'row 2: 5 cells where the header has 8', severity: 'error' }]);
    expect(importCsvCrosswalk('', options).problems[0]!.message).toMatch(/empty/);
  });

  it('keeps a rationale column of reasoning as the note, and reads the rationale from the column of rationale words', () => {
    const reasons = ['Source Control ID,Target ID,Relationship Type,Rationale,Strength', '1.1,B-1,equal,Both ask for a policy.,9', '2,B-2,subset of,Narrower than treatment.,6'].join('\n');
    const read = importCsvCrosswalk(reasons, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b' });
    expect(errorsOf(read.problems)).toEqual([]);
    expect(loadImported(read).mappings.map((m) => [m.source, m.target, m.rationale, m.note])).toEqual([
      ['fw-a:1.1', 'fw-b:B-1', 'semantic', 'Both ask for a policy.'],
      ['fw-a:2', 'fw-b:B-2', 'semantic', 'Narrower than treatment.'],
    ]);
    expect(warningsOf(read.problems).map((p) => p.message)[0]).toBe('"Rationale" holds explanations rather than syntactic, semantic or functional: kept in the mappings\' notes');
    // Both kinds side by side: the type from one column, the reasoning from the other, beside the notes.
    const both = ['source_ref,target_ref,relationship,STRM Rationale,NIST IR-8477 Rational,notes', '1.1,B-1,equal,Same duty.,functional,seen twice'].join('\n');
    const twice = importCsvCrosswalk(both, { ...options, sourceFramework: 'fw-a', targetFramework: 'fw-b' });
    expect(errorsOf(twice.problems)).toEqual([]);
    expect(loadImported(twice).mappings.map((m) => [m.rationale, m.note])).toEqual([['functional', 'Same duty.\nseen twice']]);
    expect(warningsOf(twice.problems).map((p) => p.message).slice(0, 2)).toEqual([
      '"STRM Rationale" holds explanations rather than syntactic, semantic or functional: kept in the mappings\' notes; the rationale is read from "NIST IR-8477 Rational"',
      'header read with other names: "notes" as note, "NIST IR-8477 Rational" as rationale',
    ]);
  });

  it('fills a blank rationale or strength with a warning that lists the rows', () => {
    const csv = `${HEADER}\nfw-a,1.1,fw-b,B-1,equal,,,\nfw-a,2,fw-b,B-2,intersects,,,\nfw-a,3,fw-b,B-3,none,semantic,,\n`;
    const { mappingFiles, problems } = importCsvCrosswalk(csv, options);
    expect(errorsOf(problems)).toEqual([]);
    expect(warningsOf(problems).map((p) => [p.line, p.message])).toEqual([
      [2, '2 row(s) state no rationale and were given "semantic"; review them (rows 2, 3)'],
      [2, '3 row(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them (rows 2, 3, 4)'],
    ]);
    expect(mappingFiles[0]!.mappings.map((m) => m.strength)).toEqual([10, 5, 0]);
  });

  it('reads frameworks named as other tools write them, once each, and never guesses an edition the file does not state', () => {
    const frameworks = [
      { id: 'iso27001-2022', name: 'ISO/IEC 27001', edition: '2022' },
      { id: 'iso27701-2019', name: 'ISO/IEC 27701', edition: '2019' },
      { id: 'iso27701-2025', name: 'ISO/IEC 27701', edition: '2025' },
      { id: 'iso9001-2015', name: 'ISO 9001', edition: '2015' },
    ];
    const rows = ['ISO/IEC 27001:2022,A.5.1,ISO 9001:2015,5.2,intersects-with,semantic,5,', 'ISO/IEC 27001:2022,A.5.2,iso9001-2015,5.3,intersects-with,semantic,5,'];
    const read = importCsvCrosswalk(`${HEADER}\n${rows.join('\n')}\n`, { ...options, frameworks });
    expect(errorsOf(read.problems)).toEqual([]);
    expect(warningsOf(read.problems).slice(0, 2).map((p) => [p.line, p.message])).toEqual([
      [2, 'framework "ISO/IEC 27001:2022" read as iso27001-2022 (by its name and edition) (2 rows, first at line 2)'],
      [2, 'framework "ISO 9001:2015" read as iso9001-2015 (by its id, spelt otherwise)'],
    ]);
    expect(read.mappingFiles.map((f) => [f.source, f.target, f.mappings.length])).toEqual([['iso27001-2022', 'iso9001-2015', 2]]);

    const unsure = importCsvCrosswalk(`${HEADER}\nISO/IEC 27701,5.2.1,iso27001-2022,4.1,intersects-with,semantic,5,\nISO 9001,5.2,iso27001-2022,A.5.1,intersects-with,semantic,5,\nISO/IEC 9999,1,iso27001-2022,A.5.1,intersects-with,semantic,5,\n`, { ...options, frameworks });
    expect(errorsOf(unsure.problems).map((p) => [p.line, p.message])).toEqual([
      [4, 'row 4: source_framework: "ISO/IEC 9999" names no loaded framework by its id, its name, or its name and edition (known: iso27001-2022, iso27701-2019, iso27701-2025, iso9001-2015)'],
      [2, 'framework "ISO/IEC 27701" could be iso27701-2019 or iso27701-2025: write its id'],
      [3, 'framework "ISO 9001" states no edition; a mapping is pinned to the edition its source states, so none is guessed: write the id (iso9001-2015 is the edition loaded)'],
    ]);
  });

  it('skips a pair restated in reverse with the inverse relationship, and rejects a contradiction naming both rows', () => {
    const agreeing = importCsvCrosswalk(`${HEADER}\nfw-a,2,fw-b,B-2,subset,semantic,5,\nfw-b,B-2,fw-a,2,superset,semantic,5,\n`, options);
    expect(agreeing.mappingFiles.flatMap((f) => f.mappings)).toHaveLength(1);
    expect(warningsOf(agreeing.problems)[0]!.message).toMatch(/skipped 1 mapping\(s\) that restate an earlier one in the opposite direction/);
    const contradicting = importCsvCrosswalk(`${HEADER}\nfw-a,2,fw-b,B-2,subset,semantic,5,\nfw-b,B-2,fw-a,2,subset,semantic,5,\n`, options);
    expect(contradicting.mappingFiles).toEqual([]);
    expect(contradicting.problems).toEqual([
      { file: options.file, line: 3, message: 'fw-b:B-2 subset-of fw-a:2 contradicts line 2, which states fw-a:2 subset-of fw-b:B-2', severity: 'error', code: 'conflicting-statement' },
    ]);
  });
});

describe('exportCsvCrosswalk', () => {
  it('writes the crosswalk columns plus every other mapping field, quoting where needed', () => {
    const csv = exportCsvCrosswalk(richBundle().mappings);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...CROSSWALK_CSV_EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({
      source_framework: 'fw-a', source_ref: '1.1', target_framework: 'fw-b', target_ref: 'B-1', relationship: 'equal-to',
      note: 'Same policy, "quoted" words,\nand a second line.', provenance_source: 'Test crosswalk, 2nd edition', provenance_url: 'https://example.org/crosswalk',
      reviewer: 'alice', reviewed: '2026-02-01', provenance_created: '2025-12-01', review_note: 'Checked against both texts.', status: 'approved',
    });
    expect(rows).toHaveLength(6);
  });

  it('round-trips every field: export → import gives the same mappings, and exporting those gives the same text', () => {
    const original = richBundle().mappings;
    const first = exportCsvCrosswalk(original);
    const imported = importCsvCrosswalk(first, options);
    expect(imported.problems).toEqual([]);
    const loaded = loadImported(imported).mappings;
    expect(comparable(loaded)).toEqual(comparable(original));
    const byId = new Map(loaded.map((m) => [m.id, m]));
    expect(exportCsvCrosswalk(original.map((m) => byId.get(m.id)!))).toBe(first);
  });

  it('round-trips an imported file: import → export → import gives the same mapping files', () => {
    const csv = `${HEADER}\nfw-a,1.1,fw-b,B-1,equal,semantic,10,a note\nfw-a,2,fw-c,MAP 1.1,intersects with,functional,4,\n`;
    const first = importCsvCrosswalk(csv, options);
    const again = importCsvCrosswalk(exportCsvCrosswalk(loadImported(first).mappings), options);
    expect(again.problems).toEqual([]);
    expect(again.mappingFiles.map(({ description: _d, ...f }) => f)).toEqual(first.mappingFiles.map(({ description: _d, ...f }) => f));
  });
});
