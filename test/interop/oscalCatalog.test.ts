import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CatalogFile } from '../../server/content/fileSchemas.js';
import type { Framework } from '../../server/domain/schemas/framework.js';
import type { Requirement } from '../../server/domain/schemas/requirement.js';
import { CROSSWALK_OSCAL_NS, markupLineText } from '../../server/interop/oscalCommon.js';
import { exportOscalCatalog, importOscalCatalog, oscalIds } from '../../server/interop/oscalCatalog.js';
import { errorsOf, loadImported, oscalValidator, warningsOf } from './helpers.js';

const validate = oscalValidator('catalog');
const LAST_MODIFIED = '2026-01-15T10:00:00Z';

/** A Crosswalk catalog with mixed roots, deep nesting, refs that are not OSCAL tokens, an empty title and tags. */
const catalog: CatalogFile = {
  framework: {
    id: 'acme-ai-2025',
    name: 'ACME AI Controls',
    edition: '2025',
    publisher: 'ACME',
    licence: '© ACME.\nCrosswalk ships identifiers only.',
    url: 'https://example.org/acme',
    family: 'acme-ai',
    shortName: 'ACME AI 2025',
    description: 'A made-up framework for tests.',
  },
  requirements: [
    { ref: '4', kind: 'clause', title: 'Context', summary: 'Know the setting.' },
    { ref: '4.1', kind: 'clause', title: 'Understanding the organization', summary: 'Line one.\nLine two.', parent: '4' },
    { ref: '4.2', kind: 'clause', title: '', parent: '4' },
    { ref: '4.2.1', kind: 'point', title: 'Deep point', parent: '4.2', tags: ['role:provider', 'applies:2026-08-02'] },
    { ref: 'GOVERN 1.1', kind: 'subcategory', title: 'Legal requirements' },
    { ref: 'A', kind: 'annex', title: 'Annex A' },
    { ref: 'A.2', kind: 'objective', title: 'Policies', parent: 'A' },
    { ref: 'A.2.2', kind: 'control', title: 'AI policy', summary: 'Have one.', parent: 'A.2' },
    { ref: 'Art. 9(2)', kind: 'paragraph', title: 'Risk management steps' },
  ],
};

function domainOf(file: CatalogFile): { framework: Framework; requirements: Requirement[] } {
  const bundle = loadImported({ catalogs: [file], mappingFiles: [] });
  return { framework: bundle.frameworks[0]!, requirements: bundle.requirements };
}

const exported = () => exportOscalCatalog({ ...domainOf(catalog), lastModified: LAST_MODIFIED });

