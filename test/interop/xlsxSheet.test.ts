import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { declaredUnpackedSize, isXlsx, onSheetRows, sheetAsCsv } from '../../server/interop/xlsxSheet.js';
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
