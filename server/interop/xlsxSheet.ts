import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { InputError, type Problem } from '../domain/errors.js';
import { HEADER_SEARCH_ROWS, quoteCsvCell } from './csv.js';
import { zipEntries } from './zipDirectory.js';

/** An XLSX file is a ZIP archive: it starts with the local file header "PK\x03\x04". */
export const isXlsx = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The text a spreadsheet shows for a cell: rich text joined, a formula's last result, dates as ISO dates. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as ExcelJS.CellValue) : '';
  if ('text' in value) return String(value.text);
  return ''; // an error value (#N/A, …) shows as an empty cell
}

/**
 * A sheet's relationships may name their parts by absolute path (`Target="/xl/tables/table1.xml"`), as the Open
 * Packaging Conventions allow and some spreadsheet writers do (NIST's published OLIR workbooks, for one). ExcelJS
 * resolves only relative paths and fails on such a workbook, so they are rewritten relative to the sheet first.
 */
async function withRelativeSheetTargets(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/_rels\/[^/]+\.rels$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const relative = xml.replace(/Target="\/xl\//g, 'Target="../');
    if (relative !== xml) {
      zip.file(name, relative);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'uint8array' }) : undefined;
}

/** What a workbook may unpack to: far above any real catalog or crosswalk, far below what would exhaust memory. */
export const MAX_UNPACKED_BYTES = 256 * 2 ** 20;

/**
 * The sum of the uncompressed sizes that a ZIP archive's central directory declares, read without unpacking anything,
 * so a "zip bomb" is refused before it is opened; undefined when the archive is not a readable ZIP (ExcelJS then says
 * why). A ZIP64 size (0xFFFFFFFF) counts as too large.
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | undefined {
  const entries = zipEntries(bytes);
  return entries?.reduce((total, e) => total + (e.uncompressedSize === 0xffffffff ? Number.POSITIVE_INFINITY : e.uncompressedSize), 0);
}

async function loadWorkbook(bytes: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked !== undefined && unpacked > MAX_UNPACKED_BYTES)
    throw new InputError(`${file}: the workbook would unpack to ${Number.isFinite(unpacked) ? `${Math.round(unpacked / 2 ** 20)} MB` : 'more than 4 GB'}, more than the ${MAX_UNPACKED_BYTES / 2 ** 20} MB accepted; save the sheet you need as CSV or split the workbook`);
  const load = async (data: Uint8Array) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    return workbook;
  };
  try {
    return await load(bytes);
  } catch (e) {
    const repaired = await withRelativeSheetTargets(bytes).catch(() => undefined);
    if (repaired) return load(repaired).catch(() => Promise.reject(new InputError(`${file}: not a readable XLSX workbook (${(e as Error).message})`)));
    throw new InputError(`${file}: not a readable XLSX workbook (${(e as Error).message})`);
  }
}

/**
 * One sheet of a workbook as CSV text, so every CSV import reads workbooks too: the sheet named `preferred` if there is
 * one, else the first with a row (among its first rows) that the import `accepts` as its header, else the first sheet
 * with cells; `only` names the sheet to read, and no other will do. Rows are as wide as the widest row; empty rows stay
 * as empty lines.
 * `rowOf` turns a line of the CSV back into the sheet's row number (a cell with line breaks spans several CSV
 * lines), so problems can name the row the analyst sees in the spreadsheet.
 */
export async function sheetAsCsv(
  bytes: Uint8Array,
  { file, preferred, accepts = () => false, only }: { file: string; preferred?: string; accepts?: (header: string[]) => boolean; only?: string },
): Promise<{ text: string; sheet: string; sheets: string[]; rowOf: (line: number) => number }> {
  const workbook = await loadWorkbook(bytes, file);
  const sheets = workbook.worksheets.filter((s) => s.actualRowCount > 0);
  const named = only === undefined ? undefined : workbook.worksheets.find((s) => s.name.toLowerCase() === only.trim().toLowerCase());
  if (only !== undefined && !named) throw new InputError(`${file}: the workbook has no sheet "${only}" (sheets: ${workbook.worksheets.map((s) => `"${s.name}"`).join(', ')})`);
  // Array.from: a row's values are a sparse array, and map would keep its holes.
  const rowCells = (s: ExcelJS.Worksheet, r: number) => Array.from((s.getRow(r).values as ExcelJS.CellValue[]).slice(1), (v) => cellText(v).trim());
  // A published template may put a title block above its table, so the header is looked for in the first rows.
  const hasHeader = (s: ExcelJS.Worksheet) => Array.from({ length: Math.min(s.rowCount, HEADER_SEARCH_ROWS) }, (_, i) => rowCells(s, i + 1)).some(accepts);
  const sheet =
    named ??
    sheets.find((s) => preferred && s.name.toLowerCase() === preferred.toLowerCase()) ??
    sheets.find(hasHeader) ??
    sheets[0];
  if (!sheet) throw new InputError(`${file}: the workbook has no sheet with cells`);
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => (width = Math.max(width, row.cellCount)));
  const lines: string[] = [];
  const rowOfLine: number[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
    const line = cells.some((c) => c) ? cells.map(quoteCsvCell).join(',') : '';
    for (const _ of line.split('\n')) rowOfLine.push(r);
    lines.push(line);
  }
  return { text: `${lines.join('\n')}\n`, sheet: sheet.name, sheets: workbook.worksheets.map((s) => s.name), rowOf: (line) => rowOfLine[line - 1] ?? line };
}

