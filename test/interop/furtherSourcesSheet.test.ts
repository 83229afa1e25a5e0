import { describe, expect, it } from 'vitest';
import type { MappingFile } from '../../server/content/fileSchemas.js';
import { FURTHER_SOURCE_COLUMNS, withFurtherSources } from '../../server/interop/furtherSourcesSheet.js';

const file = (source: string, target: string): MappingFile => ({
  source, target, sources: { first: { source: 'First', author: 'a', created: '2026-01-01' } }, defaults: { provenance: 'first' }, mappings: [{ source: '1', target: 'X', relationship: 'subset-of', strength: 5 }], noCounterpart: [],
});
const header = FURTHER_SOURCE_COLUMNS.join(',');

describe('withFurtherSources (the XLSX export\'s "Further sources" sheet read back)', () => {
  it('adds each row to the file of its pair as a further source with a named provenance, turned round for a file that runs the other way', () => {
    const sheet = [
      header,
      'a-1,1,b-1,X,subset-of,intersects-with,no,4,Broader reading,Vendor crosswalk,https://example.org/v,vendor,2026-03-01',
      'b-1,Y,a-1,2,equal-to,subset-of,no,,,Vendor crosswalk,https://example.org/v,vendor,2026-03-01',
      'c-1,Z,d-1,W,equal-to,equal-to,yes,,,Other,,other,2026-03-02',
    ].join('\n');
    const { mappingFiles, problems } = withFurtherSources([file('a-1', 'b-1')], sheet, 'x.xlsx (sheet "Further sources")');
    expect(mappingFiles[0]!.alsoStated).toEqual([
      { source: '1', target: 'X', relationship: 'intersects-with', strength: 4, provenance: 'vendor-crosswalk', note: 'Broader reading' },
      // b-1:Y subset-of a-1:2 is a-1:2 superset-of b-1:Y in this file's direction.
      { source: '2', target: 'Y', relationship: 'superset-of', provenance: 'vendor-crosswalk' },
    ]);
    expect(mappingFiles[0]!.sources['vendor-crosswalk']).toEqual({ source: 'Vendor crosswalk', url: 'https://example.org/v', author: 'vendor', created: '2026-03-01' });
    expect(problems).toEqual([{ file: 'x.xlsx (sheet "Further sources")', line: 4, severity: 'warning', message: '1 further source(s) name a framework pair the crosswalk sheet has no mapping of (e.g. c-1 → d-1); they were left out' }]);
  });

  it('refuses bad cells at their row and leaves the files as they were', () => {
    const sheet = [header, 'a-1,1,b-1,X,subset-of,overlaps,no,11,,Vendor,not a url,vendor,yesterday'].join('\n');
    const original = [file('a-1', 'b-1')];
    const { mappingFiles, problems } = withFurtherSources(original, sheet, 'x.xlsx');
    expect(mappingFiles).toBe(original);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^row 2: stated_relationship: /),
      'row 2: strength: "11" is not a whole number from 0 to 10',
      'row 2: provenance_created: "yesterday" is not a date (YYYY-MM-DD)',
      'row 2: provenance_url: "not a url" is not an http(s) URL',
    ]);
  });
});
