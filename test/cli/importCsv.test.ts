import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crosswalk } from './run.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('crosswalk import --format csv', () => {
  it('writes a catalog to the data folder that validate and stats then pick up', () => {
    const csv = write('acme.csv', 'ref_id,title,description,parent_ref_id,kind\nAC,Access control,,,domain\nAC-1,Access policy,Keep one,AC,control\nAC-2,Account management,,AC,control\n');
    const dataDir = path.join(dir, 'data');
    const imported = crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'acme-2025', '--name', 'ACME', '--edition', '2025'], { dataDir });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'catalogs/acme-2025.yaml'))).toBe(true);
    expect(crosswalk(['validate'], { dataDir }).code).toBe(0);
    const stats = JSON.parse(crosswalk(['stats', '--json'], { dataDir }).stdout);
    expect(stats.frameworks.find((f: { id: string }) => f.id === 'acme-2025')).toEqual({ id: 'acme-2025', name: 'ACME', edition: '2025', counts: { domain: 1, control: 2 } });

    const again = crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'acme-2025', '--name', 'ACME', '--edition', '2025'], { dataDir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists from an earlier import; pass --replace/);
    expect(crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'acme-2025', '--name', 'ACME', '--edition', '2025', '--replace'], { dataDir }).code).toBe(0);

    // Every missing option at once, not one per attempt.
    const bare = crosswalk(['import', '--format', 'csv', csv, '--name', 'ACME', '--no-load'], { dataDir });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('import of format csv needs frameworkId (--framework-id), edition (--edition) (a table of requirements does not say which framework it is)');
  });

  it('--short-name gives the catalog its label for graphs and tables, and is refused for a file that holds no catalog', () => {
    const dataDir = path.join(dir, 'data');
    const catalog = write('acme.csv', 'ref_id,title\nAC,Access control\nAC-1,Access policy\n');
    const acme = ['--framework-id', 'acme-2025', '--name', 'ACME Control Catalogue for Suppliers', '--edition', '2025'];
    expect(crosswalk(['import', '--format', 'csv', catalog, ...acme, '--short-name', ' ACME 2025 ', '--no-load'], { dataDir }).code).toBe(0);
    expect(parse(fs.readFileSync(path.join(dataDir, 'catalogs/acme-2025.yaml'), 'utf8')).framework.shortName).toBe('ACME 2025');

    const tooLong = crosswalk(['import', '--format', 'csv', catalog, ...acme, '--short-name', 'A label far longer than any graph node can show', '--replace', '--no-load'], { dataDir });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/framework\.shortName: .*32/);
    expect(parse(fs.readFileSync(path.join(dataDir, 'catalogs/acme-2025.yaml'), 'utf8')).framework.shortName).toBe('ACME 2025');

    const crosswalkCsv = write('acme-xw.csv', 'source_framework,source_ref,target_framework,target_ref,relationship\nacme-2025,AC-1,iso27001-2022,A.5.1,intersects-with\n');
    const refused = crosswalk(['import', '--format', 'csv-crosswalk', crosswalkCsv, '--short-name', 'XW', '--no-load'], { dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`import: shortName (--short-name) names the catalog a file holds, and ${crosswalkCsv} holds no catalog`);
    expect(fs.existsSync(path.join(dataDir, 'mappings'))).toBe(false);
  });

  it('refuses to replace a catalog with one that breaks the crosswalks citing it, and leaves the catalog as it was', () => {
    const dataDir = path.join(dir, 'data');
    const catalog = write('acme.csv', 'ref_id,title,parent_ref_id\nAC,Access control,\nAC-1,Access policy,AC\nAC-2,Account management,AC\n');
    const acme = ['--framework-id', 'acme-2025', '--name', 'ACME', '--edition', '2025'];
    expect(crosswalk(['import', '--format', 'csv', catalog, ...acme], { dataDir }).code).toBe(0);
    const crosswalkCsv = write('acme-xw.csv', 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength\nacme-2025,AC-2,iso27001-2022,A.5.16,intersects-with,semantic,5\n');
    expect(crosswalk(['import', '--format', 'csv-crosswalk', crosswalkCsv], { dataDir }).code).toBe(0);
    const catalogFile = path.join(dataDir, 'catalogs/acme-2025.yaml');
    const before = fs.readFileSync(catalogFile, 'utf8');

    const shrunk = write('acme-v2.csv', 'ref_id,title,parent_ref_id\nAC,Access control,\nAC-1,Access policy,AC\n');
    const refused = crosswalk(['import', '--format', 'csv', shrunk, ...acme, '--replace'], { dataDir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/acme-xw__acme-2025__iso27001-2022\.yaml:\d+: .*unknown requirement "AC-2"[\s\S]*would break 1 reference\(s\) in content already in place/);
    expect(fs.readFileSync(catalogFile, 'utf8')).toBe(before);
    expect(crosswalk(['validate'], { dataDir }).code).toBe(0);
  });

  it('writes nothing when any row is bad, and names the rows', () => {
    const csv = write('bad.csv', 'ref_id,title,description,parent_ref_id,kind\nA,Root,,,\nB,Orphan,,Z,\n');
    const dataDir = path.join(dir, 'data');
    const result = crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'bad-1', '--name', 'Bad', '--edition', '1'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${csv}:3: row 3: parent_ref_id "Z" is not a ref_id in this file`);
    expect(result.stderr).toContain('nothing was written');
    expect(fs.existsSync(path.join(dataDir, 'catalogs'))).toBe(false);
  });

  it('refuses to shadow a shipped framework and unknown formats', () => {
    const csv = write('x.csv', 'ref_id,title\nA,Root\n');
    const clash = crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'iso42001-2023', '--name', 'X', '--edition', '1'], { dataDir: path.join(dir, 'd') });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/already used by a shipped catalog/);
    const format = crosswalk(['import', '--format', 'docx', csv], { dataDir: path.join(dir, 'd') });
    expect(format.stderr).toMatch(/invalid format: "docx"/);
  });

  it('--skip-conflicts imports a crosswalk that states a pair two ways without that pair', () => {
    const csv = write('two-ways.csv', 'source_framework,source_ref,target_framework,target_ref,relationship\niso9001-2015,7.2,nist-ai-600-1,2.2,intersects-with\niso9001-2015,7.3,nist-ai-600-1,2.3,subset-of\niso9001-2015,7.3,nist-ai-600-1,2.3,superset-of\n');
    const dataDir = path.join(dir, 'data');
    const refused = crosswalk(['import', '--format', 'csv-crosswalk', csv, '--no-load'], { dataDir });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/two-ways\.csv:4: .*stated again with a different relationship[\s\S]*import it again leaving those pairs out .*--skip-conflicts[\s\S]*nothing was written/)]);
    const imported = crosswalk(['import', '--format', 'csv-crosswalk', csv, '--no-load', '--skip-conflicts'], { dataDir });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/two-ways\.csv:4: .*: pair left out \(warning\)/);
    const written = parse(fs.readFileSync(path.join(dataDir, 'mappings/two-ways__iso9001-2015__nist-ai-600-1.yaml'), 'utf8'));
    expect(written.mappings.map((m: { source: string; target: string }) => `${m.source}>${m.target}`)).toEqual(['7.2>2.2']);
  });
});

describe('crosswalk import of a table that writes ISO/IEC 27001 Annex A without "A."', () => {
  // Ids only: Annex A controls as tools that number them like ISO/IEC 27002 write them, against ISO 9001 clauses.
  const rows = [['5.1', '5.2'], ['5.2', '5.3'], ['5.3', '5.3'], ['5.9', '7.1.3'], ['5.15', '7.1.4'], ['5.37', '7.5.1'], ['8.24', '7.1.4']];

  it('reads them with the prefix, clauses 5.1-5.3 of the same standard included, with one warning and no flag (csv-crosswalk and olir)', () => {
    const dataDir = path.join(dir, 'data');
    const table = write('annex.csv', ['Source ID,Target ID,Relationship', ...rows.map(([iso, qms]) => `${iso},${qms},intersects with`)].join('\n'));
    const csv = crosswalk(['import', '--format', 'csv-crosswalk', table, '--from', 'iso27001-2022', '--to', 'iso9001-2015', '--no-load'], { dataDir });
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain(`${table}:2: 7 source_ref id(s) of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.9" as A.5.9, "5.15" as A.5.15, "5.37" as A.5.37; 3 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2; "5.3" as A.5.3, not 5.3); check them`);
    const written = parse(fs.readFileSync(path.join(dataDir, 'mappings/annex__iso27001-2022__iso9001-2015.yaml'), 'utf8'));
    expect(written.mappings.map((m: { source: string; target: string }) => `${m.source}>${m.target}`)).toEqual(rows.map(([iso, qms]) => `A.${iso}>${qms}`));

    const strm = write('annex-strm.csv', ['Focal Document Element,Relationship,Reference Document Element', ...rows.map(([iso, qms]) => `${iso},intersects with,${qms}`)].join('\n'));
    const olir = crosswalk(['import', '--format', 'olir', strm, '--from', 'iso27001-2022', '--to', 'iso9001-2015', '--no-load'], { dataDir: path.join(dir, 'olir') });
    expect(olir.code).toBe(0);
    expect(olir.stderr).toContain(`${strm}:2: 7 focal document element(s) of iso27001-2022 leave off the "A." its refs begin with`);
    const strmWritten = parse(fs.readFileSync(path.join(dir, 'olir/mappings/annex-strm__iso27001-2022__iso9001-2015.yaml'), 'utf8'));
    expect(strmWritten.mappings.map((m: { source: string }) => m.source)).toEqual(rows.map(([iso]) => `A.${iso}`));
  });
});

