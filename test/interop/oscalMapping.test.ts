import { describe, expect, it } from 'vitest';
import { InputError } from '../../server/domain/errors.js';
import { exportOscalMapping, idRefNamespace, importOscalMapping, pairwiseRelationship } from '../../server/interop/oscalMapping.js';
import { exportOscalCatalog } from '../../server/interop/oscalCatalog.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';
import { richBundle } from './fixtures.js';
import { comparable, errorsOf, loadImported, oscalValidator, warningsOf } from './helpers.js';

const validate = oscalValidator('mapping');
const LAST_MODIFIED = '2026-02-01T08:30:00Z';
const ALL = ['approved', 'proposed', 'rejected'] as const;

const framework = (id: string) => smallBundle().frameworks.find((f) => f.id === id)!;

function exportPair(source: string, target: string, bundle = richBundle(), statuses: ReadonlyArray<(typeof ALL)[number]> = ALL) {
  return exportOscalMapping({ source: framework(source), target: framework(target), mappings: bundle.mappings, requirements: bundle.requirements, lastModified: LAST_MODIFIED, statuses });
}

describe('exportOscalMapping', () => {
  it('validates against NIST\'s OSCAL 1.2.1 mapping schema, for every pair of the fixture', () => {
    for (const [source, target] of [['fw-a', 'fw-b'], ['fw-b', 'fw-c'], ['fw-c', 'fw-a']]) expect(validate(JSON.parse(exportPair(source!, target!)))).toEqual([]);
  });

  it('the schema check is real: an unknown status, a missing provenance or an empty maps list fail it', () => {
    const doc = JSON.parse(exportPair('fw-a', 'fw-b'));
    doc['mapping-collection'].mappings[0].status = 'approved';
    expect(validate(doc).map((e) => e.instancePath)).toContain('/mapping-collection/mappings/0/status');
    const noProvenance = JSON.parse(exportPair('fw-a', 'fw-b'));
    delete noProvenance['mapping-collection'].provenance;
    expect(validate(noProvenance)).not.toEqual([]);
    const noMaps = JSON.parse(exportPair('fw-a', 'fw-b'));
    noMaps['mapping-collection'].mappings[0].maps = [];
    expect(validate(noMaps)).not.toEqual([]);
  });

  it('writes one map per mapping with id-refs matching the catalog export and every Crosswalk field as props', () => {
    const bundle = richBundle();
    const doc = JSON.parse(exportPair('fw-a', 'fw-b', bundle))['mapping-collection'];
    const [map] = doc.mappings[0].maps;
    expect(map).toMatchObject({ 'matching-rationale': 'semantic', relationship: 'equal-to', remarks: 'Same policy, "quoted" words,\nand a second line.' });
    expect(map.sources).toEqual([{ type: 'control', 'id-ref': '_1.1', props: [{ name: 'ref', ns: 'urn:crosswalk:oscal', value: '1.1' }] }]);
    const props = Object.fromEntries(map.props.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(props).toEqual({
      strength: '10', status: 'approved', method: 'human', 'provenance-source': 'Test crosswalk, 2nd edition', 'provenance-url': 'https://example.org/crosswalk',
      'provenance-author': 'Example Org', 'provenance-created': '2025-12-01', reviewer: 'alice', reviewed: '2026-02-01', 'review-note': 'Checked against both texts.',
    });
    // The id-ref is the id the catalog export gives that control (group "1" holds control "1.1").
    const catalog = JSON.parse(exportOscalCatalog({ framework: framework('fw-a'), requirements: bundle.requirements, lastModified: LAST_MODIFIED }));
    const control = catalog.catalog.groups[0].controls[0];
    expect([control.id, control.props[0]]).toEqual(['_1.1', { name: 'label', value: '1.1' }]);
    expect(doc.mappings[0]['source-resource']).toEqual({ type: 'catalog', href: 'urn:crosswalk:framework:fw-a', props: [{ name: 'framework-id', ns: 'urn:crosswalk:oscal', value: 'fw-a' }] });
    expect(doc.provenance).toMatchObject({ method: 'human', status: 'draft' });
  });

  it('writes a mapping stored in the other direction inverted, and marks it so the import can restore it', () => {
    const doc = JSON.parse(exportPair('fw-a', 'fw-c'))['mapping-collection'];
    const [map] = doc.mappings[0].maps;
    expect(map.relationship).toBe('subset-of'); // stored as fw-c:GOVERN 1.1 superset-of fw-a:1.1
    expect(map.sources[0]['id-ref']).toBe('_1.1');
    expect(map.targets[0]['id-ref']).toBe('govern_1.1');
    expect(map.props).toContainEqual({ name: 'direction', ns: 'urn:crosswalk:oscal', value: 'inverse' });
  });

  it('leaves rejected mappings out by default, is stable, and refuses a pair without mappings', () => {
    const maps = (json: string) => JSON.parse(json)['mapping-collection'].mappings[0].maps.length;
    expect(maps(exportPair('fw-a', 'fw-b', richBundle(), ['approved', 'proposed']))).toBe(2);
    expect(maps(exportPair('fw-a', 'fw-b'))).toBe(3);
    expect(exportPair('fw-a', 'fw-b')).toBe(exportPair('fw-a', 'fw-b'));
    expect(() => exportOscalMapping({ source: framework('fw-a'), target: framework('fw-b'), mappings: [], lastModified: LAST_MODIFIED })).toThrow(InputError);
  });
});

describe('importOscalMapping', () => {
  it('round-trips every field of every mapping: export → import gives the same mappings, in both stored directions', () => {
    const bundle = richBundle();
    const pairs = [['fw-a', 'fw-b'], ['fw-b', 'fw-c'], ['fw-a', 'fw-c']] as const;
    const imported = pairs.map(([s, t]) => importOscalMapping(exportPair(s, t, bundle), { file: `${s}-${t}.json` }));
    for (const result of imported) expect(result.problems).toEqual([]);
    const loaded = loadImported({ catalogs: [], mappingFiles: imported.flatMap((r) => r.mappingFiles) }).mappings;
    expect(comparable(loaded)).toEqual(comparable(bundle.mappings));
  });

  it('carries further sources of a mapping on one-to-one maps, in the mapping\'s own direction, and refuses a damaged list at its map', () => {
    const bundle = richBundle();
    bundle.mappings = bundle.mappings.map((m, i) => ({ ...m, alsoStatedBy: [{ relationship: i % 2 ? 'subset-of' : m.relationship, ...(i % 3 ? { strength: i } : {}), ...(i === 1 ? { note: 'Two\nlines.' } : {}), provenance: { source: `Other crosswalk ${i}`, author: 'other', created: '2026-04-01' } }] }));
    const pairs = [['fw-a', 'fw-b'], ['fw-b', 'fw-c'], ['fw-a', 'fw-c']] as const;
    const documents = pairs.map(([s, t]) => exportPair(s, t, bundle));
    for (const document of documents) expect(validate(JSON.parse(document))).toEqual([]);
    const imported = documents.map((document, i) => importOscalMapping(document, { file: `${i}.json` }));
    for (const result of imported) expect(result.problems).toEqual([]);
    const loaded = loadImported({ catalogs: [], mappingFiles: imported.flatMap((r) => r.mappingFiles) }).mappings;
    expect(comparable(loaded)).toEqual(comparable(bundle.mappings));

    const damaged = JSON.parse(documents[0]!);
    const props = damaged['mapping-collection'].mappings[0].maps[0].props as Array<{ name: string; value: string }>;
    props.find((p) => p.name === 'also-stated-by')!.value = '[{"relationship":"same-as","provenance":{"source":"X","author":"Y","created":"2026-01-01"}}]';
    const refused = importOscalMapping(JSON.stringify(damaged), { file: 'damaged.json' });
    expect(errorsOf(refused.problems).map((p) => [p.path, p.message])).toEqual([['mapping-collection.mappings[0].maps[0].props', expect.stringMatching(/^also-stated-by: 0\.relationship: Invalid option/)]]);
  });

  it('exports the same document again from the imported mappings', () => {
    const bundle = richBundle();
    const first = exportPair('fw-a', 'fw-b', bundle);
    const loaded = loadImported(importOscalMapping(first, { file: 'x.json' }));
    expect(exportPair('fw-a', 'fw-b', { ...bundle, mappings: loaded.mappings })).toBe(first);
  });

  /** A third-party collection: no Crosswalk props, OSCAL ids, a one-to-many map, a single mapping object. */
  const foreign = {
    'mapping-collection': {
      uuid: '4f0c2c55-7e0b-4d1d-9a0e-3b8c0d1e2f3a',
      metadata: { title: 'Example catalog to example framework', 'last-modified': '2025-09-09T00:00:00Z', published: '2025-09-01T00:00:00Z', version: '1.0', 'oscal-version': '1.2.0' },
      provenance: { method: 'human', 'matching-rationale': 'functional', status: 'complete', 'mapping-description': 'Test.' },
      mappings: {
        uuid: '5a1d3d66-8f1c-4e2e-8b1f-4c9d1e2f3a4b',
        'source-resource': { type: 'catalog', href: 'https://example.org/catalog.json' },
        'target-resource': { type: 'catalog', href: 'https://example.org/framework.json' },
        maps: [
          { uuid: '6b2e4e77-9a2d-4f3f-9c2a-5d0e2f3a4b5c', relationship: 'equivalent-to', sources: [{ type: 'control', 'id-ref': 'ac-1' }], targets: [{ type: 'control', 'id-ref': 'b-1' }], remarks: 'Both ask for a policy.' },
          { uuid: '7c3f5f88-0b3e-4a4a-8d3b-6e1f3a4b5c6d', 'matching-rationale': 'syntactic', relationship: 'equal-to', sources: [{ type: 'control', 'id-ref': 'ac-2' }], targets: [{ type: 'control', 'id-ref': 'b-2' }, { type: 'statement', 'id-ref': 'b-3_smt' }] },
          { uuid: '8d4a6a99-1c4f-4b5b-9e4c-7f2a4b5c6d7e', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'ac-3' }], targets: [{ type: 'control', 'id-ref': 'zz-9' }] },
        ],
      },
    },
  };
  const ids: Record<string, string> = { 'ac-1': '1.1', 'ac-2': '2', 'ac-3': '3', 'b-1': 'B-1', 'b-2': 'B-2', 'b-3_smt': 'B-3' };
  const resolveIdRef = (_framework: string, idRef: string) => ids[idRef];

  it('asks for --from/--to when the file does not say which Crosswalk frameworks it maps', () => {
    expect(validate(foreign)).toEqual([]); // the fixture itself is valid OSCAL 1.2
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(foreign), { file: 'third-party.json' });
    expect(mappingFiles).toEqual([]);
    expect(problems).toEqual([
      { file: 'third-party.json', path: 'mapping-collection.mappings[0].source-resource', message: 'cannot tell which Crosswalk framework the source resource (href "https://example.org/catalog.json") is; pass it with --from <framework-id>', severity: 'error' },
      { file: 'third-party.json', path: 'mapping-collection.mappings[0].target-resource', message: 'cannot tell which Crosswalk framework the target resource (href "https://example.org/framework.json") is; pass it with --to <framework-id>', severity: 'error' },
    ]);
  });

  it('reads a third-party collection as proposed, human mappings with pairwise relationships and located warnings', () => {
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(foreign), { file: 'third-party.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef });
    expect(errorsOf(problems)).toEqual([]);
    expect(warningsOf(problems).map((p) => [p.path, p.message])).toEqual([
      ['mapping-collection.mappings[0].maps[1]', 'the map relates 1 source(s) to 2 target(s); each pair is imported as superset-of: review them'],
      ['mapping-collection.mappings[0].maps[2].targets[0].id-ref', '"zz-9" is not a requirement of fw-b; this pair is not imported'],
      ['mapping-collection.mappings[0].maps[0]', '3 map(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them'],
    ]);
    const mappings = loadImported({ catalogs: [], mappingFiles }).mappings;
    expect(mappings.map((m) => [m.source, m.target, m.relationship, m.rationale, m.strength, m.status, m.method])).toEqual([
      ['fw-a:1.1', 'fw-b:B-1', 'equivalent-to', 'functional', 10, 'proposed', 'human'],
      ['fw-a:2', 'fw-b:B-2', 'superset-of', 'syntactic', 5, 'proposed', 'human'],
      ['fw-a:2', 'fw-b:B-3', 'superset-of', 'syntactic', 5, 'proposed', 'human'],
    ]);
    expect(mappings[0]!.note).toBe('Both ask for a policy.');
    expect(mappings[1]!.note).toMatch(/states 1 source\(s\) equal-to 2 target\(s\) together/);
    expect(mappings[0]!.provenance).toEqual({ source: 'Example catalog to example framework', author: 'imported', created: '2025-09-01' });
  });

  it('reports one-to-many maps and unknown id-refs once per kind when there are several, as in published collections', () => {
    const doc = structuredClone(foreign) as typeof foreign;
    const maps = doc['mapping-collection'].mappings.maps;
    maps.push(
      { uuid: '9e5b7baa-2d5a-4c6c-8f5d-8a3b5c6d7e8f', relationship: 'superset-of', sources: [{ type: 'control', 'id-ref': 'ac-1' }], targets: [{ type: 'control', 'id-ref': 'b-3_smt' }, { type: 'control', 'id-ref': 'zz-8' }, { type: 'control', 'id-ref': 'zz-9' }] } as (typeof maps)[number],
    );
    const { problems } = importOscalMapping(JSON.stringify(doc), { file: 'third-party.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef });
    expect(warningsOf(problems).map((p) => [p.path, p.message]).slice(0, 2)).toEqual([
      ['mapping-collection.mappings[0].maps[1]', '2 maps relate several sources or targets together (this one 1 source(s) to 2 target(s)); each of their pairs is imported with the relationship a single pair can carry (here superset-of) and a note: review them'],
      ['mapping-collection.mappings[0].maps[2].targets[0].id-ref', '2 id-ref(s) name no requirement of fw-b, e.g. "zz-9", "zz-8"; their 3 place(s) in maps are left out (this is the first)'],
    ]);
  });

  it('warns about uuids that are not RFC 4122 and map uuids used twice, naming the places, and still reads the maps', () => {
    const doc = structuredClone(foreign) as typeof foreign;
    doc['mapping-collection'].uuid = 'b954d3b7-XXXX-453b-8eb2-459e8d3b8462';
    const maps = doc['mapping-collection'].mappings.maps;
    maps[1]!.uuid = maps[0]!.uuid;
    maps[2]!.uuid = 'not-a-uuid';
    const options = { file: 'ids.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef };
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(doc), options);
    expect(errorsOf(problems)).toEqual([]);
    const uuidWarnings = warningsOf(problems).filter((p) => p.message.includes('uuid'));
    expect(uuidWarnings.map((p) => p.path)).toEqual(['mapping-collection.uuid', 'mapping-collection.mappings[0].maps[2].uuid', 'mapping-collection.mappings[0].maps[1].uuid']);
    expect(uuidWarnings[0]!.message).toMatch(/^uuid "b954d3b7-XXXX-453b-8eb2-459e8d3b8462" is not valid: OSCAL requires an RFC 4122 version 4 or 5 UUID/);
    expect(uuidWarnings[2]!.message).toMatch(/^uuid "6b2e4e77-9a2d-4f3f-9c2a-5d0e2f3a4b5c" is used again \(first at mapping-collection\.mappings\[0\]\.maps\[0\]\.uuid\); .*give this map a new one/);
    expect(mappingFiles).toEqual(importOscalMapping(JSON.stringify(foreign), options).mappingFiles);

    // Many bad maps: one warning per kind, with a count.
    maps.push(structuredClone(maps[2]!), structuredClone(maps[0]!));
    const many = warningsOf(importOscalMapping(JSON.stringify(doc), options).problems).filter((p) => p.message.includes('uuid'));
    expect(many.map((p) => p.message.slice(0, 40))).toEqual([
      expect.stringMatching(/^uuid "b954/),
      '2 maps have no valid uuid, e.g. "not-a-u',
      '2 maps repeat the uuid of an earlier map',
    ]);
    expect(validate(foreign)).toEqual([]); // the schema agrees the original's uuids are fine…
    expect(validate(doc).map((e) => e.instancePath)).toContain('/mapping-collection/uuid'); // …and these are not
  });

  it('round-trips an imported collection: import → export → import gives the same mapping files', () => {
    const options = { file: 'third-party.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef };
    const first = importOscalMapping(JSON.stringify(foreign), options);
    const loaded = loadImported(first);
    const again = importOscalMapping(exportPair('fw-a', 'fw-b', { ...smallBundle(), mappings: loaded.mappings }), { file: 'again.json' });
    expect(again.problems).toEqual([]);
    expect(again.mappingFiles.map(({ description: _d, ...f }) => f)).toEqual(first.mappingFiles.map(({ description: _d, ...f }) => f));
  });

  it('reads an id-ref written as a link within the document ("#b-1"), with a warning', () => {
    const doc = structuredClone(foreign) as typeof foreign;
    const maps = doc['mapping-collection'].mappings.maps as Array<{ targets: Array<Record<string, string>> }>;
    maps[0]!.targets = [{ type: 'control', 'id-ref': '#b-1' }];
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(doc), { file: 'draft.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef });
    expect(mappingFiles[0]!.mappings.map((m) => [m.source, m.target])).toContainEqual(['1.1', 'B-1']);
    expect(warningsOf(problems).map((p) => p.message)).toContainEqual('1 id-ref(s) were read without the "#" of a link within a document (OSCAL writes the bare id), e.g. "#b-1" as B-1; check them');
  });

  it('reads a collection whose mappings point at several catalogs, given as --to A,B, each against the one its id-refs name', () => {
    // One source catalog mapped to two target catalogs, one `mapping` each, as a publisher splits its own controls.
    const doc = {
      'mapping-collection': {
        uuid: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
        metadata: { title: 'Source to two catalogs', 'last-modified': '2026-03-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
        provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete', 'mapping-description': 'Test.' },
        mappings: [
          {
            uuid: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', 'source-resource': { type: 'catalog', href: 'source.json' }, 'target-resource': { type: 'catalog', href: 'process.json' },
            maps: [{ uuid: '3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d7e', relationship: 'subset-of', sources: [{ type: 'control', 'id-ref': 's-1' }], targets: [{ type: 'control', 'id-ref': 'P.1' }] }],
          },
          {
            uuid: '4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f', 'source-resource': { type: 'catalog', href: 'source.json' }, 'target-resource': { type: 'catalog', href: 'technique.json' },
            maps: [
              { uuid: '5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a', relationship: 'equivalent-to', sources: [{ type: 'control', 'id-ref': 's-2' }], targets: [{ type: 'control', 'id-ref': 'T.1' }] },
              { uuid: '6e7f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b', relationship: 'subset-of', sources: [{ type: 'control', 'id-ref': 's-3' }], targets: [{ type: 'control', 'id-ref': 'T.2' }, { type: 'control', 'id-ref': 'T.9' }] },
            ],
          },
        ],
      },
    };
    expect(validate(doc)).toEqual([]);
    const refs: Record<string, string[]> = { src: ['s-1', 's-2', 's-3'], proc: ['P.1', 'P.2'], tech: ['T.1', 'T.2'] };
    const resolve = (frameworkId: string, idRef: string) => refs[frameworkId]?.find((r) => r === idRef);
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(doc), { file: 'two.json', sourceFramework: 'src', targetFramework: 'proc, tech', resolveIdRef: resolve });
    expect(errorsOf(problems)).toEqual([]);
    expect(mappingFiles.map((f) => [f.source, f.target, f.mappings.map((m) => `${m.source} ${m.relationship} ${m.target}`)])).toEqual([
      ['src', 'proc', ['s-1 subset-of P.1']],
      ['src', 'tech', ['s-2 equivalent-to T.1', 's-3 intersects-with T.2']],
    ]);
    expect(warningsOf(problems).map((p) => [p.path, p.message]).slice(0, 3)).toEqual([
      ['mapping-collection.mappings[0].target-resource', 'the target resource "process.json" is read as proc, whose requirements 1 of this mapping\'s 1 distinct id-ref(s) name'],
      ['mapping-collection.mappings[1].target-resource', 'the target resource "technique.json" is read as tech, whose requirements 2 of this mapping\'s 3 distinct id-ref(s) name'],
      ['mapping-collection.mappings[1].maps[1]', 'the map relates 1 source(s) to 2 target(s); each pair is imported as intersects-with: review them'],
    ]);
    // A mapping none of the given frameworks fits, or two fit equally, is an error at its resource that says what to do.
    refs.proc = ['P.1', 'T.1', 'T.2'];
    const tied = importOscalMapping(JSON.stringify(doc), { file: 'two.json', sourceFramework: 'src', targetFramework: 'proc,tech', resolveIdRef: resolve });
    expect(errorsOf(tied.problems)).toEqual([
      { file: 'two.json', path: 'mapping-collection.mappings[1].target-resource', severity: 'error', message: 'of the frameworks given with --to (proc, tech), 2 of the 3 id-ref(s) of this mapping name requirements of proc and of tech alike (its target resource is "technique.json"); import this mapping on its own with one --to framework' },
    ]);
    const none = importOscalMapping(JSON.stringify(doc), { file: 'two.json', sourceFramework: 'src', targetFramework: 'other,tech', resolveIdRef: resolve });
    expect(errorsOf(none.problems).map((p) => p.message)).toEqual([
      'of the frameworks given with --to (other, tech), none has a requirement that the 1 id-ref(s) of this mapping name (its target resource is "process.json"); import this mapping on its own with one --to framework',
    ]);
  });

  it('reads ids that leave off the prefix the catalog\'s refs share ("5.4" for A.5.4) with it, the clashing ones too', () => {
    // A standard whose clauses 5.1 and 5.2 read like its annex controls written without "A.", as other tools write them.
    const refs = ['5', '5.1', '5.2', 'A.5', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5'];
    const doc = structuredClone(foreign) as typeof foreign;
    const item = (id: string) => [{ type: 'control', 'id-ref': id }];
    doc['mapping-collection'].mappings.maps = ['5.1', '5.2', '5.3', '5.4', '5.5'].map((id, i) => ({ uuid: `0a1b2c3d-4e5f-4a6b-8c7d-${String(i).padStart(12, '0')}`, relationship: 'intersects-with', sources: item(id), targets: item('b-1') })) as never;
    const resolve = (framework: string, id: string) => (framework === 'fw-a' ? refs.find((r) => r.toLowerCase() === id.toLowerCase()) : ids[id]);
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(doc), { file: 'annex.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef: resolve, refsOf: (f) => (f === 'fw-a' ? refs : undefined) });
    expect(errorsOf(problems)).toEqual([]);
    expect(mappingFiles[0]!.mappings.map((m) => m.source)).toEqual(['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5']);
    expect(warningsOf(problems).map((p) => p.message)[0]).toBe(
      '5 id-ref(s) of fw-a leave off the "A." its refs begin with and were read with it, e.g. "5.3" as A.5.3, "5.4" as A.5.4, "5.5" as A.5.5; 2 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2); check them',
    );
  });

  it('names the JSON path of a bad relationship, a missing (or misspelt) id-ref and a bad item type', () => {
    const doc = structuredClone(foreign) as typeof foreign;
    const maps = doc['mapping-collection'].mappings.maps as Array<Record<string, unknown>>;
    maps[0]!.relationship = 'same-as';
    maps[1]!.targets = [{ type: 'control' }, { type: 'part', 'id-ref': 'b-2' }, { type: 'control', id_ref: 'b-2' }];
    const { mappingFiles, problems } = importOscalMapping(JSON.stringify(doc), { file: 'bad.json', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef });
    expect(mappingFiles).toEqual([]);
    expect(errorsOf(problems).map((p) => [p.path, p.message])).toEqual([
      ['mapping-collection.mappings[0].maps[0].relationship', 'invalid relationship: "same-as" (expected: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)'],
      ['mapping-collection.mappings[0].maps[1].targets[0].id-ref', 'missing id-ref'],
      ['mapping-collection.mappings[0].maps[1].targets[1].type', 'invalid type: "part" (expected: control, statement)'],
      ['mapping-collection.mappings[0].maps[1].targets[2].id-ref', 'missing id-ref (found "id_ref": OSCAL spells the key "id-ref", with a hyphen)'],
    ]);
  });

  it('reports malformed input and the wrong OSCAL model as one problem', () => {
    expect(importOscalMapping('{"mapping-collection": [1,}', { file: 'x.json' }).problems).toEqual([
      { file: 'x.json', line: 1, message: expect.stringMatching(/^not valid JSON/), severity: 'error' },
    ]);
    expect(importOscalMapping('{"catalog": {}}', { file: 'x.json' }).problems).toEqual([
      { file: 'x.json', message: 'not an OSCAL mapping collection: expected a top-level "mapping-collection" object (this file holds a catalog)', severity: 'error' },
    ]);
    expect(importOscalMapping(JSON.stringify(foreign), { file: 'x.json', sourceFramework: 'FW A', targetFramework: 'fw-b' }).problems[0]!.message).toMatch(/^--from "FW A": /);
  });

  it('keeps an approved status only when a Crosswalk export states it', () => {
    const bundle = { ...smallBundle(), mappings: [edge('fw-a:1.1', 'fw-b:B-1', 'equal-to')] };
    const doc = JSON.parse(exportPair('fw-a', 'fw-b', bundle));
    const [map] = doc['mapping-collection'].mappings[0].maps;
    expect(loadImported(importOscalMapping(JSON.stringify(doc), { file: 'a.json' })).mappings[0]!.status).toBe('approved');
    map.props = map.props.filter((p: { name: string }) => p.name !== 'status');
    expect(loadImported(importOscalMapping(JSON.stringify(doc), { file: 'a.json' })).mappings[0]!.status).toBe('proposed');
  });
});

describe('pairwiseRelationship', () => {
  it('weakens a group statement to what each pair can carry', () => {
    expect(pairwiseRelationship('equal-to', 1, 1)).toBe('equal-to');
    expect(pairwiseRelationship('equal-to', 2, 1)).toBe('subset-of');
    expect(pairwiseRelationship('subset-of', 3, 1)).toBe('subset-of');
    expect(pairwiseRelationship('equivalent-to', 1, 2)).toBe('superset-of');
    expect(pairwiseRelationship('superset-of', 2, 1)).toBe('intersects-with');
    expect(pairwiseRelationship('equal-to', 2, 2)).toBe('intersects-with');
    expect(pairwiseRelationship('no-relationship', 2, 2)).toBe('no-relationship');
  });
});

describe('idRefNamespace', () => {
  it('finds the prefix a tool puts before every id of one side, ending in "_" or ":", and nothing else', () => {
    expect(idRefNamespace(['iso-iec-42001_4-1', 'iso-iec-42001_B-2-2', 'iso-iec-42001_6-2'])).toBe('iso-iec-42001_');
    expect(idRefNamespace(['cat:ac-1', 'cat:ac-2'])).toBe('cat:');
    // A family prefix is part of the id, not a namespace.
    expect(idRefNamespace(['ac-1', 'ac-2', 'ac-2.1'])).toBeUndefined();
    // One id alone, or ids that differ before any "_", tell nothing.
    expect(idRefNamespace(['iso_4-1', 'iso_4-1'])).toBeUndefined();
    expect(idRefNamespace(['a_1', 'b_2'])).toBeUndefined();
    expect(idRefNamespace(['ns_1', 'ns_'])).toBeUndefined();
  });
});

