import { describe, expect, it } from 'vitest';
import { importCprt } from '../../server/interop/cprt.js';
import { errorsOf, loadImported, warningsOf } from './helpers.js';

/** A small export in CPRT's shape (made up): functions → categories → subcategories, plus items hanging off them. */
const graph = {
  documents: [{ doc_identifier: 'DEMO_RMF_1_0', name: 'Demo Risk Framework', version: 'Version  1.0', website: 'https://example.org/demo' }],
  relationship_types: [{ relationship_identifier: 'projection', description: 'parent of' }],
  elements: [
    { doc_identifier: 'DEMO_RMF_1_0', element_type: 'function', element_identifier: 'GOVERN', title: 'Govern', text: 'Set direction.' },
    { doc_identifier: 'DEMO_RMF_1_0', element_type: 'subcategory', element_identifier: 'GOVERN 1.1', title: '', text: 'Legal requirements are known.' },
    { doc_identifier: 'DEMO_RMF_1_0', element_type: 'category', element_identifier: 'GOVERN 1', title: 'Policies', text: '' },
    { doc_identifier: 'DEMO_RMF_1_0', element_type: 'suggested_action', element_identifier: 'SA-GOVERN 1.1-1', title: '', text: 'List the laws.' },
    { doc_identifier: 'DEMO_RMF_1_0', element_type: 'function', element_identifier: 'MAP', title: 'Map', text: 'Know the context.' },
  ],
  relationships: [
    { source_element_identifier: 'GOVERN', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'GOVERN 1', dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'projection' },
    { source_element_identifier: 'GOVERN 1', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'GOVERN 1.1', dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'projection' },
    { source_element_identifier: 'GOVERN 1.1', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'SA-GOVERN 1.1-1', dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'projection' },
    { source_element_identifier: 'GOVERN 1.1', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'AC-1', dest_doc_identifier: 'OTHER_DOC', relationship_identifier: 'external_reference' },
  ],
};
const wrapped = (g: unknown) => JSON.stringify({ response: { requestType: 4, elements: g } });

