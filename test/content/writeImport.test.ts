import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeImport } from '../../server/content/writeImport.js';
import type { CatalogFile } from '../../server/content/fileSchemas.js';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-write-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const catalog = (titles: string[]) =>
  ({
    framework: { id: 'acme-2025', name: 'ACME', edition: '2025', publisher: 'ACME', licence: 'Internal' },
    requirements: titles.map((title, i) => ({ ref: `C-${i + 1}`, kind: 'control', title })),
  }) as unknown as CatalogFile;

describe('writeImport', () => {
  it('undoes a replacing import: the earlier file comes back, new files go', () => {
    const write = (titles: string[], replace = false) =>
      writeImport({ imported: { catalogs: [catalog(titles)], mappingFiles: [], problems: [] }, dataDir, sourceName: 'acme.csv', format: 'csv', replace });
    write(['First']);
    const file = path.join(dataDir, 'catalogs/acme-2025.yaml');
    const first = fs.readFileSync(file, 'utf8');
    const second = write(['Second'], true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Second');
    second.undo();
    expect(fs.readFileSync(file, 'utf8')).toBe(first);

    fs.rmSync(file);
    write(['Fresh']).undo();
    expect(fs.existsSync(file)).toBe(false);
  });
});
