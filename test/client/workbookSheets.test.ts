import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { guessWorkbookFormat } from '../../client/src/lib/importForm.js';
import { workbookSheetNames } from '../../client/src/lib/workbookSheets.js';

const arrayBufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

async function workbook(names: string[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const name of names) book.addWorksheet(name).addRow(['x']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('reading a workbook\'s sheet names in the browser', () => {
  it('finds them in a compressed workbook and in one stored without compression', async () => {
    const bytes = await workbook(['library_meta', 'fw_meta', 'fw_content', 'R&D <notes>']);
    expect(await workbookSheetNames(arrayBufferOf(bytes))).toEqual(['library_meta', 'fw_meta', 'fw_content', 'R&D <notes>']);
    const stored = await (await JSZip.loadAsync(bytes)).generateAsync({ type: 'uint8array', compression: 'STORE' });
    expect(await workbookSheetNames(arrayBufferOf(stored))).toEqual(['library_meta', 'fw_meta', 'fw_content', 'R&D <notes>']);
  });

  it('gives up quietly on what is not a workbook', async () => {
    expect(await workbookSheetNames(arrayBufferOf(new TextEncoder().encode('ref_id,title\nA,B\n')))).toBeUndefined();
    const zip = new JSZip();
    zip.file('readme.txt', 'not a workbook');
    expect(await workbookSheetNames(arrayBufferOf(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })))).toBeUndefined();
  });

  it('guesses the format from the sheets: a CISO Assistant library, Crosswalk\'s own crosswalk export, else nothing', () => {
    expect(guessWorkbookFormat(['info', 'library_meta', 'fw_meta', 'fw_content'])).toBe('ciso-assistant');
    expect(guessWorkbookFormat(['Crosswalk', 'About'])).toBe('csv-crosswalk');
    expect(guessWorkbookFormat(['library_meta'])).toBeUndefined();
    expect(guessWorkbookFormat(['Controls'])).toBeUndefined();
  });
});