/** A workbook sheet as the spreadsheet shows it: `rows[i]` is sheet row i + 1, `rows[i][j]` its cell in column j + 1, trimmed. */
export interface SheetCells {
  name: string;
  rows: string[][];
}

/** Every sheet of a workbook as cell text, for formats spread over several sheets (CISO Assistant's library workbooks). */
export async function readWorkbookSheets(bytes: Uint8Array, file: string): Promise<SheetCells[]> {
  const workbook = await loadWorkbook(bytes, file);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: Array.from({ length: sheet.rowCount }, (_, r) => {
      const row = sheet.getRow(r + 1);
      return Array.from({ length: row.cellCount }, (_, c) => cellText(row.getCell(c + 1).value).trim());
    }),
  }));
}

/** Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); Node's decoder reads those bytes as C1 controls. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const decodeWindows1252 = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join('');

/**
 * The text of a file as common tools save it: UTF-8 (with or without a byte order mark); UTF-16 with its byte order
 * mark (Excel's "Unicode Text"); else, when the bytes are not valid UTF-8, Windows-1252 (Excel's plain "CSV" on Windows
 * and many older exports), with a note that says so and where the first such byte is, rather than replacement marks.
 */
export function decodeText(bytes: Uint8Array, file: string): { text: string; notes: Problem[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), notes: [] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notes: [] };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = loose.slice(0, loose.indexOf('\uFFFD')).split('\n').length;
    const message = 'not valid UTF-8: read as Windows-1252, as Excel saves "CSV" on Windows; check accented letters and quotes, or save the file as "CSV UTF-8"';
    return { text: decodeWindows1252(bytes), notes: [{ file, line, message, severity: 'warning' }] };
  }
}

/** A table to read as CSV: the text, the name problems should carry, and for a workbook how to find sheet rows. */
export interface TableText {
  text: string;
  /** How the file was read, when that needs saying (an encoding other than UTF-8). */
  notes?: Problem[];
  /** The file, with the sheet read when it was a workbook: `register.xlsx (sheet "Evidence")`. */
  file: string;
  sheet?: string;
  /** Every sheet of the workbook, by name. */
  sheets?: string[];
  rowOf?: (line: number) => number;
}

/**
 * A CSV file's text, or, when the bytes are an XLSX workbook, the CSV of its fitting sheet (see `sheetAsCsv`). Every
 * CSV import goes through here, so each of them reads workbooks and semicolon files alike.
 */
export async function readTable(bytes: Uint8Array, file: string, choose: { preferred?: string; accepts?: (header: string[]) => boolean; only?: string } = {}): Promise<TableText> {
  if (!isXlsx(bytes)) {
    if (choose.only !== undefined) throw new InputError(`${file}: a sheet ("${choose.only}") was named, but the file is not an XLSX workbook`);
    return { ...decodeText(bytes, file), file };
  }
  const sheet = await sheetAsCsv(bytes, { file, ...choose });
  return { text: sheet.text, file: `${file} (sheet "${sheet.sheet}")`, sheet: sheet.sheet, sheets: sheet.sheets, rowOf: sheet.rowOf };
}

/** A header predicate: the header row has every one of these columns (case-insensitive). */
export const hasColumns = (columns: readonly string[]) => (header: string[]) => {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return columns.every((c) => names.has(c));
};

/**
 * Problems about a table, after the notes on how it was read (its encoding); for CSV made from a workbook, told in the
 * sheet's rows: in `line`, and in "row N", "line N" and lists such as "rows 4, 9, 12" of the text.
 */
export function onSheetRows<P extends { file: string; line?: number; message: string }>(problems: P[], table: TableText): Array<P | Problem> {
  const { rowOf, notes = [] } = table;
  if (!rowOf) return [...notes, ...problems];
  const onRows = (message: string) =>
    message.replace(/\b(rows?|lines?) (\d+(?:, \d+)*)\b/g, (_, word: string, numbers: string) => `${word} ${numbers.split(', ').map((n) => rowOf(Number(n))).join(', ')}`);
  return [...notes, ...problems.map((p) => (p.file !== table.file ? p : { ...p, ...(p.line ? { line: rowOf(p.line) } : {}), message: onRows(p.message) }))];
}
