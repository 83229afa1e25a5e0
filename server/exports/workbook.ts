import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | undefined;

/** A workbook stamped with the export time (so the same input gives the same content). */
export function newWorkbook(generatedAt: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Crosswalk';
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);
  return workbook;
}

/**
 * A sheet holding one table: bold, frozen header row with an auto-filter, the given column widths. Strings that look
 * like formulas stay text (ExcelJS writes plain strings as shared strings, never formulas).
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  { widths = {} as Record<string, number> } = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow(row.map((cell) => (cell === undefined ? '' : cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: header.length } };
  header.forEach((column, i) => {
    sheet.getColumn(i + 1).width = widths[column] ?? Math.max(12, Math.min(40, column.length + 2));
  });
  return sheet;
}

/** A two-column "key, value" sheet (summaries, about). Headings are rows with one bold cell. */
export function addKeyValueSheet(workbook: ExcelJS.Workbook, name: string, rows: ReadonlyArray<ReadonlyArray<Cell> | { heading: string }>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) {
    if ('heading' in row) sheet.addRow([row.heading]).font = { bold: true };
    else sheet.addRow(row.map((cell) => (cell === undefined ? '' : cell)));
  }
  sheet.getColumn(1).width = 36;
  sheet.getColumn(2).width = 60;
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Cell values of a sheet as text rows (header included); for reading exports back. */
export function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => {
      const value = row.getCell(i + 1).value;
      return value === null || value === undefined ? '' : String(value);
    }));
  });
  return rows;
}

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Splits a multi-value cell ("a; b;c") into trimmed, non-empty values. */
export const splitList = (cell: string | undefined): string[] => (cell ?? '').split(';').map((v) => v.trim()).filter(Boolean);
export const joinList = (values: readonly string[]): string => values.join('; ');
