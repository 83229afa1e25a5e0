import { describe, expect, it } from 'vitest';
import { isWithdrawn } from '../../server/domain/schemas/requirement.js';
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
    // Where a withdrawn element went is read from its withdraw_reason only, as NIST's exports state it.
    const stray = { ...graph, relationships: [...graph.relationships, { source_element_identifier: 'GOVERN 1.1', source_doc_identifier: 'DEMO_RMF_1_0', dest_element_identifier: 'MAP', dest_doc_identifier: 'DEMO_RMF_1_0', relationship_identifier: 'moved_to' }] };
    const { catalogs, problems: strayProblems } = importCprt(wrapped(stray), { file: 'cprt.json' });
    expect(warningsOf(strayProblems).map((p) => p.message)).toContain('1 "moved_to" relationship(s) were not imported: such relationships are read only from a withdraw_reason element to an element of its document');
    expect(catalogs[0]!.requirements.some((r) => r.tags)).toBe(false);
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

  /**
   * CSF 2.0 as NIST's CPRT exports it (the shape read from a real export; the texts are made up): elements listed by
   * type, not in reading order; "sort" elements give each element's place; a CSF 1.1 category and subcategories
   * withdrawn in 2.0 each project onto a "withdraw_reason", which links to where the content went; the shared "party"
   * elements label the subcategories that project onto them.
   */
  const csf = (() => {
    const D = 'CSF_2_0_0';
    const el = (element_type: string, element_identifier: string, title: string, text: string) => ({ element_type, element_identifier, title, text, doc_identifier: D });
    const rel = (source: string, dest: string, relationship_identifier = 'projection', destDoc = D) => ({ source_element_identifier: source, source_doc_identifier: D, dest_element_identifier: dest, dest_doc_identifier: destDoc, relationship_identifier, provenance_doc_identifier: D });
    const sorts: Array<[string, string]> = [['PR', '00002'], ['GV', '00001'], ['PR.AA', '00002.00001'], ['PR.AC', '00002.00002'], ['PR.AA-01', '00002.00001.00001'], ['PR.AA-02', '00002.00001.00002'], ['PR.AC-01', '00002.00002.00001'], ['PR.AC-06', '00002.00002.00006']];
    return {
      documents: [{ doc_identifier: D, name: 'NIST Cybersecurity Framework', version: 'Version  2.0' }],
      relationship_types: ['projection', 'incorporated_into', 'moved_to', 'external_reference'].map((relationship_identifier) => ({ relationship_identifier, description: '' })),
      elements: [
        el('function', 'PR', 'PROTECT', 'Safeguards are in use.'),
        el('function', 'GV', 'GOVERN', 'Direction is set.'),
        ...sorts.map(([id, key]) => el('sort', `S-${id}`, key, '')),
        el('category', 'PR.AA', 'Identity Management, Authentication, and Access Control', 'Access is limited to those allowed.'),
        el('category', 'PR.AC', 'Identity Management, Authentication and Access Control', ''),
        el('subcategory', 'PR.AA-02', '', 'Identities are proofed.'),
        el('subcategory', 'PR.AA-01', '', 'Identities are managed.'),
        el('subcategory', 'PR.AC-06', '', 'Identities are bound to credentials (1.1 wording).'),
        el('subcategory', 'PR.AC-01', '', 'Credentials are managed (1.1 wording).'),
        el('party', 'first', '1st', '1st Party Risk'),
        el('party', 'third', '3rd', '3rd Party Risk'),
        el('withdraw_reason', 'WR-PR.AC', '', 'Incorporated into PR.AA'),
        el('withdraw_reason', 'WR-PR.AC-01', '', 'Incorporated into PR.AA-01'),
        el('withdraw_reason', 'WR-PR.AC-06', '', 'Moved to PR.AA-02'),
      ],
      relationships: [
        rel('PR.AA-01', 'AC', 'external_reference', 'SP_800_53_5_1_1'),
        rel('PR', 'PR.AA'), rel('PR.AA', 'PR.AA-02'), rel('PR.AA', 'PR.AA-01'),
        rel('WR-PR.AC-01', 'PR.AA-01', 'incorporated_into'), rel('WR-PR.AC-06', 'PR.AA-02', 'moved_to'), rel('WR-PR.AC', 'PR.AA', 'incorporated_into'),
        rel('PR.AA-01', 'first'), rel('PR.AA-02', 'first'), rel('PR.AA-02', 'third'),
        rel('PR', 'PR.AC'), rel('PR.AC', 'WR-PR.AC'), rel('PR.AC', 'PR.AC-06'), rel('PR.AC-06', 'WR-PR.AC-06'), rel('PR.AC', 'PR.AC-01'), rel('PR.AC-01', 'WR-PR.AC-01'),
        ...sorts.map(([id]) => rel(id, `S-${id}`)),
      ],
    };
  })();

  it('reads CPRT\'s sort, withdraw_reason and party elements into the elements they describe rather than importing them', () => {
    const { catalogs, problems } = importCprt(wrapped(csf), { file: 'csf.json', frameworkId: 'csf-2.0' });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs[0]!.requirements).toEqual([
      { ref: 'GV', kind: 'function', title: 'GOVERN', summary: 'Direction is set.' },
      { ref: 'PR', kind: 'function', title: 'PROTECT', summary: 'Safeguards are in use.' },
      { ref: 'PR.AA', kind: 'category', title: 'Identity Management, Authentication, and Access Control', summary: 'Access is limited to those allowed.', parent: 'PR' },
      { ref: 'PR.AA-01', kind: 'subcategory', title: '', summary: 'Identities are managed.', parent: 'PR.AA', tags: ['party:first'] },
      { ref: 'PR.AA-02', kind: 'subcategory', title: '', summary: 'Identities are proofed.', parent: 'PR.AA', tags: ['party:first', 'party:third'] },
      // A withdrawn element without text of its own gets its reason as summary.
      { ref: 'PR.AC', kind: 'category', title: 'Identity Management, Authentication and Access Control', summary: 'Withdrawn: Incorporated into PR.AA', parent: 'PR', tags: ['withdrawn', 'incorporated-into:PR.AA'] },
      { ref: 'PR.AC-01', kind: 'subcategory', title: '', summary: 'Credentials are managed (1.1 wording).', parent: 'PR.AC', tags: ['withdrawn', 'incorporated-into:PR.AA-01'] },
      { ref: 'PR.AC-06', kind: 'subcategory', title: '', summary: 'Identities are bound to credentials (1.1 wording).', parent: 'PR.AC', tags: ['withdrawn', 'moved-to:PR.AA-02'] },
    ]);
    // Shared party elements are no second parents, and the withdrawal relationships were read.
    expect(warningsOf(problems).map((p) => p.message)).toEqual(['1 "external_reference" relationship(s) were not imported: only "projection" within a document (the hierarchy) is read']);
    const loaded = loadImported({ catalogs, mappingFiles: [] }).requirements;
    expect(loaded.filter(isWithdrawn).map((r) => r.ref)).toEqual(['PR.AC', 'PR.AC-01', 'PR.AC-06']);
  });

  it('keeps withdrawn marks and sort order with --element-types, and imports a helper type named there', () => {
    const kept = importCprt(wrapped(csf), { file: 'csf.json', frameworkId: 'csf-2.0', elementTypes: ['function', 'category', 'subcategory'] });
    expect(kept.catalogs[0]!.requirements.map((r) => [r.ref, r.tags?.[0]])).toEqual([
      ['GV', undefined], ['PR', undefined], ['PR.AA', undefined], ['PR.AA-01', 'party:first'], ['PR.AA-02', 'party:first'], ['PR.AC', 'withdrawn'], ['PR.AC-01', 'withdrawn'], ['PR.AC-06', 'withdrawn'],
    ]);

    const reasons = importCprt(wrapped(csf), { file: 'csf.json', frameworkId: 'csf-2.0', elementTypes: ['subcategory', 'withdraw_reason'] });
    expect(errorsOf(reasons.problems)).toEqual([]);
    expect(reasons.catalogs[0]!.requirements.map((r) => [r.ref, r.kind, r.parent, r.tags])).toEqual([
      ['PR.AA-01', 'subcategory', undefined, ['party:first']],
      ['PR.AA-02', 'subcategory', undefined, ['party:first', 'party:third']],
      ['PR.AC-01', 'subcategory', undefined, ['withdrawn', 'incorporated-into:PR.AA-01']],
      ['WR-PR.AC-01', 'withdraw-reason', 'PR.AC-01', undefined],
      ['PR.AC-06', 'subcategory', undefined, ['withdrawn', 'moved-to:PR.AA-02']],
      ['WR-PR.AC-06', 'withdraw-reason', 'PR.AC-06', undefined],
      ['WR-PR.AC', 'withdraw-reason', undefined, undefined],
    ]);
  });

  it('marks a requirement withdrawn as SP 800-171 Rev. 3\'s export does, with an addressed_by reason and no text of its own', () => {
    const D = 'SP_800_171_3_0_0';
    const rel = (source: string, dest: string, relationship_identifier = 'projection') => ({ source_element_identifier: source, source_doc_identifier: D, dest_element_identifier: dest, dest_doc_identifier: D, relationship_identifier });
    const sp171 = {
      documents: [{ doc_identifier: D, name: 'Protecting CUI', version: '3.0.0' }],
      elements: [
        { doc_identifier: D, element_type: 'family', element_identifier: '03.14', title: 'System and Information Integrity', text: '' },
        { doc_identifier: D, element_type: 'requirement', element_identifier: '03.14.05', title: '', text: '' },
        { doc_identifier: D, element_type: 'requirement', element_identifier: '03.14.02', title: 'Malicious Code Protection', text: '' },
        { doc_identifier: D, element_type: 'withdraw_reason', element_identifier: 'WR-03.14.05', title: '', text: 'Addressed by 03.14.02.' },
      ],
      relationships: [rel('03.14', '03.14.05'), rel('03.14', '03.14.02'), rel('03.14.05', 'WR-03.14.05'), rel('WR-03.14.05', '03.14.02', 'addressed_by')],
    };
    const { catalogs, problems } = importCprt(wrapped(sp171), { file: '171.json', frameworkId: 'sp800-171-r3' });
    expect(problems).toEqual([]);
    expect(catalogs[0]!.requirements).toEqual([
      { ref: '03.14', kind: 'family', title: 'System and Information Integrity' },
      { ref: '03.14.05', kind: 'requirement', title: '', summary: 'Withdrawn: Addressed by 03.14.02.', parent: '03.14', tags: ['withdrawn', 'addressed-by:03.14.02'] },
      { ref: '03.14.02', kind: 'requirement', title: 'Malicious Code Protection', parent: '03.14' },
    ]);
  });

  it('reports malformed input and the wrong shape as one problem', () => {
    expect(importCprt('{"response": ', { file: 'x.json' }).problems).toEqual([{ file: 'x.json', line: 1, message: expect.stringMatching(/^not valid JSON/), severity: 'error' }]);
    expect(importCprt('{"catalog": {}}', { file: 'x.json' }).problems).toEqual([
      { file: 'x.json', message: 'not a CPRT export: expected "response.elements" with "documents", "elements" and "relationships"', severity: 'error' },
    ]);
  });
});
