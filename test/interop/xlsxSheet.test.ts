import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, declaredUnpackedSize, isXlsx, onSheetRows, sheetAsCsv } from '../../server/interop/xlsxSheet.js';
import { importContent } from '../../server/services/importContent.js';

/** A catalog as an analyst keeps it in a spreadsheet: a notes sheet first, rich text, a formula, a date, a multi-line cell, a blank row. */
async function catalogWorkbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes').addRow(['Exported from the GRC tool']);
  const sheet = workbook.addWorksheet('Controls');
  rows.forEach((row, i) => (row.length ? sheet.getRow(i + 1).values = row : undefined));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading a workbook sheet as CSV', () => {
  it('shows cells as a spreadsheet does and maps CSV lines back to sheet rows', async () => {
    const bytes = await catalogWorkbook([
      ['Control ID', 'Name', 'Description', 'Parent'],
      ['GV', { richText: [{ text: 'Gover' }, { font: { bold: true }, text: 'nance' }] }, 'First line\nsecond line', null],
      [],
      ['GV-1', { formula: 'CONCATENATE("Pol","icy")', result: 'Policy' }, new Date('2026-03-01T00:00:00Z'), 'GV'],
      ['GV-2', 7, 'Has "quotes", and a comma', 'GV'],
    ]);
    expect(isXlsx(bytes)).toBe(true);
    expect(isXlsx(Buffer.from('ref_id,title\n'))).toBe(false);
    const { text, sheet, rowOf } = await sheetAsCsv(bytes, { file: 'c.xlsx', preferred: 'controls' });
    expect(sheet).toBe('Controls');
    expect(text).toBe('Control ID,Name,Description,Parent\nGV,Governance,"First line\nsecond line",\n\nGV-1,Policy,2026-03-01,GV\nGV-2,7,"Has ""quotes"", and a comma",GV\n');
    // CSV lines 1..6 → sheet rows: the two-line cell of row 2 takes lines 2 and 3.
    expect([1, 2, 3, 4, 5, 6].map(rowOf)).toEqual([1, 2, 2, 3, 4, 5]);
    expect((await sheetAsCsv(bytes, { file: 'c.xlsx' })).sheet).toBe('Notes');
  });

  it('imports a catalog workbook from the sheet that holds one, naming the sheet and its rows in problems', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-xlsx-'));
    try {
      // "Notes" comes first but has no catalog header: the "Controls" sheet is read.
      const good = await catalogWorkbook([['Control ID', 'Name', 'Description', 'Parent'], ['GV', 'Governance', 'Two\nlines', null], ['GV-1', 'Policy', null, 'GV']]);
      const outcome = await importContent({ format: 'csv', bytes: good, sourceName: 'controls.xlsx', dataDir, frameworkId: 'xl-1', name: 'XL', edition: '1' });
      expect(outcome.warnings.map((w) => w.message)).toEqual(['read sheet "Controls" of the workbook', 'header read with other names: "Control ID" as ref_id, "Name" as title, "Parent" as parent_ref_id']);
      expect(fs.readFileSync(outcome.written[0]!, 'utf8')).toMatch(/summary: \|-\n\s+Two\n\s+lines/);

      const bad = await catalogWorkbook([['ref_id', 'title', 'description', 'parent_ref_id'], ['GV', 'Governance', 'Two\nlines', null], ['GV-1', 'Policy', null, 'NOPE']]);
      const error = (await importContent({ format: 'csv', bytes: bad, sourceName: 'bad.xlsx', dataDir, frameworkId: 'xl-2', name: 'XL', edition: '1' }).catch((e: Error) => e)) as Error & { problems?: unknown[] };
      // Row 3 of the sheet, although the two-line cell above makes it line 4 of the CSV.
      expect(error.problems).toEqual([{ file: 'bad.xlsx (sheet "Controls")', line: 3, message: 'row 3: parent_ref_id "NOPE" is not a ref_id in this file', severity: 'error' }]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tells problems in sheet rows: the line, "row N" and lists of rows', () => {
    const table = { text: '', file: 'm.xlsx (sheet "S")', sheet: 'S', rowOf: (line: number) => line - 4 };
    const problems = [
      { file: table.file, line: 9, message: 'row 9: bad; 3 row(s) were skipped (rows 10, 12, 15, …); first at line 11', severity: 'warning' as const },
      { file: 'other.csv', line: 9, message: 'row 9: untouched', severity: 'warning' as const },
    ];
    expect(onSheetRows(problems, table).map((p) => [p.line, p.message])).toEqual([
      [5, 'row 5: bad; 3 row(s) were skipped (rows 6, 8, 11, …); first at line 7'],
      [9, 'row 9: untouched'],
    ]);
  });

  it('refuses a workbook that would unpack to more than it may (a zip bomb), before opening it', async () => {
    const bytes = await catalogWorkbook([['ref_id', 'title'], ['A', 'Root']]);
    const declared = declaredUnpackedSize(bytes)!;
    expect(declared).toBeGreaterThan(bytes.length);
    // Declare one entry as a ZIP64-sized one (0xFFFFFFFF bytes uncompressed) in the central directory.
    const bomb = Buffer.from(bytes);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0xffffffff, central + 24);
    expect(declaredUnpackedSize(bomb)).toBe(Number.POSITIVE_INFINITY);
    await expect(sheetAsCsv(bomb, { file: 'bomb.xlsx' })).rejects.toThrow('bomb.xlsx: the workbook would unpack to more than 4 GB, more than the 256 MB accepted');
    expect(declaredUnpackedSize(Buffer.from('not a zip at all'))).toBeUndefined();
  });
});

