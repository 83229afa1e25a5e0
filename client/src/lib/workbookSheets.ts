/**
 * The sheet names of an XLSX workbook, read in the browser without a spreadsheet library: the ZIP central directory
 * locates `xl/workbook.xml`, which is inflated with the platform's DecompressionStream. Undefined when the bytes are
 * not a workbook this can read; the service reads the file properly either way, so this only guides the form.
 */
export async function workbookSheetNames(bytes: ArrayBuffer): Promise<string[] | undefined> {
  const view = new DataView(bytes);
  const data = new Uint8Array(bytes);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries && at + 46 <= bytes.byteLength; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) return undefined;
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name !== 'xl/workbook.xml') continue;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== 0x04034b50) return undefined;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = data.subarray(start, start + compressed);
    const xml = method === 0 ? new TextDecoder().decode(raw) : method === 8 ? await inflate(raw) : undefined;
    return xml === undefined ? undefined : [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
  }
  return undefined;
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
