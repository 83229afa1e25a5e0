import { parse } from 'csv-parse/sync';
import type { Problem } from '../domain/errors.js';

export interface CsvRow {
  /** Cells by lower-cased, trimmed header name. */
  values: Record<string, string>;
  /** 1-based line of the row in the file (its last line when a quoted cell spans several). */
  line: number;
}

/**
 * Reads a CSV with a header row. A BOM and CRLF line ends are accepted; a row with the wrong number of cells is a
 * problem naming its line, and reading goes on with the other rows.
 */
export function readCsv(text: string, file: string): { header: string[]; rows: CsvRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { header: [], rows: [], problems: [{ file, ...(err.lines ? { line: err.lines } : {}), message: `not a readable CSV: ${err.message}`, severity: 'error' }] };
  }
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [], problems: [{ file, message: 'the CSV is empty (expected a header row)', severity: 'error' }] };
  const header = first.record.map((h) => h.trim().toLowerCase());
  const rows: CsvRow[] = [];
  for (const { record, info } of rest) {
    if (record.every((cell) => cell.trim() === '')) continue;
    if (record.length !== header.length) {
      problems.push({ file, line: info.lines, message: `row ${info.lines}: ${record.length} cells where the header has ${header.length}`, severity: 'error' });
      continue;
    }
    rows.push({ values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])), line: info.lines });
  }
  return { header, rows, problems };
}

const quote = (cell: string) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** RFC 4180 CSV text: cells with commas, quotes, line breaks or edge spaces are quoted; rows end with "\n". */
export const toCsv = (rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string =>
  rows.map((row) => row.map((cell) => quote(cell === undefined ? '' : String(cell))).join(',')).join('\n') + '\n';