describe('exportOscalCatalog', () => {
  it('validates against NIST\'s OSCAL 1.2.1 catalog schema', () => {
    expect(validate(JSON.parse(exported()))).toEqual([]);
  });

  it('the schema check is real: an id that is not a token, a missing title or a bad UUID fail it', () => {
    const doc = JSON.parse(exported());
    doc.catalog.groups[0].controls[0].id = '4.1';
    expect(validate(doc).map((e) => e.instancePath)).toContain('/catalog/groups/0/controls/0/id');
    const untitled = JSON.parse(exported());
    delete untitled.catalog.metadata.title;
    expect(validate(untitled).some((e) => e.message?.includes("'title'"))).toBe(true);
    const badUuid = JSON.parse(exported());
    badUuid.catalog.uuid = 'not-a-uuid';
    expect(validate(badUuid).map((e) => e.instancePath)).toContain('/catalog/uuid');
  });

  it('keeps the hierarchy: roots with children are groups, everything else nested controls with the exact ref as label', () => {
    const doc = JSON.parse(exported()).catalog;
    expect(doc.groups.map((g: { title: string }) => g.title)).toEqual(['Context', 'Annex A']);
    expect(doc.controls.map((c: { id: string }) => c.id)).toEqual(['govern_1.1', 'art._9_2']);
    const clause42 = doc.groups[0].controls[1];
    expect(clause42).toMatchObject({ id: '_4.2', title: '4.2', class: 'clause' });
    expect(clause42.props).toContainEqual({ name: 'label', value: '4.2' });
    expect(clause42.props).toContainEqual({ name: 'untitled', ns: CROSSWALK_OSCAL_NS, value: 'true' });
    expect(clause42.controls[0].props).toContainEqual({ name: 'tag', ns: CROSSWALK_OSCAL_NS, value: 'role:provider' });
    expect(doc.groups[0].controls[0].parts).toEqual([{ id: '_4.1_overview', name: 'overview', prose: 'Line one.\nLine two.' }]);
    expect(doc.metadata).toMatchObject({ title: 'ACME AI Controls', version: '2025', 'oscal-version': '1.2.1', 'last-modified': LAST_MODIFIED });
    // A multi-line licence cannot be an OSCAL string: it is carried JSON-encoded.
    expect(doc.metadata.props).toContainEqual({ name: 'licence', ns: CROSSWALK_OSCAL_NS, class: 'json-string', value: JSON.stringify(catalog.framework.licence) });
  });

  it('is stable: the same catalog exports byte for byte, with a v5 UUID derived from the framework id', () => {
    expect(exported()).toBe(exported());
    const uuid = JSON.parse(exported()).catalog.uuid as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = exportOscalCatalog({ ...domainOf({ ...catalog, framework: { ...catalog.framework, id: 'acme-ai-2026' } }), lastModified: LAST_MODIFIED });
    expect(JSON.parse(other).catalog.uuid).not.toBe(uuid);
  });

  it('derives unique OSCAL ids from refs that collide once made tokens', () => {
    expect([...oscalIds([{ ref: 'Art. 9(2)', order: 0 }, { ref: 'art. 9 2', order: 1 }, { ref: '10', order: 2 }, { ref: 'é.1', order: 3 }]).values()]).toEqual([
      'art._9_2', 'art._9_2-2', '_10', 'é.1',
    ]);
  });
});

