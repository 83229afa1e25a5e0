import { describe, expect, it } from 'vitest';
import { importOscalCatalog } from '../../server/interop/oscalCatalog.js';
import { importOscalMapping } from '../../server/interop/oscalMapping.js';
import { parseOscalXml } from '../../server/interop/oscalXml.js';

/** One small catalog written twice, in OSCAL's XML and in its JSON (NIST's conversion rules), in our own words. */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="0e1b7c0e-6d0a-4c53-9d59-5d2f4f3c2b10">
  <metadata>
    <title>Demo <em>controls</em> catalog</title>
    <last-modified>2026-01-01T00:00:00Z</last-modified>
    <version>2.1</version>
    <oscal-version>1.1.2</oscal-version>
    <role id="creator"><title>Creator</title></role>
    <party uuid="7b0c2f5e-1c1d-4b3c-8a4f-2d6e9f0a1b2c" type="organization"><name>Demo Office</name></party>
    <responsible-party role-id="creator"><party-uuid>7b0c2f5e-1c1d-4b3c-8a4f-2d6e9f0a1b2c</party-uuid></responsible-party>
    <remarks><p>Written for tests.</p></remarks>
  </metadata>
  <group id="dm" class="family">
    <title>Demo family</title>
    <control id="dm-1" class="demo">
      <title>Review &amp; approval</title>
      <param id="dm-01_odp.01"><label>review period</label></param>
      <param id="dm-01_odp.02">
        <select how-many="one-or-more">
          <choice>a named person</choice>
          <choice>a board meeting every <insert type="param" id-ref="dm-01_odp.01"/></choice>
        </select>
      </param>
      <prop name="label" value="DM-1"/>
      <part id="dm-1_smt" name="statement">
        <part id="dm-1_smt.a" name="item">
          <prop name="label" value="a."/>
          <p>Approve changes by <insert type="param" id-ref="dm-01_odp.02"/>; and</p>
        </part>
        <part id="dm-1_smt.b" name="item">
          <prop name="label" value="b."/>
          <p>Keep a <a href="#dm-2">record</a> of each decision.</p>
        </part>
      </part>
      <part id="dm-1_gdn" name="guidance"><p>Guidance is not the summary.</p></part>
      <control id="dm-1.1" class="demo">
        <title>Second reviewer</title>
        <prop name="label" value="DM-1(1)"/>
        <part id="dm-1.1_smt" name="statement"><p>Ask a <strong>second</strong> reviewer.</p></part>
      </control>
    </control>
  </group>
