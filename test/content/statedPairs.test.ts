import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingFile } from '../../server/content/fileSchemas.js';
import { withoutStatedPairs } from '../../server/content/statedPairs.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';
import { contentDirs } from '../../server/config.js';
import { errorsIn, loadContent } from '../../server/content/loadContent.js';
import { importContent } from '../../server/services/importContent.js';

const provenance = { source: 'Curated crosswalk', author: 'team', created: '2026-01-01' };
const stored = (source: string, target: string, relationship: Mapping['relationship'], strength: number): Mapping => ({
  id: `${source}>${target}`, source, target, relationship, strength, rationale: 'semantic', method: 'human', status: 'approved', origin: 'import', provenance,
});
const file = (mappings: MappingFile['mappings'], noCounterpart: MappingFile['noCounterpart'] = []): MappingFile => ({ source: 'a-1', target: 'b-1', sources: {}, defaults: {}, mappings, noCounterpart });

describe('pairs Crosswalk already holds', () => {
  const stated = [stored('a-1:1', 'b-1:X', 'equal-to', 10), stored('b-1:Y', 'a-1:2', 'subset-of', 6), stored('a-1:3', 'b-1:Z', 'intersects-with', 5)];

  it('moves them to "alsoStated" (a further source of the mapping there): agreeing ones counted, ones with another relationship listed with both readings, new ones kept', () => {
    const result = withoutStatedPairs(
      [file([
        // The same relationship with another strength (an estimate, often defaulted) agrees.
        { source: '1', target: 'X', relationship: 'equal-to', strength: 9 },
        // Stated the other way round: b-1:Y subset-of a-1:2 is a-1:2 superset-of b-1:Y.
        { source: '2', target: 'Y', relationship: 'superset-of', strength: 6 },
        { source: '3', target: 'Z', relationship: 'subset-of', strength: 7 },
        { source: '4', target: 'W', relationship: 'intersects-with', strength: 4 },
      ])],
      stated,
      'second.csv',
    );
    expect(result.mappingFiles.flatMap((f) => f.mappings.map((m) => `${m.source}>${m.target}`))).toEqual(['4>W']);
    expect(result.mappingFiles[0]!.alsoStated).toEqual([
      { source: '1', target: 'X', relationship: 'equal-to', strength: 9 },
      { source: '2', target: 'Y', relationship: 'superset-of', strength: 6 },
      { source: '3', target: 'Z', relationship: 'subset-of', strength: 7 },
    ]);
    expect(result.problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ['second.csv', 'warning', '2 mapping(s) are already in Crosswalk with the same relationship: this file is recorded as a further source of each, not as a second mapping (e.g. a-1:1 → b-1:X; a-1:2 → b-1:Y)'],
      ['second.csv', 'warning', "1 mapping(s) state another relationship than the mapping Crosswalk already holds for the pair, which is kept; this file's reading is recorded beside it as a further source, review them: a-1:3 → b-1:Z: here subset-of 7, already intersects-with 5 (Curated crosswalk, approved)"],
    ]);
  });

  it('keeps a file of known pairs only as further sources, and says nothing when nothing overlaps', () => {
    const onlyKnown = file([{ source: '1', target: 'X', relationship: 'equal-to', strength: 10, provenance: 'second', note: 'Why.' }]);
    expect(withoutStatedPairs([onlyKnown], stated, 'f').mappingFiles).toEqual([
      { ...onlyKnown, mappings: [], alsoStated: [{ source: '1', target: 'X', relationship: 'equal-to', strength: 10, provenance: 'second', note: 'Why.' }] },
    ]);
    const fresh = file([{ source: '5', target: 'V', relationship: 'equal-to', strength: 10 }]);
    expect(withoutStatedPairs([fresh], stated, 'f')).toEqual({ mappingFiles: [fresh], problems: [] });
  });

  it('lets a second crosswalk that overlaps an earlier import bring in what is new and stand as a further source of the rest, and --replace re-import its own file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-stated-'));
    const bytes = (text: string) => new TextEncoder().encode(text);
    const run = (sourceName: string, text: string, replace = false) => importContent({ format: 'csv-crosswalk', bytes: bytes(text), sourceName, dataDir, replace });
    try {
      for (const id of ['ov-a', 'ov-b'])
        await importContent({ format: 'csv', bytes: bytes('ref_id,title\nP1,One\nP2,Two\nP3,Three\n'), sourceName: `${id}.csv`, dataDir, frameworkId: id, name: id, edition: '1' });
      const header = 'source_framework,source_ref,target_framework,target_ref,relationship,strength,provenance_source,rationale\n';
      await run('first.csv', `${header}ov-a,P1,ov-b,P1,equal-to,10,First source,semantic\nov-a,P2,ov-b,P2,intersects-with,5,First source,semantic\n`);

      const second = await run('second.csv', `${header}ov-b,P1,ov-a,P1,equal-to,10,Second source,semantic\nov-a,P2,ov-b,P2,subset-of,8,Second source,semantic\nov-a,P3,ov-b,P3,equal-to,9,Second source,semantic\n`);
      expect(second.warnings.map((w) => w.message)).toEqual([
        '1 mapping(s) are already in Crosswalk with the same relationship: this file is recorded as a further source of each, not as a second mapping (e.g. ov-b:P1 → ov-a:P1)',
        "1 mapping(s) state another relationship than the mapping Crosswalk already holds for the pair, which is kept; this file's reading is recorded beside it as a further source, review them: ov-a:P2 → ov-b:P2: here subset-of 8, already intersects-with 5 (First source, proposed)",
      ]);
      const written = second.written.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      expect(written).toMatch(/mappings:\n\s+- source: P3\n\s+target: P3/);
      expect(written).toMatch(/alsoStated:\n\s+- source: P2\n\s+target: P2\n\s+relationship: subset-of\n\s+strength: 8/);

      // On load, each further source is attached to the mapping that holds its pair, read in the mapping's direction.
      const { bundle, problems } = loadContent(contentDirs({ dataDir }));
      expect(errorsIn(problems)).toEqual([]);
      const mapping = (source: string, target: string) => bundle.mappings.find((m) => m.source === source && m.target === target)!;
      expect(mapping('ov-a:P1', 'ov-b:P1').alsoStatedBy).toEqual([{ relationship: 'equal-to', strength: 10, provenance: expect.objectContaining({ source: 'Second source' }) }]);
      expect(mapping('ov-a:P2', 'ov-b:P2')).toMatchObject({ relationship: 'intersects-with', provenance: { source: 'First source' }, alsoStatedBy: [{ relationship: 'subset-of', strength: 8, provenance: { source: 'Second source' } }] });
      expect(mapping('ov-a:P3', 'ov-b:P3').alsoStatedBy).toBeUndefined();

      // The same file again without --replace: its source already stands behind every pair (as the mapping or as a
      // further source), so nothing is recorded twice.
      const secondAgain = `${header}ov-b,P1,ov-a,P1,equal-to,10,Second source,semantic\nov-a,P2,ov-b,P2,subset-of,8,Second source,semantic\nov-a,P3,ov-b,P3,equal-to,9,Second source,semantic\n`;
      await expect(run('second-copy.csv', secondAgain)).rejects.toThrow(/3 mapping\(s\) are already in Crosswalk from this same source and were left out .*import it again with --replace/);

      // Its own earlier file does not count as "already held" when it is replaced.
      const again = await run('first.csv', `${header}ov-a,P1,ov-b,P1,equal-to,10,First source,semantic\nov-a,P2,ov-b,P2,intersects-with,6,First source,semantic\n`, true);
      expect(again.warnings).toEqual([]);
      expect(fs.readFileSync(again.written[0]!, 'utf8')).toMatch(/strength: 6/);
      const third = await run('third.csv', `${header}ov-a,P3,ov-b,P3,equal-to,9,Third source,semantic\n`);
      expect(third.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^1 mapping\(s\) are already in Crosswalk with the same relationship: this file is recorded as a further source/)]);
      expect(loadContent(contentDirs({ dataDir })).bundle.mappings.find((m) => m.source === 'ov-a:P3')!.alsoStatedBy).toEqual([
        { relationship: 'equal-to', strength: 9, provenance: expect.objectContaining({ source: 'Third source' }) },
      ]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