describe('importCprt', () => {
  it('turns elements into requirements with parents from projections, kinds from element types, in tree order', () => {
    const { catalogs, problems } = importCprt(wrapped(graph), { file: 'cprt.json' });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs).toHaveLength(1);
    expect(catalogs[0]!.framework).toEqual({
      id: 'demo-rmf-1-0', name: 'Demo Risk Framework', edition: 'Version 1.0', publisher: 'NIST', url: 'https://example.org/demo',
      licence: 'Imported by the user from a NIST CPRT export; NIST publications are in the U.S. public domain.',
    });
    expect(catalogs[0]!.requirements).toEqual([
      { ref: 'GOVERN', kind: 'function', title: 'Govern', summary: 'Set direction.' },
      { ref: 'GOVERN 1', kind: 'category', title: 'Policies', parent: 'GOVERN' },
      { ref: 'GOVERN 1.1', kind: 'subcategory', title: '', summary: 'Legal requirements are known.', parent: 'GOVERN 1' },
      { ref: 'SA-GOVERN 1.1-1', kind: 'suggested-action', title: '', summary: 'List the laws.', parent: 'GOVERN 1.1' },
      { ref: 'MAP', kind: 'function', title: 'Map', summary: 'Know the context.' },
    ]);
    expect(loadImported({ catalogs, mappingFiles: [] }).requirements.find((r) => r.ref === 'GOVERN 1.1')!.parentId).toBe('demo-rmf-1-0:GOVERN 1');
  });

  it('says which relationships it did not import', () => {
    const { problems } = importCprt(wrapped(graph), { file: 'cprt.json' });
    expect(warningsOf(problems)).toEqual([
      { file: 'cprt.json', path: 'response.elements.relationships', message: '1 "external_reference" relationship(s) were not imported: only "projection" within a document (the hierarchy) is read', severity: 'warning' },
    ]);
  });

  it('keeps only the element types asked for, moving children up to the nearest kept ancestor', () => {
    const { catalogs } = importCprt(wrapped(graph), { file: 'cprt.json', frameworkId: 'demo-rmf-1.0', elementTypes: ['function', 'subcategory'] });
    expect(catalogs[0]!.framework.id).toBe('demo-rmf-1.0');
    expect(catalogs[0]!.requirements.map((r) => [r.ref, r.parent])).toEqual([['GOVERN', undefined], ['GOVERN 1.1', 'GOVERN'], ['MAP', undefined]]);
  });

  it('reads an empty list of element types as none given (the CLI without --element-types), keeping every type', () => {
    const { catalogs, problems } = importCprt(wrapped(graph), { file: 'cprt.json', elementTypes: [] });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs[0]!.requirements.map((r) => r.ref)).toEqual(['GOVERN', 'GOVERN 1', 'GOVERN 1.1', 'SA-GOVERN 1.1-1', 'MAP']);
  });

  it('names the export\'s element types when a type asked for is not among them: a warning beside others, an error alone', () => {
    const partly = importCprt(wrapped(graph), { file: 'cprt.json', elementTypes: ['Subcategory', 'subcategories'] });
    expect(errorsOf(partly.problems)).toEqual([]);
    expect(partly.catalogs[0]!.requirements.map((r) => r.ref)).toEqual(['GOVERN 1.1']);
    expect(warningsOf(partly.problems).map((p) => p.message)).toContain('no element has the type "subcategories" (the export\'s types: category, function, subcategory, suggested_action)');

    const none = importCprt(wrapped(graph), { file: 'cprt.json', elementTypes: ['control', 'enhancement'] });
    expect(none.catalogs).toEqual([]);
    expect(errorsOf(none.problems)).toEqual([
      { file: 'cprt.json', path: 'response.elements.elements', message: 'no element has the types "control", "enhancement" (the export\'s types: category, function, subcategory, suggested_action)', severity: 'error' },
    ]);
  });

  it('reads the bare CPRT schema shape and one catalog per document, with ids per doc_identifier', () => {
    const twoDocs = {
      ...graph,
      documents: [...graph.documents, { doc_identifier: 'OTHER_DOC', name: 'Other', version: '2' }],
      elements: [...graph.elements, { doc_identifier: 'OTHER_DOC', element_type: 'control', element_identifier: 'AC-1', title: 'Access', text: '' }],
    };
    const { catalogs, problems } = importCprt(JSON.stringify(twoDocs), { file: 'bare.json', frameworkIds: { OTHER_DOC: 'other-2' } });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs.map((c) => [c.framework.id, c.requirements.length])).toEqual([['demo-rmf-1-0', 5], ['other-2', 1]]);
  });

  it('names the JSON path of a missing identifier and a repeated one, and returns nothing', () => {
    const broken = structuredClone(graph) as { elements: Array<Record<string, string>> };
    delete broken.elements[1]!.element_identifier;
    broken.elements[4]!.element_identifier = 'GOVERN';
    const { catalogs, problems } = importCprt(wrapped(broken), { file: 'cprt.json' });
    expect(catalogs).toEqual([]);
    expect(errorsOf(problems).map((p) => [p.path, p.message])).toEqual([
      ['response.elements.elements[1].element_identifier', 'missing element_identifier'],
      ['response.elements.elements[4].element_identifier', '"GOVERN" is used again in DEMO_RMF_1_0 (first at response.elements.elements[0])'],
    ]);
  });

  it('keeps the first parent of an element projected from several, with one warning for all of them', () => {
    const project = (source: string, dest: string) => ({ source_element_identifier: source, source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: dest, dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'projection' });
    const tactics = ['T-ONE', 'T-TWO'].map((id) => ({ doc_identifier: 'DEMO_RMF_1_0', element_type: 'tactic', element_identifier: id, title: id, text: '' }));
    // As SP 800-172's export does: every effect is projected onto the tactics it serves, so each tactic has several "parents".
    const many = { ...graph, elements: [...graph.elements, ...tactics], relationships: [...graph.relationships, ...['GOVERN 1.1', 'MAP', 'GOVERN'].flatMap((from) => [project(from, 'T-ONE'), project(from, 'T-TWO')])] };
    const { catalogs, problems } = importCprt(wrapped(many), { file: 'cprt.json' });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs[0]!.requirements.filter((r) => r.ref.startsWith('T-')).map((r) => [r.ref, r.parent])).toEqual([['T-ONE', 'GOVERN 1.1'], ['T-TWO', 'GOVERN 1.1']]);
    const seconds = warningsOf(problems).filter((p) => /second parent|already has a parent/.test(p.message));
    expect(seconds.map((p) => [p.path, p.message])).toEqual([[
      'response.elements.relationships[6]',
      '4 projection(s) would give 2 element(s) a second parent and were ignored, each element keeping its first parent: "T-ONE" (under "GOVERN 1.1", not also under "MAP", "GOVERN"); "T-TWO" (under "GOVERN 1.1", not also under "MAP", "GOVERN") (this is the first)',
    ]]);
  });

  it('breaks a projection cycle with a warning instead of looping', () => {
    const cyclic = structuredClone(graph);
    cyclic.relationships.push({ source_element_identifier: 'GOVERN 1.1', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'GOVERN', dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'projection' });
    const { catalogs, problems } = importCprt(wrapped(cyclic), { file: 'cprt.json' });
    expect(warningsOf(problems)).toContainEqual({
      file: 'cprt.json', path: 'response.elements.relationships[4]', message: '"GOVERN" is its own ancestor through projection relationships; this projection is ignored', severity: 'warning',
    });
    expect(catalogs[0]!.requirements.map((r) => r.ref)).toEqual(['GOVERN', 'GOVERN 1', 'GOVERN 1.1', 'SA-GOVERN 1.1-1', 'MAP']);
  });

  it('reports malformed input and the wrong shape as one problem', () => {
    expect(importCprt('{"response": ', { file: 'x.json' }).problems).toEqual([{ file: 'x.json', line: 1, message: expect.stringMatching(/^not valid JSON/), severity: 'error' }]);
    expect(importCprt('{"catalog": {}}', { file: 'x.json' }).problems).toEqual([
      { file: 'x.json', message: 'not a CPRT export: expected "response.elements" with "documents", "elements" and "relationships"', severity: 'error' },
    ]);
  });
});