</catalog>`;

const JSON_EDITION = {
  catalog: {
    uuid: '0e1b7c0e-6d0a-4c53-9d59-5d2f4f3c2b10',
    metadata: {
      title: 'Demo *controls* catalog', 'last-modified': '2026-01-01T00:00:00Z', version: '2.1', 'oscal-version': '1.1.2',
      roles: [{ id: 'creator', title: 'Creator' }],
      parties: [{ uuid: '7b0c2f5e-1c1d-4b3c-8a4f-2d6e9f0a1b2c', type: 'organization', name: 'Demo Office' }],
      'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': ['7b0c2f5e-1c1d-4b3c-8a4f-2d6e9f0a1b2c'] }],
      remarks: 'Written for tests.',
    },
    groups: [{
      id: 'dm', class: 'family', title: 'Demo family',
      controls: [{
        id: 'dm-1', class: 'demo', title: 'Review & approval',
        params: [
          { id: 'dm-01_odp.01', label: 'review period' },
          { id: 'dm-01_odp.02', select: { 'how-many': 'one-or-more', choice: ['a named person', 'a board meeting every {{ insert: param, dm-01_odp.01 }}'] } },
        ],
        props: [{ name: 'label', value: 'DM-1' }],
        parts: [
          { id: 'dm-1_smt', name: 'statement', parts: [
            { id: 'dm-1_smt.a', name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'Approve changes by {{ insert: param, dm-01_odp.02 }}; and' },
            { id: 'dm-1_smt.b', name: 'item', props: [{ name: 'label', value: 'b.' }], prose: 'Keep a [record](#dm-2) of each decision.' },
          ] },
          { id: 'dm-1_gdn', name: 'guidance', prose: 'Guidance is not the summary.' },
        ],
        controls: [{ id: 'dm-1.1', class: 'demo', title: 'Second reviewer', props: [{ name: 'label', value: 'DM-1(1)' }], parts: [{ id: 'dm-1.1_smt', name: 'statement', prose: 'Ask a **second** reviewer.' }] }],
      }],
    }],
  },
};

describe('OSCAL XML', () => {
  it('reads into the JSON edition of the same document', () => {
    expect(parseOscalXml(XML, 'c.xml')).toEqual({ data: JSON_EDITION, problems: [] });
  });

  it('imports a catalog from XML exactly as from JSON: labels, parameters (nested ones too), items, publisher', () => {
    const fromXml = importOscalCatalog(XML, { file: 'c.xml', today: '2026-01-02' });
    const fromJson = importOscalCatalog(JSON.stringify(JSON_EDITION), { file: 'c.xml', today: '2026-01-02' });
    expect(fromXml.problems).toEqual([]);
    expect(fromXml).toEqual(fromJson);
    const [catalog] = fromXml.catalogs;
    // The title's <em> is Markdown in the JSON edition, and a name is read as text in both.
    expect(catalog!.framework).toMatchObject({ name: 'Demo controls catalog', edition: '2.1', publisher: 'Demo Office' });
    expect(catalog!.requirements.find((r) => r.ref === 'DM-1')!.summary).toBe(
      'a. Approve changes by [Selection (one or more): a named person; a board meeting every [Assignment: review period]]; and\nb. Keep a [record](#dm-2) of each decision.',
    );
    // Classes that are kind slugs are the kinds.
    expect(catalog!.requirements.map((r) => [r.ref, r.kind, r.parent])).toEqual([['dm', 'family', undefined], ['DM-1', 'demo', 'dm'], ['DM-1(1)', 'demo', 'DM-1']]);
  });

  it('reads statements alike from both editions: Markdown escapes, list markers and blank lines of the JSON prose', () => {
    const metadata = '<metadata><title>Keys</title><last-modified>2026-01-01T00:00:00Z</last-modified><version>1</version><oscal-version>1.1.2</oscal-version></metadata>';
    const xml = `<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="0e1b7c0e-6d0a-4c53-9d59-5d2f4f3c2b11">${metadata}
      <control id="k-1"><title>Keys</title><part id="k-1_smt" name="statement"><p>Use "strong" keys, marked *, for:</p><ul><li>storage</li><li>transit</li></ul></part></control>
    </catalog>`;
    // The JSON a publisher's pipeline wrote for the same statement: escaped quotes and asterisk, "* " items, stray spaces.
    const json = {
      catalog: {
        uuid: '0e1b7c0e-6d0a-4c53-9d59-5d2f4f3c2b11',
        metadata: { title: 'Keys', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' },
        controls: [{ id: 'k-1', title: 'Keys', parts: [{ id: 'k-1_smt', name: 'statement', prose: 'Use \\"strong\\" keys, marked \\*, for: \n \n\n\n* storage\n* transit  ' }] }],
      },
    };
    const fromXml = importOscalCatalog(xml, { file: 'k.xml' });
    const fromJson = importOscalCatalog(JSON.stringify(json), { file: 'k.xml' });
    expect(fromXml.problems).toEqual([]);
    expect(fromJson).toEqual(fromXml);
    expect(fromJson.catalogs[0]!.requirements[0]!.summary).toBe('Use "strong" keys, marked *, for:\n\n- storage\n- transit');
  });

  it('imports a mapping collection from XML', () => {
    const xml = `<mapping-collection xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="1a2b3c4d-0000-4000-8000-000000000001">
      <metadata><title>Demo mapping</title><last-modified>2026-01-01T00:00:00Z</last-modified><version>1</version><oscal-version>1.2.1</oscal-version></metadata>
      <provenance><method>human</method><matching-rationale>semantic</matching-rationale><status>complete</status><mapping-description><p>Test.</p></mapping-description></provenance>
      <mapping uuid="1a2b3c4d-0000-4000-8000-000000000002">
        <source-resource type="catalog" href="a.json"/><target-resource type="catalog" href="b.json"/>
        <map uuid="1a2b3c4d-0000-4000-8000-000000000003"><relationship>subset-of</relationship><source type="control" id-ref="dm-1"/><target type="control" id-ref="b-1"/><remarks><p>Narrower.</p></remarks></map>
      </mapping>
    </mapping-collection>`;
    const { mappingFiles, problems } = importOscalMapping(xml, { file: 'm.xml', sourceFramework: 'fw-a', targetFramework: 'fw-b', resolveIdRef: (_f, id) => ({ 'dm-1': '1.1', 'b-1': 'B-1' })[id] });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(mappingFiles[0]!.mappings).toEqual([expect.objectContaining({ source: '1.1', target: 'B-1', relationship: 'subset-of', note: 'Narrower.' })]);
  });

  it('refuses a document type (entity expansion, external entities) before parsing anything', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<catalog uuid="x"><metadata><title>&e;</title></metadata></catalog>';
    expect(importOscalCatalog(xxe, { file: 'x.xml' }).problems).toEqual([
      { file: 'x.xml', line: 2, message: 'a DOCTYPE declaration is not accepted in OSCAL XML (OSCAL documents have none); remove it', severity: 'error' },
    ]);
  });

  it('names the line where the XML breaks', () => {
    expect(importOscalCatalog('<catalog uuid="x">\n  <metadata>\n    <title>Broken</metadata>\n</catalog>', { file: 'bad.xml' }).problems).toEqual([
      { file: 'bad.xml', line: 3, message: expect.stringMatching(/^not valid XML: /), severity: 'error' },
    ]);
  });
});