describe('crosswalk import --format olir', () => {
  it('imports an STRM workbook whose table sits under a title block on its second sheet, naming sheet rows in warnings', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('About').addRows([['Informative reference', 'ISO 9001 to ISO 27001 (example)']]);
    workbook.addWorksheet('Relationships').addRows([
      ['NIST IR 8477-Based Set Theory Relationship Mapping'],
      ['Focal Document:', 'ISO/IEC 27001:2022'],
      [],
      ['Focal Document Element', 'Focal Document Element Description', 'Rationale', 'Relationship', 'Reference Document Element', 'Reference Document Element Description', 'Comments', 'Strength of Relationship'],
      ['6.2', 'Objectives', 'Semantic', 'equal', '6.2', 'Quality objectives', 'Same clause of the harmonized structure.', 9],
      ['A.5.37', 'Documented procedures', 'Functional', 'subset of', 'ISO 9001:2015 7.5.1', '', '', 4],
      ['A.5.1', 'Policies', 'Semantic', 'intersects with', '5.2.9', '', '', 3],
    ]);
    const file = path.join(dir, 'strm.xlsx');
    fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const dataDir = path.join(dir, 'data');
    const result = crosswalk(['import', '--format', 'olir', file, '--from', 'iso27001-2022', '--to', 'iso9001-2015'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${file} (sheet "Relationships"):7: 1 reference document element(s) name no requirement of "iso9001-2015", e.g. "5.2.9"`);
    expect(result.stderr).toContain(`${file} (sheet "Relationships"):6: 1 cell(s) were read as a document name followed by a ref, e.g. "ISO 9001:2015 7.5.1" → 7.5.1`);
    expect(crosswalk(['validate'], { dataDir }).code).toBe(0);
    const csv = crosswalk(['export', '--format', 'csv', '--from', 'iso27001-2022', '--to', 'iso9001-2015'], { dataDir }).stdout;
    expect(csv.split('\n').slice(1, 3).map((line) => line.split(',').slice(0, 7).join(','))).toEqual([
      'iso27001-2022,6.2,iso9001-2015,6.2,equal-to,semantic,9',
      // "7.5.1 is a subset of A.5.37", stored from the focal element.
      'iso27001-2022,A.5.37,iso9001-2015,7.5.1,superset-of,functional,4',
    ]);

    const missing = crosswalk(['import', '--format', 'olir', file, '--from', 'iso27001-2022'], { dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('import of format olir needs from (--from), the focal document\'s framework, and to (--to), the reference document\'s framework');
  });
});
