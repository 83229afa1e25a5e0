import ExcelJS from 'exceljs';
import { InputError } from '../domain/errors.js';
import { frameworkOf } from '../domain/ids.js';
import type { Framework } from '../domain/schemas/framework.js';
import { STATUSES, type Mapping } from '../domain/schemas/mapping.js';
import { CROSSWALK_CSV_EXPORT_COLUMNS, crosswalkRows } from './csvCrosswalk.js';
import { FURTHER_SOURCE_COLUMNS, furtherSourceRows } from './furtherSourcesSheet.js';

import { XLSX_ABOUT_SHEET, XLSX_CROSSWALK_SHEET, XLSX_FURTHER_SOURCES_SHEET } from './workbookKinds.js';

export { XLSX_ABOUT_SHEET, XLSX_CROSSWALK_SHEET, XLSX_FURTHER_SOURCES_SHEET };

export interface XlsxCrosswalkExportOptions {
  /** Frameworks to describe on the "About" sheet (those the mappings use are listed; unknown ids are flagged). */
  frameworks: readonly Framework[];
  mappings: readonly Mapping[];
  /** ISO date-time of the export, written on the About sheet and as the workbook's created date. */
  generatedAt: string;
  /** Heading of the About sheet. */
  title?: string;
}

/**
 * The crosswalk as a workbook: sheet "Crosswalk" has the same columns and cells as the CSV export (bold, frozen header
 * row with an auto-filter; strength is a number, every other cell is text, so nothing is read as a formula), and sheet "About" lists
 * the frameworks with their editions, the generation date and how many mappings each provenance source and status has.
 * When other sources state some of the pairs, sheet "Further sources" lists each with its reading and whether it agrees
 * (`--format csv-crosswalk` reads them back from it).
 */
export async function exportXlsxCrosswalk({ frameworks, mappings, generatedAt, title = 'Crosswalk export' }: XlsxCrosswalkExportOptions): Promise<Buffer> {
  if (Number.isNaN(Date.parse(generatedAt))) throw new InputError(`XLSX export: generatedAt "${generatedAt}" is not an ISO date-time`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Crosswalk';
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);

  const sheet = workbook.addWorksheet(XLSX_CROSSWALK_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.addRow([...CROSSWALK_CSV_EXPORT_COLUMNS]);
  const strength = CROSSWALK_CSV_EXPORT_COLUMNS.indexOf('strength');
  for (const row of crosswalkRows(mappings)) sheet.addRow(row.map((cell, index) => (index === strength ? Number(cell) : cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, mappings.length + 1), column: CROSSWALK_CSV_EXPORT_COLUMNS.length } };
  sheet.columns.forEach((column, index) => {
    const name = CROSSWALK_CSV_EXPORT_COLUMNS[index]!;
    column.width = name === 'note' || name === 'review_note' ? 60 : name.startsWith('provenance') ? 30 : Math.max(12, name.length + 2);
  });

  addFurtherSourcesSheet(workbook, mappings);

  const about = workbook.addWorksheet(XLSX_ABOUT_SHEET);
  const heading = (text: string) => (about.addRow([text]).font = { bold: true });
  heading(title);
  about.addRow(['Generated', generatedAt]);
  about.addRow(['Mappings', mappings.length]);
  about.addRow([]);

  heading('Frameworks');
  about.addRow(['id', 'name', 'edition', 'publisher']).font = { bold: true };
  const used = [...new Set(mappings.flatMap((m) => [frameworkOf(m.source), frameworkOf(m.target)]))];
  const known = new Map(frameworks.map((f) => [f.id, f]));
  for (const id of used) {
    const framework = known.get(id);
    about.addRow(framework ? [id, framework.name, framework.edition, framework.publisher] : [id, '(not described in this export)', '', '']);
  }
  about.addRow([]);

  heading('Provenance');
  about.addRow(['source', 'author', 'mappings', ...STATUSES]).font = { bold: true };
  const bySource = new Map<string, { source: string; author: string; counts: Record<string, number>; total: number }>();
  for (const m of mappings) {
    const key = `${m.provenance.source}\u0000${m.provenance.author}`;
    let entry = bySource.get(key);
    if (!entry) bySource.set(key, (entry = { source: m.provenance.source, author: m.provenance.author, counts: {}, total: 0 }));
    entry.total++;
    entry.counts[m.status] = (entry.counts[m.status] ?? 0) + 1;
  }
  for (const entry of bySource.values()) about.addRow([entry.source, entry.author, entry.total, ...STATUSES.map((s) => entry.counts[s] ?? 0)]);
  about.getColumn(1).width = 40;
  about.getColumn(2).width = 30;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addFurtherSourcesSheet(workbook: ExcelJS.Workbook, mappings: readonly Mapping[]) {
  const rows = furtherSourceRows(mappings);
  if (!rows.length) return;
  const sheet = workbook.addWorksheet(XLSX_FURTHER_SOURCES_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.addRow([...FURTHER_SOURCE_COLUMNS]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: FURTHER_SOURCE_COLUMNS.length } };
  sheet.columns.forEach((column, index) => {
    const name = FURTHER_SOURCE_COLUMNS[index]!;
    column.width = name === 'note' ? 60 : name.startsWith('provenance') ? 30 : Math.max(12, name.length + 2);
  });
}
