import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readContentFile } from '../../server/content/readContentFile.js';
import type { ContentBundle } from '../../server/domain/schemas/content.js';
import { exportJsonBundle, importJsonBundle, type BundleReview } from '../../server/interop/jsonBundle.js';
import { richBundle } from './fixtures.js';
import { comparable, loadImported } from './helpers.js';

const reviews: BundleReview[] = [
  { mappingId: 'fw-a:1.1.1 -> fw-b:B-3', status: 'rejected', reviewer: 'bob', at: '2026-03-03T09:00:00Z', note: 'Unrelated topics.' },
  { mappingId: 'fw-a:2 -> fw-b:B-2', status: 'approved', reviewer: 'alice', at: '2026-03-04T10:00:00Z', edits: { strength: 8 } },
];

/** Loads what the import returns, harmonized file included, the way the CLI would after writing it. */
function loadAll(result: ReturnType<typeof importJsonBundle>): ContentBundle {
  const bundle = loadImported(result, 'reference');
  if (result.harmonized) {
    const read = readContentFile('harmonized.yaml', stringify(result.harmonized), { origin: 'reference' });
    expect(read.problems).toEqual([]);
    bundle.harmonizedClauses.push(...read.bundle.harmonizedClauses);
  }
  return bundle;
}

describe('exportJsonBundle / importJsonBundle', () => {
  it('exports one JSON document with format, version and every collection', () => {
    const doc = JSON.parse(exportJsonBundle(richBundle(), { generatedAt: '2026-06-01T00:00:00Z', reviews }));
    expect(Object.keys(doc)).toEqual(['format', 'version', 'generatedAt', 'frameworks', 'requirements', 'mappings', 'noCounterparts', 'harmonizedClauses', 'reviews']);
    expect(doc).toMatchObject({ format: 'crosswalk-bundle', version: 1 });
    expect(doc.mappings).toHaveLength(6);
  });

  it('round-trips: export → import → load gives the same content (further sources included), and exporting it again gives the same text', () => {
    const original = richBundle();
    const other = { source: 'Other crosswalk', url: 'https://example.org/other', author: 'other', created: '2026-04-01' };
    original.mappings[1] = { ...original.mappings[1]!, alsoStatedBy: [{ relationship: 'subset-of', strength: 4, note: 'Narrower.', provenance: other }, { relationship: original.mappings[1]!.relationship, provenance: { ...other, source: 'Third' } }] };
    const first = exportJsonBundle(original, { reviews });
    const imported = importJsonBundle(first, { file: 'bundle.json' });
    expect(imported.problems).toEqual([]);
    expect(imported.reviews).toEqual(reviews);
    const loaded = loadAll(imported);
    expect(loaded.frameworks).toEqual(original.frameworks);
    expect(loaded.requirements).toEqual(original.requirements);
    expect(comparable(loaded.mappings)).toEqual(comparable(original.mappings));
    expect(loaded.noCounterparts).toEqual(original.noCounterparts);
    expect(loaded.harmonizedClauses).toEqual(original.harmonizedClauses);
    const byId = new Map(loaded.mappings.map((m) => [m.id, m]));
    const again = { ...loaded, mappings: original.mappings.map((m) => ({ ...byId.get(m.id)!, origin: m.origin })) };
    expect(exportJsonBundle(again, { reviews })).toBe(first);
  });

  it('round-trips imported files: import → export → import gives the same catalog, mapping and harmonized files', () => {
    const first = importJsonBundle(exportJsonBundle(richBundle(), { reviews }), { file: 'bundle.json' });
    const again = importJsonBundle(exportJsonBundle(loadAll(first), { reviews: first.reviews }), { file: 'again.json' });
    expect(again.problems).toEqual([]);
    expect([again.catalogs, again.mappingFiles, again.harmonized, again.reviews]).toEqual([first.catalogs, first.mappingFiles, first.harmonized, first.reviews]);
  });

  it('puts each no-counterpart statement in the mapping file of its pair', () => {
    const { mappingFiles } = importJsonBundle(exportJsonBundle(richBundle()), { file: 'bundle.json' });
    const file = mappingFiles.find((f) => f.source === 'fw-a' && f.target === 'fw-b')!;
    expect(file.noCounterpart).toEqual([{ ref: '3', side: 'source', note: 'Nothing in B is about this.' }]);
  });

  it('rejects input that is not a bundle, another version, and names the JSON path of an invalid field', () => {
    expect(importJsonBundle('{"format": "crosswalk-bundle", "version": 1,', { file: 'b.json' }).problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^not valid JSON/) });
    expect(importJsonBundle('{"catalog": {}}', { file: 'b.json' }).problems).toEqual([
      { file: 'b.json', message: 'not a Crosswalk bundle: expected "format": "crosswalk-bundle" at the top level', severity: 'error' },
    ]);
    expect(importJsonBundle('{"format": "crosswalk-bundle", "version": 2}', { file: 'b.json' }).problems[0]!.message).toBe('unsupported bundle version 2 (this Crosswalk reads version 1)');
    const doc = JSON.parse(exportJsonBundle(richBundle()));
    doc.mappings[2].strength = 12;
    doc.requirements[1].kind = 'Not A Slug';
    const result = importJsonBundle(JSON.stringify(doc), { file: 'b.json' });
    expect(result.catalogs).toEqual([]);
    expect(result.problems.map((p) => p.path)).toEqual(['requirements[1].kind', 'mappings[2].strength']);
  });

  it('reports a requirement of a framework the bundle does not describe', () => {
    const doc = JSON.parse(exportJsonBundle(richBundle()));
    doc.frameworks = doc.frameworks.filter((f: { id: string }) => f.id !== 'fw-c');
    const { problems } = importJsonBundle(JSON.stringify(doc), { file: 'b.json' });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['requirements[8].frameworkId', 'framework "fw-c" is not in the bundle\'s frameworks'],
      ['requirements[9].frameworkId', 'framework "fw-c" is not in the bundle\'s frameworks'],
    ]);
  });
});
