import { describe, expect, it } from 'vitest';
import type { ContentBundle } from '../../server/domain/schemas/content.js';
import { OSCAL_ID_TAG, exportOscalCatalog, importOscalCatalog, oscalIds } from '../../server/interop/oscalCatalog.js';
import { exportOscalMapping, importOscalMapping } from '../../server/interop/oscalMapping.js';
import { loadImported, oscalValidator } from './helpers.js';

const LAST_MODIFIED = '2026-03-01T00:00:00Z';
const validateCatalog = oscalValidator('catalog');
const validateMapping = oscalValidator('mapping');

/** Two publishers' catalogs as NIST writes them: lower-case ids beside upper-case labels, and ids that are the labels. */
const rev5 = {
  catalog: {
    uuid: '3c1e2f44-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    metadata: { title: 'Security Controls', 'last-modified': '2024-01-01T00:00:00Z', version: '5', 'oscal-version': '1.1.2' },
    groups: [
      {
        id: 'ac', class: 'family', title: 'Access Control',
        controls: [
          {
            id: 'ac-2', class: 'SP800-53', title: 'Account Management', props: [{ name: 'label', value: 'AC-2' }],
            controls: [{ id: 'ac-2.1', class: 'SP800-53-enhancement', title: 'Automated Account Management', props: [{ name: 'label', value: 'AC-2(1)' }] }],
          },
        ],
      },
    ],
  },
};
const csf = {
  catalog: {
    uuid: '4d2f3a55-6b7c-4d8e-9f0a-1b2c3d4e5f60',
    metadata: { title: 'Cybersecurity Framework', 'last-modified': '2024-02-26T00:00:00Z', version: '2.0', 'oscal-version': '1.1.2' },
    groups: [
      {
        id: 'PR', title: 'PROTECT', props: [{ name: 'label', value: 'PR' }],
        controls: [{ id: 'PR.AA', title: 'Identity Management', props: [{ name: 'label', value: 'PR.AA' }], controls: [{ id: 'PR.AA-01', title: 'PR.AA-01', props: [{ name: 'label', value: 'PR.AA-01' }] }] }],
      },
    ],
  },
};
const collection = {
  'mapping-collection': {
    uuid: '5e3a4b66-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    metadata: { title: 'CSF to SP 800-53', 'last-modified': '2024-03-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
    provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete', 'mapping-description': 'Test.' },
    mappings: [
      {
        uuid: '6f4b5c77-8d9e-4fa0-9b2c-3d4e5f6a7b8c',
        'source-resource': { type: 'catalog', href: 'csf.json' },
        'target-resource': { type: 'catalog', href: 'rev5.json' },
        maps: [
          { uuid: '7a5c6d88-9eaf-4b01-8c3d-4e5f6a7b8c9d', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'PR.AA-01' }], targets: [{ type: 'control', 'id-ref': 'ac-2.1' }] },
          { uuid: '8b6d7e99-af00-4c12-9d4e-5f6a7b8c9dae', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'PR.AA' }], targets: [{ type: 'control', 'id-ref': 'ac-2' }] },
        ],
      },
    ],
  },
};

/** Loads both catalogs and the collection as the import command does: id-refs resolved by recorded OSCAL id, else by ref. */
function importAll(): ContentBundle {
  const catalogs = [importOscalCatalog(JSON.stringify(csf), { file: 'csf.json', frameworkId: 'csf-2.0' }), importOscalCatalog(JSON.stringify(rev5), { file: 'rev5.json', frameworkId: 'sp800-53-r5' })];
  const catalogBundle = loadImported({ catalogs: catalogs.flatMap((c) => c.catalogs), mappingFiles: [] });
  const byId = new Map<string, string>();
  for (const r of catalogBundle.requirements) {
    byId.set(`${r.frameworkId} ${r.ref.toLowerCase()}`, r.ref);
    for (const tag of r.tags) if (tag.startsWith(OSCAL_ID_TAG)) byId.set(`${r.frameworkId} ${tag.slice(OSCAL_ID_TAG.length).toLowerCase()}`, r.ref);
  }
  const mappings = importOscalMapping(JSON.stringify(collection), {
    file: 'map.json', sourceFramework: 'csf-2.0', targetFramework: 'sp800-53-r5',
    resolveIdRef: (frameworkId, idRef) => byId.get(`${frameworkId} ${idRef.toLowerCase()}`),
  });
  expect(mappings.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loadImported({ catalogs: catalogs.flatMap((c) => c.catalogs), mappingFiles: mappings.mappingFiles });
}

const idsIn = (node: unknown): string[] =>
  Array.isArray(node) ? node.flatMap(idsIn) : node && typeof node === 'object' ? [...('id' in node && typeof node.id === 'string' ? [node.id] : []), ...['groups', 'controls'].flatMap((key) => idsIn((node as Record<string, unknown>)[key]))] : [];

describe('OSCAL ids on export', () => {
  it('round-trips a publisher\'s ids: import catalogs and a mapping collection, export, and every id-ref is the original', () => {
    const bundle = importAll();
    const framework = (id: string) => bundle.frameworks.find((f) => f.id === id)!;
    const doc = JSON.parse(exportOscalMapping({ source: framework('csf-2.0'), target: framework('sp800-53-r5'), mappings: bundle.mappings, requirements: bundle.requirements, lastModified: LAST_MODIFIED }));
    expect(validateMapping(doc)).toEqual([]);
    const pairs = doc['mapping-collection'].mappings[0].maps.map((m: { sources: [{ 'id-ref': string }]; targets: [{ 'id-ref': string }] }) => [m.sources[0]['id-ref'], m.targets[0]['id-ref']]);
    expect(pairs.sort()).toEqual([['PR.AA', 'ac-2'], ['PR.AA-01', 'ac-2.1']]);
  });

  it('writes catalog group and control ids as the publisher did, and the export validates', () => {
    const bundle = importAll();
    for (const [frameworkId, original] of [['sp800-53-r5', rev5], ['csf-2.0', csf]] as const) {
      const doc = JSON.parse(exportOscalCatalog({ framework: bundle.frameworks.find((f) => f.id === frameworkId)!, requirements: bundle.requirements, lastModified: LAST_MODIFIED }));
      expect(validateCatalog(doc)).toEqual([]);
      expect(idsIn(doc.catalog)).toEqual(idsIn(original.catalog));
    }
  });

  it('claims recorded ids first, keeps refs that are tokens, derives the rest, and never repeats an id in any case', () => {
    const ids = oscalIds([
      { ref: 'ac-2.1', order: 0 }, // a ref that happens to read like the recorded id of the next one
      { ref: 'AC-2(1)', order: 1, tags: [`${OSCAL_ID_TAG}ac-2.1`] },
      { ref: 'PR.AA-01', order: 2 },
      { ref: 'pr.aa-01 ', order: 3 },
      { ref: 'X 1', order: 4, tags: [`${OSCAL_ID_TAG}not a token`] },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ 'AC-2(1)': 'ac-2.1', 'ac-2.1': 'ac-2.1-2', 'PR.AA-01': 'PR.AA-01', 'pr.aa-01 ': 'pr.aa-01-2', 'X 1': 'x_1' });
  });
});
