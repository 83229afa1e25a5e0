import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CROSSWALK_CSV_EXPORT_COLUMNS, crosswalkRows } from '../../server/interop/csvCrosswalk.js';
import { exportXlsxCrosswalk } from '../../server/interop/xlsx.js';
import { richBundle } from './fixtures.js';

async function read(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('exportXlsxCrosswalk', () => {
  it('writes the CSV export columns and cells, with a bold, frozen, filtered header row', async () => {
    const { frameworks, mappings } = richBundle();
    const workbook = await read(await exportXlsxCrosswalk({ frameworks, mappings, generatedAt: '2026-06-01T12:00:00Z' }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Crosswalk', 'About']);
    const sheet = workbook.getWorksheet('Crosswalk')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual([...CROSSWALK_CSV_EXPORT_COLUMNS]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(mappings.length + 1);
    const strength = CROSSWALK_CSV_EXPORT_COLUMNS.indexOf('strength');
    crosswalkRows(mappings).forEach((expected, index) => {
      // Empty cells read back as missing values; the strength is a number.
      const got = CROSSWALK_CSV_EXPORT_COLUMNS.map((_, column) => sheet.getRow(index + 2).getCell(column + 1).value ?? '');
      expect(got).toEqual(expected.map((cell, column) => (column === strength ? Number(cell) : cell)));
    });
  });

  it('lists further sources on a sheet of their own, with whether each agrees, and a crosswalk import still reads the Crosswalk sheet', async () => {
    const { frameworks, mappings } = richBundle();
    const other = { source: 'Vendor crosswalk', url: 'https://example.org/v', author: 'vendor', created: '2026-04-01' };
    const first = mappings[0]!;
    mappings[0] = { ...first, alsoStatedBy: [{ relationship: 'subset-of', strength: 6, note: 'Narrower.', provenance: other }, { relationship: first.relationship, provenance: { ...other, source: 'Third' } }] };
    const buffer = await exportXlsxCrosswalk({ frameworks, mappings, generatedAt: '2026-06-01T12:00:00Z' });
    const workbook = await read(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Crosswalk', 'Further sources', 'About']);
    const sheet = workbook.getWorksheet('Further sources')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['source_framework', 'source_ref', 'target_framework', 'target_ref', 'mapping_relationship', 'stated_relationship', 'agrees', 'strength', 'note', 'provenance_source', 'provenance_url', 'provenance_author', 'provenance_created']);
    const [sourceFw, sourceRef] = first.source.split(':');
    const [targetFw, targetRef] = first.target.split(':');
    expect(values(2)).toEqual([sourceFw, sourceRef, targetFw, targetRef, first.relationship, 'subset-of', 'no', 6, 'Narrower.', 'Vendor crosswalk', 'https://example.org/v', 'vendor', '2026-04-01']);
    expect(values(3).slice(5, 7)).toEqual([first.relationship, 'yes']);
    expect(sheet.rowCount).toBe(3);
    const { sheetAsCsv } = await import('../../server/interop/xlsxSheet.js');
    const csv = await sheetAsCsv(new Uint8Array(buffer), { file: 'x.xlsx', preferred: 'Crosswalk' });
    expect(csv.sheet).toBe('Crosswalk');
  });

  it('describes frameworks, editions, the generation date and provenance on the About sheet', async () => {
    const { frameworks, mappings } = richBundle();
    const about = (await read(await exportXlsxCrosswalk({ frameworks, mappings, generatedAt: '2026-06-01T12:00:00Z' }))).getWorksheet('About')!;
    const rows: unknown[][] = [];
    about.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Generated', '2026-06-01T12:00:00Z']);
    expect(rows).toContainEqual(['Mappings', 6]);
    expect(rows).toContainEqual(['fw-a', 'Framework A', '1', 'Tests']);
    expect(rows).toContainEqual(['fw-c', 'Framework C', '3', 'Tests']);
    expect(rows).toContainEqual(['source', 'author', 'mappings', 'proposed', 'approved', 'rejected']);
    // 5 mappings keep the fixture's provenance (1 proposed, 3 approved, 1 rejected); the enriched one has its own.
    expect(rows).toContainEqual(['Test fixture', 'tests', 5, 1, 3, 1]);
    expect(rows).toContainEqual(['Test crosswalk, 2nd edition', 'Example Org', 1, 0, 1, 0]);
  });

  it('flags a framework the mappings use but the export does not describe', async () => {
    const { frameworks, mappings } = richBundle();
    const about = (await read(await exportXlsxCrosswalk({ frameworks: frameworks.slice(0, 1), mappings, generatedAt: '2026-06-01T12:00:00Z' }))).getWorksheet('About')!;
    const firstCells: unknown[] = [];
    about.eachRow((row) => firstCells.push(`${row.getCell(1).value}|${row.getCell(2).value}`));
    expect(firstCells).toContain('fw-b|(not described in this export)');
  });
});