describe('choosing the sheet of a workbook', () => {
  it('imports the named sheet into files of its own, and says which sheets there are when the name is wrong', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-sheet-'));
    try {
      const book = new ExcelJS.Workbook();
      const header = ['source_framework', 'source_ref', 'target_framework', 'target_ref', 'relationship', 'rationale', 'strength'];
      book.addWorksheet('First').addRows([header, ['iso27001-2022', 'A.5.1', 'iso9001-2015', '5.2', 'intersects-with', 'semantic', 4]]);
      book.addWorksheet('Second').addRows([header, ['iso27001-2022', 'A.5.2', 'iso9001-2015', '5.3', 'intersects-with', 'semantic', 5]]);
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      const run = (sheet?: string) => importContent({ format: 'csv-crosswalk', bytes, sourceName: 'two.xlsx', dataDir, sheet });
      const first = await run();
      const second = await run('second');
      expect([first.written, second.written].map((w) => path.basename(w[0]!))).toEqual(['two__iso27001-2022__iso9001-2015.yaml', 'two-second__iso27001-2022__iso9001-2015.yaml']);
      expect(fs.readFileSync(second.written[0]!, 'utf8')).toMatch(/source: A\.5\.2/);
      expect(second.warnings[0]!.message).toBe('read sheet "Second" of the workbook');

      await expect(run('Third')).rejects.toThrow('two.xlsx: the workbook has no sheet "Third" (sheets: "First", "Second")');
      await expect(importContent({ format: 'csv-crosswalk', bytes: Buffer.from('a,b\n'), sourceName: 'x.csv', dataDir, sheet: 'First' })).rejects.toThrow('x.csv: a sheet ("First") was named, but the file is not an XLSX workbook');
      await expect(importContent({ format: 'oscal', bytes: Buffer.from('{}'), sourceName: 'c.json', dataDir, sheet: 'First' })).rejects.toThrow(/a sheet is named for --format csv, csv-crosswalk, olir only/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('reading text files in the encodings tools save them in', () => {
  const text = 'ref_id,title\nA,Sécurité – “policy”\n';
  it('reads UTF-8, UTF-16 with a byte order mark, and Windows-1252 with a note naming the first line that is not UTF-8', () => {
    expect(decodeText(Buffer.from(text, 'utf8'), 'a.csv')).toEqual({ text, notes: [] });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'a.csv').text).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'a.csv')).toEqual({ text, notes: [] });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'a.csv').text).toBe(text);
    // "é" is 0xE9, "–" 0x96, the curly quotes 0x93 and 0x94 in Windows-1252.
    const windows = Buffer.from([...Buffer.from('ref_id,title\nA,S', 'latin1'), 0xe9, ...Buffer.from('curit', 'latin1'), 0xe9, 0x20, 0x96, 0x20, 0x93, ...Buffer.from('policy', 'latin1'), 0x94, 0x0a]);
    const read = decodeText(windows, 'a.csv');
    expect(read.text).toBe(text);
    expect(read.notes).toEqual([{ file: 'a.csv', line: 2, message: expect.stringMatching(/^not valid UTF-8: read as Windows-1252/), severity: 'warning' }]);
  });

  it('imports a catalog saved as Windows-1252 with its accents intact and says how it was read', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-encoding-'));
    try {
      const bytes = Buffer.from([...Buffer.from('ref_id,title\nA,Gestion des donn', 'latin1'), 0xe9, 0x65, 0x73, 0x0a]);
      const outcome = await importContent({ format: 'csv', bytes, sourceName: 'cp1252.csv', dataDir, frameworkId: 'enc-1', name: 'Enc', edition: '1' });
      expect(outcome.warnings.map((w) => [w.line, w.message.slice(0, 46)])).toEqual([[2, 'not valid UTF-8: read as Windows-1252, as Exce']]);
      expect(fs.readFileSync(outcome.written[0]!, 'utf8')).toContain('title: Gestion des données');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