describe('importOscalCatalog', () => {
  it('round-trips a Crosswalk catalog: refs, titles, hierarchy, kinds, summaries, tags, order and framework fields', () => {
    const { catalogs, problems } = importOscalCatalog(exported(), { file: 'acme.json' });
    expect(problems).toEqual([]);
    expect(catalogs).toEqual([catalog]);
  });

  /** A hand-made catalog in NIST's 1.1 style: families, labels, parameters, statement items, enhancements. */
  const foreign = {
    catalog: {
      uuid: '7a3b8c1e-0d2f-4e5a-9b6c-1d2e3f4a5b6c',
      metadata: {
        title: 'Example Security Controls',
        'last-modified': '2024-05-01T00:00:00Z',
        version: '5.1',
        'oscal-version': '1.1.2',
        parties: [{ uuid: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', type: 'organization', name: 'Example Agency' }],
        'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': ['0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'] }],
      },
      groups: [
        {
          id: 'ac',
          class: 'family',
          title: 'Access Control',
          controls: [
            {
              id: 'ac-1',
              class: 'SP800-53',
              title: 'Policy and Procedures',
              params: [
                { id: 'ac-01_odp.01', label: 'personnel or roles' },
                { id: 'ac-01_odp.02', select: { 'how-many': 'one-or-more', choice: ['organization-level', 'system-level'] } },
              ],
              props: [{ name: 'label', value: 'AC-1' }, { name: 'label', class: 'zero-padded', value: 'AC-01' }, { name: 'sort-id', value: 'ac-01' }],
              parts: [
                {
                  id: 'ac-1_smt',
                  name: 'statement',
                  parts: [
                    { id: 'ac-1_smt.a', name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'Share a policy with {{ insert: param, ac-01_odp.01 }} at the {{ insert: param, ac-01_odp.02 }}.' },
                    { id: 'ac-1_smt.b', name: 'item', props: [{ name: 'label', value: 'b.' }], prose: 'Review it.' },
                  ],
                },
                { id: 'ac-1_gdn', name: 'guidance', prose: 'Guidance is not the summary.' },
              ],
              controls: [{ id: 'ac-1.1', title: 'Stronger policy', props: [{ name: 'label', value: 'AC-1(1)' }], parts: [{ id: 'ac-1.1_smt', name: 'statement', prose: 'Do more.' }] }],
            },
            { id: 'ac-2', title: 'Withdrawn control', props: [{ name: 'label', value: 'AC-2' }, { name: 'status', value: 'withdrawn' }] },
          ],
        },
        { id: 'pm', title: 'Program Management', groups: [{ id: 'pm-x', title: 'Sub-group', parts: [{ id: 'pm-x_ovw', name: 'overview', prose: 'About the program.' }] }] },
      ],
      controls: [{ id: 'top-1', title: 'Top control' }],
    },
  };

  it('reads a NIST-style catalog: groups, controls, enhancements, labels, statements with parameters, withdrawn status', () => {
    expect(validate(foreign)).toEqual([]); // the fixture itself is valid OSCAL
    const { catalogs, problems } = importOscalCatalog(JSON.stringify(foreign), { file: 'example.json' });
    expect(problems).toEqual([]);
    const [result] = catalogs;
    expect(result!.framework).toEqual({
      id: 'example-security-controls-5.1',
      name: 'Example Security Controls',
      edition: '5.1',
      publisher: 'Example Agency',
      licence: 'Imported by the user from their own copy; not redistributed by Crosswalk.',
    });
    expect(result!.requirements).toEqual([
      { ref: 'ac', kind: 'family', title: 'Access Control' }, // its class; "SP800-53" is no kind slug, so AC-1 is a control
      {
        ref: 'AC-1', kind: 'control', title: 'Policy and Procedures', parent: 'ac', tags: ['oscal-id:ac-1'],
        summary: 'a. Share a policy with [Assignment: personnel or roles] at the [Selection (one or more): organization-level; system-level].\nb. Review it.',
      },
      // An OSCAL id that differs from the label (in case too) is kept: mapping collections name controls by it, exports write it.
      { ref: 'AC-1(1)', kind: 'enhancement', title: 'Stronger policy', summary: 'Do more.', parent: 'AC-1', tags: ['oscal-id:ac-1.1'] },
      { ref: 'AC-2', kind: 'control', title: 'Withdrawn control', parent: 'ac', tags: ['withdrawn', 'oscal-id:ac-2'] },
      { ref: 'pm', kind: 'group', title: 'Program Management' },
      { ref: 'pm-x', kind: 'group', title: 'Sub-group', summary: 'About the program.', parent: 'pm' },
      { ref: 'top-1', kind: 'control', title: 'Top control' },
    ]);
  });

  it('reads titles as text: the Markdown of OSCAL markup-lines (emphasis, code, links) is taken off', () => {
    const marked = structuredClone(foreign) as typeof foreign;
    (marked.catalog.metadata as { title: string }).title = 'Example *Security* Controls';
    (marked.catalog.groups[0] as { title: string }).title = '**Access** Control, see [the guide](https://example.org)';
    const [result] = importOscalCatalog(JSON.stringify(marked), { file: 'marked.json', frameworkId: 'example-5.1' }).catalogs;
    expect(result!.framework.name).toBe('Example Security Controls');
    expect(result!.requirements[0]!.title).toBe('Access Control, see the guide');
    expect(markupLineText('H~2~O, x^2^, `eval`, an escaped \\*star\\*, A * B')).toBe('H2O, x2, eval, an escaped *star*, A * B');
  });

  it('round-trips an imported catalog: import → export → import gives the same catalog file', () => {
    const first = importOscalCatalog(JSON.stringify(foreign), { file: 'example.json', frameworkId: 'example-5.1' });
    const again = importOscalCatalog(exportOscalCatalog({ ...domainOf(first.catalogs[0]!), lastModified: LAST_MODIFIED }), { file: 'again.json' });
    expect(again.problems).toEqual([]);
    expect(again.catalogs).toEqual(first.catalogs);
  });

  it('round-trips summaries exactly: a backslash before punctuation, list markers and blank lines stay as written', () => {
    const written: CatalogFile = {
      framework: catalog.framework,
      requirements: [{ ref: 'P-1', kind: 'control', title: 'Paths', summary: 'Store it under C:\\data\\*.log or "\\\\share".\n\n\n* first\n+ second' }],
    };
    const again = importOscalCatalog(exportOscalCatalog({ ...domainOf(written), lastModified: LAST_MODIFIED }), { file: 'again.json' });
    expect(again.catalogs[0]!.requirements[0]!.summary).toBe(written.requirements[0]!.summary);
  });

  it('reads a withdrawn status in any case with where the control went, and exports it as OSCAL does', () => {
    const doc = structuredClone(foreign);
    const withdrawn = doc.catalog.groups[0]!.controls![1] as Record<string, unknown>;
    withdrawn.props = [{ name: 'label', value: 'AC-2' }, { name: 'status', value: 'Withdrawn' }]; // as in NIST's Rev. 4 XML
    withdrawn.links = [{ href: '#ac-1', rel: 'incorporated-into' }, { href: '#ac-1', rel: 'reference' }];
    const first = importOscalCatalog(JSON.stringify(doc), { file: 'rev4.json', frameworkId: 'example-5.1' });
    expect(first.problems).toEqual([]);
    expect(first.catalogs[0]!.requirements.find((r) => r.ref === 'AC-2')!.tags).toEqual(['withdrawn', 'oscal-id:ac-2', 'incorporated-into:AC-1']);

    const exported = JSON.parse(exportOscalCatalog({ ...domainOf(first.catalogs[0]!), lastModified: LAST_MODIFIED }));
    expect(validate(exported)).toEqual([]);
    const control = exported.catalog.groups[0].controls[1];
    expect(control.props).toContainEqual({ name: 'status', value: 'withdrawn' });
    expect(control.links).toEqual([{ href: '#ac-1', rel: 'incorporated-into' }]);
    expect(exported.catalog.groups[0].controls[0].props.some((p: { name: string }) => p.name === 'status')).toBe(false);
    const again = importOscalCatalog(JSON.stringify(exported), { file: 'again.json' });
    expect(again.catalogs).toEqual(first.catalogs);
  });

  it('reports malformed input as one located problem', () => {
    expect(importOscalCatalog('{\n  "catalog": {\n    "uuid": }\n}', { file: 'bad.json' }).problems).toEqual([
      { file: 'bad.json', line: 3, message: expect.stringMatching(/^not valid JSON: /), severity: 'error' },
    ]);
    expect(importOscalCatalog('{"mapping-collection": {}}', { file: 'm.json' }).problems).toEqual([
      { file: 'm.json', message: 'not an OSCAL catalog: expected a top-level "catalog" object (this file holds a "mapping-collection"); import it with --format oscal-mapping', severity: 'error' },
    ]);
    expect(importOscalCatalog('{"profile": {}}', { file: 'p.json' }).problems[0]!.message).toMatch(/this file holds a "profile"\); a profile only selects controls from a catalog: import its resolved catalog/);
    expect(importOscalCatalog('[]', { file: 'a.json' }).catalogs).toEqual([]);
  });

  it('reads the YAML edition of a catalog like the JSON one', () => {
    const json = importOscalCatalog(JSON.stringify(foreign), { file: 'c.json' });
    const yaml = importOscalCatalog(stringify(foreign), { file: 'c.yaml' });
    expect(yaml.problems).toEqual([]);
    expect(yaml.catalogs).toEqual(json.catalogs);
    expect(importOscalCatalog('catalog:\n  uuid: [oops\n', { file: 'bad.yaml' }).problems).toEqual([
      { file: 'bad.yaml', line: 3, message: expect.stringMatching(/^not valid JSON or YAML: /), severity: 'error' },
    ]);
  });

  it('reads the identifier from display labels and from id-like titles, and kinds from classes that are kind slugs', () => {
    const label = (value: string) => [{ name: 'label', value }];
    // Shaped like NIST's CSF 2.0 and SP 800-171 Rev. 3 catalogs.
    const doc = {
      catalog: {
        uuid: '0c9d8e7f-6a5b-4c3d-9e1f-2a3b4c5d6e7f',
        metadata: { title: 'Display labels', 'last-modified': '2024-01-01T00:00:00Z', version: '1', 'oscal-version': 'v1.1.3' }, // as NIST writes it
        groups: [
          {
            id: 'GV', class: 'function', title: 'GOVERN', props: label('GOVERN (GV)'),
            controls: [{ id: 'GV.OC', class: 'category', title: 'Organizational Context', props: label('Organizational Context (GV.OC)'), controls: [{ id: 'GV.OC-01', class: 'subcategory', title: 'GV.OC-01', props: label('GV.OC-01') }] }],
          },
          {
            id: 'SP_800_171_03.01', class: 'family', title: 'Access Control', props: label('Access Control (03.01)'),
            controls: [
              { id: 'SP_800_171_03.01.13', class: 'requirement', title: '03.01.13', props: [{ name: 'status', value: 'withdrawn' }], links: [{ href: '03.13.08', rel: 'addressed_by' }] },
              { id: 'SP_800_171_03.01.16', class: 'requirement', title: 'Wireless Access', props: label('Wireless Access (03.01.16)'), controls: [{ id: 'SP_800_171_SR-03.01.16', class: 'security_requirement', title: 'SR-03.01.16', props: label('SR-03.01.16') }] },
              // Not display labels or identifier titles: the label stays, the id is the ref.
              { id: 'x-2.1', title: 'Automated Management', props: label('X-2 (1)') },
              { id: 'x-13', title: '3' },
            ],
          },
        ],
      },
    };
    expect(validate(doc)).toEqual([]);
    const { catalogs, problems } = importOscalCatalog(JSON.stringify(doc), { file: 'labels.json', frameworkId: 'labels-1' });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs[0]!.requirements.map((r) => [r.ref, r.kind, r.parent])).toEqual([
      ['GV', 'function', undefined],
      ['GV.OC', 'category', 'GV'],
      ['GV.OC-01', 'subcategory', 'GV.OC'],
      ['03.01', 'family', undefined],
      ['03.01.13', 'requirement', '03.01'],
      ['03.01.16', 'requirement', '03.01'],
      ['SR-03.01.16', 'enhancement', '03.01.16'], // "security_requirement" is no kind slug
      ['X-2 (1)', 'control', '03.01'],
      ['x-13', 'control', '03.01'],
    ]);
    expect(catalogs[0]!.requirements.find((r) => r.ref === '03.01.13')!.tags).toEqual(['withdrawn', 'oscal-id:SP_800_171_03.01.13', 'addressed-by:03.13.08']);
    expect(problems.filter((p) => /OSCAL version/.test(p.message))).toEqual([]);
  });

  it('reads labels that number a node only within its parent with the parent\'s ref, when such labels repeat', () => {
    const label = (value: string) => [{ name: 'label', value }];
    // Practices with numbered subgroups, each numbered from 1 again, and controls labelled by nothing but their ids.
    const practice = (id: string, title: string) => ({
      id, title, props: label(id),
      groups: [1, 2].map((n) => ({ id: `${id}.${n}`, title: `${title} step ${n}`, props: label(String(n)), controls: [{ id: `${id}.${n}.1`, title: `First task of step ${n}` }] })),
    });
    const doc = {
      catalog: {
        uuid: '7d1c3a52-0b6e-4f3a-9c1d-5e2f8a7b6c40',
        metadata: { title: 'Numbered practices', 'last-modified': '2026-02-01T00:00:00Z', version: '2026-02-01T08:15:00.123+00:00', 'oscal-version': '1.1.3' },
        groups: [practice('PLAN', 'Planning'), practice('RUN', 'Running')],
      },
    };
    expect(validate(doc)).toEqual([]);
    const { catalogs, problems } = importOscalCatalog(JSON.stringify(doc), { file: 'practices.json' });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs[0]!.requirements.map((r) => [r.ref, r.parent])).toEqual([
      ['PLAN', undefined], ['PLAN.1', 'PLAN'], ['PLAN.1.1', 'PLAN.1'], ['PLAN.2', 'PLAN'], ['PLAN.2.1', 'PLAN.2'],
      ['RUN', undefined], ['RUN.1', 'RUN'], ['RUN.1.1', 'RUN.1'], ['RUN.2', 'RUN'], ['RUN.2.1', 'RUN.2'],
    ]);
    // A version that is a time stamp gives its date as the edition and in the framework id.
    expect(catalogs[0]!.framework).toMatchObject({ id: 'numbered-practices-2026-02-01', edition: '2026-02-01' });
    expect(warningsOf(problems).map((p) => [p.path, p.message])).toEqual([
      ['catalog.metadata.version', 'the version "2026-02-01T08:15:00.123+00:00" is a time stamp; the edition (and the framework id) use its date, 2026-02-01 (pass --edition to choose another)'],
      ['catalog.groups[0].groups[0]', '4 group(s) or control(s) have a label that numbers them only within their parent, and such labels repeat (e.g. "1" of "PLAN.1"); each is imported as its parent\'s ref, the separator of its id and its label (this is the first)'],
    ]);
    // Relative labels that name one node each stay as they are: the label is the identifier practitioners use.
    const single = structuredClone(doc);
    single.catalog.groups = [practice('PLAN', 'Planning')];
    single.catalog.groups[0]!.groups[1]!.props = label('3');
    const alone = importOscalCatalog(JSON.stringify(single), { file: 'one.json', edition: '1' });
    // The id is made with the edition given, not with the catalog's version.
    expect(alone.catalogs[0]!.framework).toMatchObject({ id: 'numbered-practices-1', edition: '1' });
    expect(alone.catalogs[0]!.requirements.map((r) => r.ref)).toEqual(['PLAN', '1', 'PLAN.1.1', '3', 'PLAN.2.1']);
    expect(warningsOf(alone.problems)).toEqual([]);
  });

  it('names the JSON path of a control without an id and of a repeated label, and checks the framework id', () => {
    const doc = structuredClone(foreign);
    delete (doc.catalog.groups[0]!.controls![1] as { id?: string }).id;
    doc.catalog.controls.push({ id: 'top-2', title: 'Same label', props: [{ name: 'label', value: 'AC-1' }] } as never);
    const { catalogs, problems } = importOscalCatalog(JSON.stringify(doc), { file: 'x.json' });
    expect(catalogs).toEqual([]);
    expect(errorsOf(problems)).toEqual([{ file: 'x.json', path: 'catalog.groups[0].controls[1].id', message: 'a control needs an id', severity: 'error' }]);
    expect(warningsOf(problems)).toEqual([
      { file: 'x.json', path: 'catalog.controls[1]', message: 'ref "AC-1" is used again (first at catalog.groups[0].controls[0]); this one is imported as "AC-1 (2)"', severity: 'warning' },
    ]);
    expect(importOscalCatalog(JSON.stringify(foreign), { file: 'x.json', frameworkId: 'Not A Slug' }).problems[0]!.message).toMatch(/^framework id "Not A Slug": /);
  });

  it('warns when the framework id it makes from a long title is long, and not when one is given', () => {
    const long = structuredClone(foreign);
    long.catalog.metadata.title = 'Example Agency Special Publication 12-34 Security And Privacy Controls MODERATE IMPACT BASELINE';
    const made = importOscalCatalog(JSON.stringify(long), { file: 'long.json' });
    expect(made.catalogs[0]!.framework.id).toBe('example-agency-special-publication-12-34-security-and-privacy-controls-moderate-impact-baseline-5.1');
    expect(warningsOf(made.problems)).toEqual([
      expect.objectContaining({ path: 'catalog.metadata.title', message: expect.stringMatching(/^the framework id "example-agency-.*-5\.1" was made from the title and edition \(99 characters, .*import again with --framework-id/) }),
    ]);
    expect(warningsOf(importOscalCatalog(JSON.stringify(long), { file: 'long.json', frameworkId: 'ea-sp-12-34-moderate-5.1' }).problems)).toEqual([]);
    // A short title makes a short id: nothing to say.
    expect(warningsOf(importOscalCatalog(JSON.stringify(foreign), { file: 'x.json' }).problems)).toEqual([]);
  });

  it('checks identity: a bad catalog uuid warns, a repeated id or a title that is not text is an error at its place', () => {
    const badUuid = structuredClone(foreign);
    badUuid.catalog.uuid = 'b954d3b7-XXXX-453b-8eb2-459e8d3b8462';
    const read = importOscalCatalog(JSON.stringify(badUuid), { file: 'u.json' });
    expect(warningsOf(read.problems)).toEqual([
      { file: 'u.json', path: 'catalog.uuid', message: expect.stringMatching(/^uuid "b954d3b7-XXXX-453b-8eb2-459e8d3b8462" is not valid: OSCAL requires an RFC 4122 version 4 or 5 UUID/), severity: 'warning' },
    ]);
    expect(read.catalogs[0]!.requirements).toHaveLength(7);

    const repeated = structuredClone(foreign);
    repeated.catalog.groups[1]!.id = 'ac'; // a group and a control share OSCAL's id space
    repeated.catalog.groups[0]!.controls![1]!.id = 'ac-1';
    const twice = importOscalCatalog(JSON.stringify(repeated), { file: 'd.json' });
    expect(twice.catalogs).toEqual([]);
    expect(errorsOf(twice.problems)).toEqual([
      { file: 'd.json', path: 'catalog.groups[0].controls[1].id', message: 'id "ac-1" is used again (first at catalog.groups[0].controls[0]); OSCAL ids are unique in a catalog: give one of them another id', severity: 'error' },
      { file: 'd.json', path: 'catalog.groups[1].id', message: 'id "ac" is used again (first at catalog.groups[0]); OSCAL ids are unique in a catalog: give one of them another id', severity: 'error' },
    ]);

    const caseOnly = structuredClone(foreign);
    caseOnly.catalog.groups[0]!.controls![1]!.id = 'AC-1';
    const cased = importOscalCatalog(JSON.stringify(caseOnly), { file: 'c.json' });
    expect(errorsOf(cased.problems)).toEqual([]);
    expect(warningsOf(cased.problems)).toContainEqual({
      file: 'c.json', path: 'catalog.groups[0].controls[1].id', severity: 'warning',
      message: 'id "AC-1" differs from "ac-1" (at catalog.groups[0].controls[0]) only in case: mapping files that name either are read as one of them; give one of them another id',
    });

    const numbered = structuredClone(foreign);
    (numbered.catalog.groups[0]!.controls![0] as { title: unknown }).title = 5;
    const untitled = importOscalCatalog(JSON.stringify(numbered), { file: 't.json' });
    expect(untitled.catalogs).toEqual([]);
    expect(errorsOf(untitled.problems)).toEqual([
      { file: 't.json', path: 'catalog.groups[0].controls[0].title', message: 'the title is 5, not text: write it as a string ("title": "…")', severity: 'error' },
    ]);
  });

  it('warns about an OSCAL version it does not know but still reads the catalog', () => {
    const doc = structuredClone(foreign);
    doc.catalog.metadata['oscal-version'] = '2.0.0';
    const { catalogs, problems } = importOscalCatalog(JSON.stringify(doc), { file: 'v2.json' });
    expect(warningsOf(problems).map((p) => p.path)).toEqual(['catalog.metadata.oscal-version']);
    expect(catalogs[0]!.requirements).toHaveLength(7);
  });
});
