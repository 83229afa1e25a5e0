import { parse } from 'csv-parse/sync';
import type { Problem } from '../domain/errors.js';

export interface CsvRow {
  /** Cells by lower-cased, trimmed header name. */
  values: Record<string, string>;
  /** 1-based line of the row in the file (its last line when a quoted cell spans several). */
  line: number;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** How far down a file `readCsv` looks for a header row that `isHeader` accepts (and the separator is looked for). */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The cell separator of a CSV, read from its first line that has any: a comma unless semicolons or tabs (outside
 * quotes) are more frequent there. Spreadsheets in many European locales save "CSV" with semicolons, and some tools export
 * tab-separated text; an analyst should not have to convert either.
 */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const countsIn = (line: string) => {
    const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    }
    return counts;
  };
  // A title line above the table may hold no separator at all: the first line that has one decides.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim()).slice(0, HEADER_SEARCH_ROWS);
  const counts = lines.map(countsIn).find((c) => [...c.values()].some((n) => n > 0));
  if (!counts) return DELIMITERS[0];
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best), DELIMITERS[0]);
}

/**
 * Reads a CSV with a header row. A BOM, CRLF line ends and semicolon or tab separators are accepted; a row with the
 * wrong number of cells is a problem naming its line, and reading goes on with the other rows. Every cell (header
 * included) goes through `restoreFormula`, undoing what `toCsv` adds against formula injection.
 * The header is the first row, or with `isHeader` the first of the first rows that it accepts: published templates
 * often put a title block above the table (the rows above are then ignored).
 */
export function readCsv(
  text: string,
  file: string,
  { isHeader, expected = 'the expected columns' }: { isHeader?: (cells: string[]) => boolean; expected?: string } = {},
): { header: string[]; rows: CsvRow[]; problems: Problem[]; written?: string[] } {
  const problems: Problem[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { delimiter: detectDelimiter(text), skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { header: [], rows: [], problems: [{ file, ...(err.lines ? { line: err.lines } : {}), message: `not a readable CSV: ${err.message}`, severity: 'error' }] };
  }
  const headerAt = isHeader ? records.slice(0, HEADER_SEARCH_ROWS).findIndex(({ record }) => isHeader(record.map((h) => restoreFormula(h).trim()))) : 0;
  if (headerAt < 0) return { header: [], rows: [], problems: [{ file, line: 1, message: `found no header row with ${expected} in the first ${HEADER_SEARCH_ROWS} rows`, severity: 'error' }] };
  const [first, ...rest] = records.slice(headerAt);
  if (!first) return { header: [], rows: [], problems: [{ file, message: 'the CSV is empty (expected a header row)', severity: 'error' }] };
  const written = first.record.map((h) => restoreFormula(h).trim());
  const header = written.map((h) => h.toLowerCase());
  const rows: CsvRow[] = [];
  for (const { record: raw, info } of rest) {
    const record = raw.map(restoreFormula);
    if (record.every((cell) => cell.trim() === '')) continue;
    if (record.length !== header.length) {
      problems.push({ file, line: info.lines, message: `row ${info.lines}: ${record.length} cells where the header has ${header.length}`, severity: 'error' });
      continue;
    }
    rows.push({ values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])), line: info.lines });
  }
  return { header, rows, problems, written };
}

/** A header cell compared loosely: lower-cased, every run of other characters one "_" ("Control ID" → control_id). */
export const headerKey = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * Which header cell holds each column, looked for under the names listed for it, in order (list the column's own name
 * first so that it wins); a cell is used for one column only. `renamed` lists the columns found under another name,
 * for a warning that says how the header was read, in the header's own words (`written`, as `readCsv` returns them).
 */
export function findColumns<C extends string>(header: readonly string[], names: Record<C, readonly string[]>, written: readonly string[] = header): { at: Partial<Record<C, number>>; renamed: string[] } {
  const keys = header.map(headerKey);
  const at: Partial<Record<C, number>> = {};
  const renamed: string[] = [];
  const taken = new Set<number>();
  for (const column of Object.keys(names) as C[]) {
    const index = names[column].map((name) => keys.findIndex((key, i) => key === name && !taken.has(i))).find((i) => i >= 0);
    if (index === undefined) continue;
    at[column] = index;
    taken.add(index);
    if (keys[index] !== column) renamed.push(`"${(written[index] ?? header[index]!).trim()}" as ${column}`);
  }
  return { at, renamed };
}

/** Each row's cells under the columns `findColumns` found, keyed by column rather than by the header's own name. */
export function cellsByColumn<C extends string>(rows: readonly CsvRow[], header: readonly string[], at: Partial<Record<C, number>>): Array<{ line: number; values: Partial<Record<C, string>> }> {
  const columns = (Object.entries(at) as Array<[C, number | undefined]>).filter((entry): entry is [C, number] => entry[1] !== undefined);
  return rows.map(({ values, line }) => ({ line, values: Object.fromEntries(columns.map(([column, index]) => [column, values[header[index]!] ?? ''])) as Partial<Record<C, string>> }));
}

/*
 * Spreadsheet formula injection ("CSV injection", OWASP): Excel, LibreOffice Calc and Google Sheets evaluate a CSV
 * cell that starts with = + - or @; OWASP adds tab and carriage return, since a spreadsheet that trims them may then
 * find a formula. Titles, notes, justifications and evidence come from users and other tools, so an export could
 * otherwise carry `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` straight into an analyst's spreadsheet. As OWASP
 * recommends, such a cell is written with a leading apostrophe, which makes spreadsheets treat it as text.
 *
 * The prefix is an escape, not a loss: a cell whose leading apostrophes (any number, zero included) are followed by a
 * trigger gets exactly one more, and `readCsv` removes exactly one from a cell of that shape. So `=1+1` ⇄ `'=1+1`,
 * `'=x` ⇄ `''=x`, and every other text (`a=b`, `'quoted'`, `it's`, empty) is written and read unchanged: reading
 * what we wrote always gives back the original, and export → import → export stays byte-identical.
 */
const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/;
const NEUTRALIZED_FORMULA = /^'+[=+\-@\t\r]/;

/** The cell text to write: one apostrophe added when spreadsheets could read it as a formula (see above). */
export const neutralizeFormula = (text: string): string => (FORMULA_TRIGGER.test(text) ? `'${text}` : text);

/** The inverse of `neutralizeFormula` on what it writes: one leading apostrophe removed before a formula trigger. */
export const restoreFormula = (cell: string): string => (NEUTRALIZED_FORMULA.test(cell) ? cell.slice(1) : cell);

/** A cell as CSV text: quoted when it holds a separator, a quote or a line break, or starts or ends with space. */
export const quoteCsvCell = (cell: string) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A cell's text. Finite numbers passed as `number` are the program's own values, not user text, so they are written
 * as they are: a negative number (`-3`) is a plain numeric constant to a spreadsheet, not a formula, and an
 * apostrophe would turn it into text. Everything else (strings, including numbers already turned into strings, and
 * NaN or ±Infinity, which are not numbers to a spreadsheet) goes through `neutralizeFormula`.
 */
const cellText = (cell: string | number | undefined): string =>
  cell === undefined ? '' : typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : neutralizeFormula(String(cell));

/**
 * RFC 4180 CSV text: cells with commas, quotes, line breaks or edge spaces are quoted; rows end with "\n". Text that
 * a spreadsheet could take for a formula gets a leading apostrophe (`neutralizeFormula`); `readCsv` removes it.
 */
export const toCsv = (rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string =>
  rows.map((row) => row.map((cell) => quoteCsvCell(cellText(cell))).join(',')).join('\n') + '\n';
