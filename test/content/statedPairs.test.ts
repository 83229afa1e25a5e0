import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingFile } from '../../server/content/fileSchemas.js';
import { withoutStatedPairs } from '../../server/content/statedPairs.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';
import { importContent } from '../../server/services/importContent.js';

const provenance = { source: 'Curated crosswalk', author: 'team', created: '2026-01-01' };
const stored = (source: string, target: string, relationship: Mapping['relationship'], strength: number): Mapping => ({
  id: `${source}>${target}`, source, target, relationship, strength, rationale: 'semantic', method: 'human', status: 'approved', origin: 'import', provenance,
});
const file = (mappings: MappingFile['mappings'], noCounterpart: MappingFile['noCounterpart'] = []): MappingFile => ({ source: 'a-1', target: 'b-1', sources: {}, defaults: {}, mappings, noCounterpart });

describe('pairs Crosswalk already holds', () => {
  const stated = [stored('a-1:1', 'b-1:X', 'equal-to', 10), stored('b-1:Y', 'a-1:2', 'subset-of', 6), stored('a-1:3', 'b-1:Z', 'intersects-with', 5)];

  it('leaves them out of an import: agreeing ones counted, ones with another relationship listed with both readings, new ones kept', () => {
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
    expect(result.problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ['second.csv', 'warning', '2 mapping(s) are already in Crosswalk with the same relationship and were not imported again (e.g. a-1:1 → b-1:X; a-1:2 → b-1:Y)'],
      ['second.csv', 'warning', '1 mapping(s) state another relationship than the mapping Crosswalk already holds for the pair, which is kept; they were not imported, review them: a-1:3 → b-1:Z: here subset-of 7, already intersects-with 5 (Curated crosswalk, approved)'],
    ]);
  });

  it('drops a file left with nothing, keeps one that still states no-counterparts, and says nothing when nothing overlaps', () => {
    const onlyKnown = file([{ source: '1', target: 'X', relationship: 'equal-to', strength: 10 }]);
    expect(withoutStatedPairs([onlyKnown], stated, 'f').mappingFiles).toEqual([]);
    const withStatement = file([{ source: '1', target: 'X', relationship: 'equal-to', strength: 10 }], [{ ref: '9', side: 'source', note: 'Nothing in b-1.' }]);
    expect(withoutStatedPairs([withStatement], stated, 'f').mappingFiles).toEqual([{ ...withStatement, mappings: [] }]);
    const fresh = file([{ source: '5', target: 'V', relationship: 'equal-to', strength: 10 }]);
    expect(withoutStatedPairs([fresh], stated, 'f')).toEqual({ mappingFiles: [fresh], problems: [] });
  });

  it('lets a second crosswalk that overlaps an earlier import bring in what is new, and --replace re-import its own file', async () => {
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
        '1 mapping(s) are already in Crosswalk with the same relationship and were not imported again (e.g. ov-b:P1 → ov-a:P1)',
        '1 mapping(s) state another relationship than the mapping Crosswalk already holds for the pair, which is kept; they were not imported, review them: ov-a:P2 → ov-b:P2: here subset-of 8, already intersects-with 5 (First source, proposed)',
      ]);
      expect(fs.readFileSync(second.written[0]!, 'utf8')).toMatch(/source: P3\n\s+target: P3/);
      expect(fs.readFileSync(second.written[0]!, 'utf8')).not.toMatch(/source: P2/);

      // Its own earlier file does not count as "already held" when it is replaced.
      const again = await run('first.csv', `${header}ov-a,P1,ov-b,P1,equal-to,10,First source,semantic\nov-a,P2,ov-b,P2,intersects-with,6,First source,semantic\n`, true);
      expect(again.warnings).toEqual([]);
      expect(fs.readFileSync(again.written[0]!, 'utf8')).toMatch(/strength: 6/);
      await expect(run('third.csv', `${header}ov-a,P3,ov-b,P3,equal-to,9,Third source,semantic\n`)).rejects.toThrow(/third\.csv holds no catalog and no mappings that could be imported:\n.*1 mapping\(s\) are already in Crosswalk/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
