import { zipEntries, zipEntryData } from '../../../server/interop/zipDirectory.js';

/**
 * The sheet names of an XLSX workbook, read in the browser without a spreadsheet library: the ZIP central directory
 * locates `xl/workbook.xml`, which is inflated with the platform's DecompressionStream. Undefined when the bytes are
 * not a workbook this can read; the service reads the file properly either way, so this only guides the form.
 */
export async function workbookSheetNames(bytes: ArrayBuffer): Promise<string[] | undefined> {
  const data = new Uint8Array(bytes);
  const entry = zipEntries(data)?.find((e) => e.name === 'xl/workbook.xml');
  const raw = entry && zipEntryData(data, entry);
  if (!entry || !raw) return undefined;
  const xml = entry.method === 0 ? new TextDecoder().decode(raw) : entry.method === 8 ? await inflate(raw) : undefined;
  return xml === undefined ? undefined : [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
}

async function inflate(raw: Uint8Array): Promise<string | undefined> {
  try {
    const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return await new Response(stream).text();
  } catch {
    return undefined;
  }
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[entity]!);
