import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oscalValidator } from '../interop/helpers.js';
import { evidenceStoreOf } from '../../server/services/analysis.js';
import { startTestServer, TOKENS } from './testServer.js';
import { demoCprtExport as cprt } from '../fixtures/cprtDemo.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-import-'));
  server = await startTestServer({ dataDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const upload = (query: string, body: string, token: string | null = TOKENS.analyst) =>
  fetch(`${server.url}/api/import?${query}`, { method: 'POST', headers: { 'content-type': 'text/plain', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
const download = (query: string) => fetch(`${server.url}/api/export?${query}`);

describe('exports over HTTP', () => {
  it('downloads a crosswalk as CSV with its file name and content type', async () => {
    const res = await download('format=csv&from=iso42001-2023&to=iso27001-2022');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="iso42001-2023__iso27001-2022.csv"');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note/);
    expect(lines.length - 1).toBe((await server.store.findMappings({ frameworks: ['iso42001-2023', 'iso27001-2022'] })).length);
  });

  it('writes a crosswalk from --from to --to, turning round the mappings stored the other way (subset-of reads superset-of)', async () => {
    const rows = async (from: string, to: string) => (await (await download(`format=csv&from=${from}&to=${to}`)).text()).trim().split('\n').slice(1).map((line) => line.split(','));
    const [stored, reversed] = [await rows('iso42001-2023', 'iso9001-2015'), await rows('iso9001-2015', 'iso42001-2023')];
    expect(reversed.length).toBe(stored.length);
    expect(new Set(reversed.map((r) => `${r[0]}→${r[2]}`))).toEqual(new Set(['iso9001-2015→iso42001-2023']));
    const subset = stored.find((r) => r[4] === 'subset-of')!;
    expect(reversed.find((r) => r[1] === subset[3] && r[3] === subset[1])?.[4]).toBe('superset-of');
    const refs = reversed.map((r) => r[1]);
    expect(refs.indexOf('4.1')).toBeLessThan(refs.indexOf('10.2'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await download('format=xlsx&from=iso9001-2015&to=iso42001-2023')).arrayBuffer()) as never);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('iso9001-2015');
  });

  it('downloads an XLSX workbook that opens with every row', async () => {
    const res = await download('format=xlsx&from=nist-ai-rmf-1.0&to=iso42001-2023');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const expected = (await server.store.findMappings({ frameworks: ['nist-ai-rmf-1.0', 'iso42001-2023'] })).length;
    expect(workbook.worksheets[0]!.actualRowCount - 1).toBe(expected);
  });

  it('downloads OSCAL catalogs and mapping collections that validate against NIST\'s schemas', async () => {
    const catalog = await (await download('format=oscal-catalog&framework=iso42001-2023')).json();
    expect(oscalValidator('catalog')(catalog)).toEqual([]);
    const mapping = await (await download('format=oscal-mapping&from=iso42001-2023&to=eu-ai-act-2024-1689')).json();
    expect(oscalValidator('mapping')(mapping)).toEqual([]);
  });

  it('downloads the OLIR template CSV and refuses unknown formats and frameworks', async () => {
    const olir = await (await download('format=olir-csv&from=nist-ai-rmf-1.0&to=iso42001-2023')).text();
    expect(olir.split('\n')[0]).toMatch(/^Focal Document Element/);
    expect((await download('format=pdf&from=a&to=b')).status).toBe(400);
    const unknown = await download('format=csv&from=iso42001-2023&to=nope-1');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/unknown framework "nope-1"/);
    const half = await download('format=csv&from=iso42001-2023');
    expect(half.status).toBe(400);
    expect((await half.json()).error.message).toBe('this export needs a framework id in "to" (--to)');
  });
});

describe('imports over HTTP', () => {
  const catalogCsv = 'ref_id,title,description,parent_ref_id,kind\nACME,ACME controls,,,domain\nACME-1,Model inventory,Keep a list of models,ACME,control\nACME-2,Model testing,,ACME,control\n';

  it('refuses uploads without a token or with the viewer role', async () => {
    expect((await upload('format=csv&frameworkId=acme-1&name=ACME&edition=1', catalogCsv, null)).status).toBe(401);
    expect((await upload('format=csv&frameworkId=acme-1&name=ACME&edition=1', catalogCsv, TOKENS.viewer)).status).toBe(403);
  });

  it('imports a catalog, then a crosswalk onto it, and serves both at once', async () => {
    const catalog = await upload('format=csv&frameworkId=acme-1&name=ACME&edition=1&filename=acme.csv', catalogCsv);
    expect(catalog.status).toBe(200);
    expect((await catalog.json()).load.requirements.added).toBe(3);
    const crosswalk = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note\nacme-1,ACME-1,iso42001-2023,A.4.2,intersects-with,semantic,5,Inventory of resources\nacme-1,ACME-2,iso42001-2023,A.6.2.4,subset-of,functional,7,\n';
    const res = await upload('format=csv-crosswalk&filename=acme-map.csv', crosswalk);
    expect(res.status).toBe(200);
    const imported = await server.store.findMappings({ frameworks: ['acme-1', 'iso42001-2023'] });
    expect(imported.map((m) => [m.source, m.target, m.relationship, m.status, m.origin])).toEqual([
      ['acme-1:ACME-1', 'iso42001-2023:A.4.2', 'intersects-with', 'proposed', 'import'],
      ['acme-1:ACME-2', 'iso42001-2023:A.6.2.4', 'subset-of', 'proposed', 'import'],
    ]);
  });

  it('keeps a second crosswalk that restates a pair as a further source of the mapping, served with whether it agrees', async () => {
    const second = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,provenance_source,provenance_author\nacme-1,ACME-1,iso42001-2023,A.4.2,subset-of,semantic,6,Vendor crosswalk,vendor\niso42001-2023,A.6.2.4,acme-1,ACME-2,superset-of,functional,7,Vendor crosswalk,vendor\n';
    const res = await upload('format=csv-crosswalk&filename=vendor-map.csv', second);
    expect(res.status).toBe(200);
    const { body } = await server.gql(`{ a: mapping(id: "acme-1:ACME-1 -> iso42001-2023:A.4.2") { relationship alsoStatedBy { relationship strength agrees provenance { source author } } }
      b: mapping(id: "acme-1:ACME-2 -> iso42001-2023:A.6.2.4") { alsoStatedBy { relationship agrees } } }`);
    expect(body.data.a).toEqual({ relationship: 'intersects_with', alsoStatedBy: [{ relationship: 'subset_of', strength: 6, agrees: false, provenance: { source: 'Vendor crosswalk', author: 'vendor' } }] });
    // Stated the other way round: 42001 A.6.2.4 superset-of ACME-2 is ACME-2 subset-of A.6.2.4, as the mapping says.
    expect(body.data.b).toEqual({ alsoStatedBy: [{ relationship: 'subset_of', agrees: true }] });
    const rest = await (await fetch(`${server.url}/api/mappings/${encodeURIComponent('acme-1:ACME-1 -> iso42001-2023:A.4.2')}`)).json();
    expect(rest.alsoStatedBy).toEqual([{ relationship: 'subset-of', strength: 6, provenance: expect.objectContaining({ source: 'Vendor crosswalk' }) }]);
    // Only the one the vendor reads otherwise is disputed.
    const disputed = await server.gql(`{ mappings(filter: { frameworks: ["acme-1", "iso42001-2023"], disputed: true }) { id } mappingCount(filter: { disputed: true, frameworks: ["acme-1", "iso42001-2023"] }) }`);
    expect(disputed.body.data).toEqual({ mappings: [{ id: 'acme-1:ACME-1 -> iso42001-2023:A.4.2' }], mappingCount: 1 });
    const listed = await fetch(`${server.url}/api/mappings?from=acme-1&to=iso42001-2023&disputed=true`);
    expect([listed.headers.get('x-total-count'), (await listed.json()).map((m: { id: string }) => m.id)]).toEqual(['1', ['acme-1:ACME-1 -> iso42001-2023:A.4.2']]);
  });

  it('round-trips a crosswalk: export → import elsewhere → export gives the same file', async () => {
    const exported = await (await download('format=csv&from=acme-1&to=iso42001-2023')).text();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-roundtrip-'));
    const other = await startTestServer({ dataDir: otherDir });
    try {
      const headers = { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` };
      expect((await fetch(`${other.url}/api/import?format=csv&frameworkId=acme-1&name=ACME&edition=1`, { method: 'POST', headers, body: catalogCsv })).status).toBe(200);
      expect((await fetch(`${other.url}/api/import?format=csv-crosswalk&filename=roundtrip.csv`, { method: 'POST', headers, body: exported })).status).toBe(200);
      expect(await (await fetch(`${other.url}/api/export?format=csv&from=acme-1&to=iso42001-2023`)).text()).toBe(exported);
    } finally {
      await other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('round-trips a crosswalk through its XLSX export: the workbook uploads as csv-crosswalk', async () => {
    const csv = await (await download('format=csv&from=acme-1&to=iso42001-2023')).text();
    const workbook = Buffer.from(await (await download('format=xlsx&from=acme-1&to=iso42001-2023')).arrayBuffer());
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-xlsx-'));
    const other = await startTestServer({ dataDir: otherDir });
    try {
      const auth = { authorization: `Bearer ${TOKENS.analyst}` };
      expect((await fetch(`${other.url}/api/import?format=csv&frameworkId=acme-1&name=ACME&edition=1`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: catalogCsv })).status).toBe(200);
      const res = await fetch(`${other.url}/api/import?format=csv-crosswalk&filename=roundtrip.xlsx`, { method: 'POST', headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: workbook });
      expect(res.status).toBe(200);
      expect((await res.json()).warnings).toContain('roundtrip.xlsx: read sheet "Crosswalk" of the workbook');
      expect(await (await fetch(`${other.url}/api/export?format=csv&from=acme-1&to=iso42001-2023`)).text()).toBe(csv);
      // The "Further sources" sheet comes back too.
      const id = 'acme-1:ACME-1 -> iso42001-2023:A.4.2';
      expect((await other.store.getMapping(id))!.alsoStatedBy).toEqual((await server.store.getMapping(id))!.alsoStatedBy);
      expect((await other.store.getMapping(id))!.alsoStatedBy).toHaveLength(1);
      const refused = await fetch(`${other.url}/api/import?format=oscal&filename=catalog.xlsx`, { method: 'POST', headers: auth, body: workbook });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.message).toMatch(/catalog\.xlsx is an XLSX workbook; workbooks are read by --format csv, csv-crosswalk, olir and ciso-assistant/);
    } finally {
      await other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed file with located problems and leaves the store unchanged', async () => {
    const before = await server.store.findMappings({ limit: 100_000 });
    const frameworks = await server.store.listFrameworks();
    const bad = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note\nacme-1,ACME-1,iso42001-2023,A.99,intersects-with,semantic,5,\nacme-1,ACME-2,iso42001-2023,A.6.2.5,equivalnt,semantic,5,\n';
    const res = await upload('format=csv-crosswalk&filename=bad.csv', bad);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.problems.join('\n')).toMatch(/bad\.csv:3: .*invalid relationship: "equivalnt"/);
    expect(await server.store.findMappings({ limit: 100_000 })).toEqual(before);
    expect(await server.store.listFrameworks()).toEqual(frameworks);

    const dangling = await upload('format=csv-crosswalk&filename=dangling.csv', 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note\nacme-1,ACME-1,iso42001-2023,A.99,intersects-with,semantic,5,\n');
    expect(dangling.status).toBe(422);
    expect((await dangling.json()).error.problems.join('\n')).toMatch(/^dangling\.csv:2: row 2: target_ref: "A\.99" is not a requirement of iso42001-2023/m);
    expect(await server.store.findMappings({ limit: 100_000 })).toEqual(before);
  });

  it('refuses an upload over the size limit', async () => {
    const res = await upload('format=csv-crosswalk', 'x'.repeat(11 * 1024 * 1024));
    expect(res.status).toBe(413);
  });

  it('imports an OSCAL catalog exported by Crosswalk under a new id', async () => {
    const oscal = await (await download('format=oscal-catalog&framework=nist-ai-600-1')).text();
    const res = await upload('format=oscal&frameworkId=gai-copy-1&filename=600-1.json', oscal);
    expect(res.status).toBe(200);
    const copied = await server.store.listRequirements({ frameworkId: 'gai-copy-1' });
    const original = await server.store.listRequirements({ frameworkId: 'nist-ai-600-1' });
    expect(copied.map((r) => [r.ref, r.title, r.kind, r.summary])).toEqual(original.map((r) => [r.ref, r.title, r.kind, r.summary]));
  });
});

describe('more import formats over HTTP', () => {
  it('imports a CISO Assistant library: framework and a mapping set onto shipped 27001 URNs; dangling URNs are reported', async () => {
    const library = [
      'urn: urn:demo:risk:library:demo-ai-1',
      'ref_id: demo-ai-1',
      'name: Demo AI policy',
      'version: 1',
      'provider: Demo',
      'packager: demo',
      'objects:',
      '  framework:',
      '    urn: urn:demo:risk:framework:demo-ai-1',
      '    ref_id: demo-ai-1',
      '    name: Demo AI policy',
      '    requirement_nodes:',
      '      - { urn: "urn:demo:risk:req_node:demo-ai-1:p", assessable: false, depth: 1, ref_id: P, name: Policies }',
      '      - { urn: "urn:demo:risk:req_node:demo-ai-1:p-1", assessable: true, depth: 2, parent_urn: "urn:demo:risk:req_node:demo-ai-1:p", ref_id: P-1, name: AI policy, description: Keep an AI policy. }',
      '  requirement_mapping_set:',
      '    urn: urn:demo:risk:req_mapping_set:demo-ai-1-to-iso27001-2022',
      '    source_framework_urn: urn:demo:risk:framework:demo-ai-1',
      '    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022',
      '    requirement_mappings:',
      '      - { source_requirement_urn: "urn:demo:risk:req_node:demo-ai-1:p-1", target_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:a.5.1", relationship: intersect, rationale: semantic, strength_of_relationship: 6 }',
      '      - { source_requirement_urn: "urn:demo:risk:req_node:demo-ai-1:p-1", target_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:a.99.9", relationship: equal }',
    ].join('\n');
    const res = await upload('format=ciso-assistant&filename=demo-ai.yaml', library);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.warnings.join('\n')).toMatch(/a\.99\.9" resolves to no requirement/);
    const mappings = await server.store.findMappings({ frameworks: ['demo-ai-1', 'iso27001-2022'] });
    expect(mappings.map((m) => [m.source, m.target, m.relationship, m.strength, m.status])).toEqual([['demo-ai-1:P-1', 'iso27001-2022:A.5.1', 'intersects-with', 6, 'proposed']]);
  });

  it('imports a CISO Assistant library workbook, and refuses a broken one naming its sheet and row', async () => {
    const book = async (content: ExcelJS.CellValue[][]) => {
      const workbook = new ExcelJS.Workbook();
      const sheets: Record<string, ExcelJS.CellValue[][]> = {
        library_meta: [['type', 'library'], ['urn', 'urn:demo:risk:library:demo-wb-1'], ['name', 'Demo workbook policy'], ['version', 1], ['provider', 'Demo']],
        fw_meta: [['type', 'framework'], ['urn', 'urn:demo:risk:framework:demo-wb-1'], ['ref_id', 'demo-wb-1'], ['name', 'Demo workbook policy'], ['base_urn', 'urn:demo:risk:req_node:demo-wb-1']],
        fw_content: content,
        map_meta: [
          ['type', 'requirement_mapping_set'],
          ['source_node_base_urn', 'urn:demo:risk:req_node:demo-wb-1'],
          ['target_node_base_urn', 'urn:intuitem:risk:req_node:iso27001-2022'],
        ],
        map_content: [['source_node_id', 'target_node_id', 'relationship', 'strength_of_relationship'], ['w-1', 'a.5.1', 'intersect', 7]],
      };
      for (const [name, rows] of Object.entries(sheets)) rows.forEach((row, i) => (workbook.getWorksheet(name) ?? workbook.addWorksheet(name)).getRow(i + 1).values = row);
      return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
    };
    const post = (filename: string, body: Uint8Array<ArrayBuffer>) =>
      fetch(`${server.url}/api/import?format=ciso-assistant&filename=${filename}&edition=1`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.analyst}` }, body });

    const before = (await server.store.findMappings({})).length;
    const broken = await post('broken.xlsx', await book([['assessable', 'depth', 'ref_id', 'name'], [null, 1, 'W', 'Workbook'], ['x', 3, 'W-1', 'Too deep']]));
    expect(broken.status).toBe(422);
    expect(JSON.stringify(await broken.json())).toContain('broken.xlsx (sheet \\"fw_content\\"):3: depth: depth 3 follows depth 1');
    expect(await server.store.listRequirements({ frameworkId: 'demo-wb-1' })).toEqual([]);
    expect((await server.store.findMappings({})).length).toBe(before);

    const good = await book([['assessable', 'depth', 'ref_id', 'name'], [null, 1, 'W', 'Workbook'], ['x', 2, 'W-1', 'Keep a policy']]);
    // As a catalog table its fw_content sheet would fit, but lose the hierarchy and URNs: the right format is named.
    const asTable = await fetch(`${server.url}/api/import?format=csv&filename=demo-wb.xlsx&frameworkId=demo-wb-t&name=T&edition=1`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.analyst}` }, body: good });
    expect(asTable.status).toBe(400);
    expect((await asTable.json()).error.message).toMatch(/demo-wb\.xlsx is a CISO Assistant library workbook \(sheets "library_meta", "fw_meta", .*\); import it with --format ciso-assistant/);
    const res = await post('demo-wb.xlsx', good);
    expect(res.status).toBe(200);
    expect((await server.store.listRequirements({ frameworkId: 'demo-wb-1' })).map((r) => [r.ref, r.parentId])).toEqual([['W', undefined], ['W-1', 'demo-wb-1:W']]);
    const mappings = await server.store.findMappings({ frameworks: ['demo-wb-1', 'iso27001-2022'] });
    expect(mappings.map((m) => [m.source, m.target, m.relationship, m.strength, m.status])).toEqual([['demo-wb-1:W-1', 'iso27001-2022:A.5.1', 'intersects-with', 7, 'proposed']]);
  });

  it('refuses a mapping library whose framework is not loaded, saying which one to import first', async () => {
    const before = (await server.store.findMappings({})).length;
    const mappingOnly = [
      'urn: urn:demo:risk:library:unloaded-to-iso27001',
      'name: Unloaded to 27001',
      'objects:',
      '  requirement_mapping_set:',
      '    urn: urn:demo:risk:req_mapping_set:unloaded-to-iso27001-2022',
      '    source_framework_urn: urn:demo:risk:framework:unloaded-9',
      '    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022',
      '    requirement_mappings:',
      '      - { source_requirement_urn: "urn:demo:risk:req_node:unloaded-9:a-1", target_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:a.5.1", relationship: equal }',
      '      - { source_requirement_urn: "urn:demo:risk:req_node:unloaded-9:a-2", target_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:a.5.2", relationship: intersect }',
    ].join('\n');
    const res = await upload('format=ciso-assistant&filename=unloaded.yaml', mappingOnly);
    expect(res.status).toBe(400);
    const message = JSON.stringify(await res.json());
    expect(message).toMatch(/unloaded\.yaml holds no catalog and no mappings that could be imported/);
    expect(message).toMatch(/2 requirement URN\(s\) under \\"urn:demo:risk:req_node:unloaded-9:\\" resolve to no requirement .*import its CISO Assistant library first/);
    expect((await server.store.findMappings({})).length).toBe(before);
  });

  it('refuses CISO Assistant\'s own library of a loaded standard, which would load it twice, unless given an id of its own', async () => {
    const copy = [
      'urn: urn:intuitem:risk:library:iso27001-2022',
      'ref_id: ISO-IEC-27001-2022',
      'name: ISO/IEC 27001:2022',
      'version: 4',
      'provider: ISO/IEC',
      'objects:',
      '  framework:',
      '    urn: urn:intuitem:risk:framework:iso27001-2022',
      '    ref_id: ISO/IEC 27001:2022',
      '    name: International standard ISO/IEC 27001:2022',
      '    requirement_nodes:',
      '      - { urn: "urn:intuitem:risk:req_node:iso27001-2022:a.5.1", assessable: true, depth: 1, ref_id: A.5.1, name: Policies for information security }',
    ].join('\n');
    const before = await server.store.listFrameworks();
    const refused = await upload('format=ciso-assistant&filename=iso27001-2022.yaml', copy);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.problems.join('\n')).toMatch(/iso27001-2022\.yaml:8: objects\.framework\.urn: this library is CISO Assistant's "iso27001-2022", which is already loaded as iso27001-2022 \(ISO\/IEC 27001, edition 2022\).*pass --framework-id/);
    expect(await server.store.listFrameworks()).toEqual(before);
    const own = await upload('format=ciso-assistant&filename=iso27001-2022.yaml&frameworkId=ciso-27001-copy&edition=2022', copy);
    expect(own.status).toBe(200);
    expect((await server.store.listRequirements({ frameworkId: 'ciso-27001-copy' })).map((r) => r.ref)).toEqual(['A.5.1']);
  });

  it('explains the refusal the same way when the library\'s ref_id names the shipped catalog too, and still renews its own earlier import', async () => {
    const library = (id: string) => [
      `urn: urn:intuitem:risk:library:${id}`,
      `ref_id: ${id.toUpperCase()}`,
      'name: A risk framework',
      'version: 2',
      'objects:',
      '  framework:',
      `    urn: urn:intuitem:risk:framework:${id}`,
      `    ref_id: ${id.toUpperCase()}`,
      '    name: A risk framework',
      '    requirement_nodes:',
      `      - { urn: "urn:intuitem:risk:req_node:${id}:govern", assessable: false, depth: 1, ref_id: GOVERN, name: Govern }`,
    ].join('\n');
    const refused = await upload('format=ciso-assistant&filename=nist-ai-rmf.yaml&edition=1.0', library('nist-ai-rmf-1.0'));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.problems.join('\n')).toMatch(/objects\.framework\.urn: this library is CISO Assistant's "nist-ai-rmf-1\.0", which is already loaded as nist-ai-rmf-1\.0 \(.*\).*pass --framework-id/);

    expect((await upload('format=ciso-assistant&filename=own-rmf.yaml&edition=1', library('own-rmf-1'))).status).toBe(200);
    const renewed = await upload('format=ciso-assistant&filename=own-rmf.yaml&edition=2&replace=true', library('own-rmf-1'));
    expect(renewed.status).toBe(200);
    expect((await server.store.listFrameworks()).find((f) => f.id === 'own-rmf-1')?.edition).toBe('2');
  });

  it('refuses a crosswalk that states a pair two ways, pointing at skipConflicts, which imports the rest and leaves the pair out', async () => {
    const header = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength\n';
    const rows = 'iso9001-2015,7.2,nist-ai-600-1,2.2,intersects-with,semantic,3\niso9001-2015,7.3,nist-ai-600-1,2.3,subset-of,semantic,5\nnist-ai-600-1,2.3,iso9001-2015,7.3,subset-of,semantic,5\n';
    const pairs = async () => (await server.store.findMappings({ frameworks: ['iso9001-2015', 'nist-ai-600-1'] })).map((m) => `${m.source} ${m.relationship} ${m.target}`);
    const before = await pairs();
    const refused = await upload('format=csv-crosswalk&filename=two-ways.csv', header + rows);
    expect(refused.status).toBe(422);
    const problems: string[] = (await refused.json()).error.problems;
    expect(problems).toEqual([
      'two-ways.csv:4: nist-ai-600-1:2.3 subset-of iso9001-2015:7.3 contradicts line 3, which states iso9001-2015:7.3 subset-of nist-ai-600-1:2.3',
      expect.stringMatching(/^two-ways\.csv: 1 statement\(s\) contradict .*\(--skip-conflicts; skipConflicts=true in the API; "Import the rest" on the explorer's import page\)$/),
    ]);
    expect(await pairs()).toEqual(before);

    const skipped = await upload('format=csv-crosswalk&filename=two-ways.csv&skipConflicts=true', header + rows);
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).warnings).toContain('two-ways.csv:4: nist-ai-600-1:2.3 subset-of iso9001-2015:7.3 contradicts line 3, which states iso9001-2015:7.3 subset-of nist-ai-600-1:2.3: pair left out');
    expect(before).toEqual([]);
    expect(await pairs()).toEqual(['iso9001-2015:7.2 intersects-with nist-ai-600-1:2.2']);
  });

  it('imports a NIST CPRT export as a catalog', async () => {
    const unknownType = await upload('format=cprt&frameworkId=demo-cprt-1.0&filename=cprt.json&elementTypes=control', cprt);
    expect(unknownType.status).toBe(422);
    expect((await unknownType.json()).error.problems).toEqual(['cprt.json: response.elements.elements: no element has the type "control" (the export\'s types: function, subcategory)']);
    expect(await server.store.listRequirements({ frameworkId: 'demo-cprt-1.0' })).toEqual([]);

    expect((await upload('format=cprt&frameworkId=demo-cprt-1.0&filename=cprt.json&elementTypes=Subcategory', cprt)).status).toBe(200);
    expect((await server.store.listRequirements({ frameworkId: 'demo-cprt-1.0' })).map((r) => [r.ref, r.parentId])).toEqual([['GV.1', undefined]]);
    expect((await upload('format=cprt&frameworkId=demo-cprt-1.0&filename=cprt.json&replace=true', cprt)).status).toBe(200);
    expect((await server.store.listRequirements({ frameworkId: 'demo-cprt-1.0' })).map((r) => [r.ref, r.parentId])).toEqual([['GV', undefined], ['GV.1', 'demo-cprt-1.0:GV']]);
  });

  it('refuses hostile files with a located problem and keeps the service and the store as they were', async () => {
    const before = { frameworks: (await server.store.listFrameworks()).length, mappings: (await server.store.findMappings({})).length };
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`), 'objects: [*g,*g,*g,*g,*g,*g,*g,*g,*g]'].join('\n');
    const yaml = await upload('format=ciso-assistant&filename=bomb.yaml', bomb);
    expect(yaml.status).toBe(422);
    expect((await yaml.json()).error.problems).toEqual(['bomb.yaml:1: YAML not read: Excessive alias count indicates a resource exhaustion attack']);
    const xxe = await upload('format=oscal&filename=xxe.xml', '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<catalog uuid="x"><metadata><title>&e;</title></metadata></catalog>');
    expect(xxe.status).toBe(422);
    expect(JSON.stringify(await xxe.json())).toContain('xxe.xml:2: a DOCTYPE declaration is not accepted in OSCAL XML');
    expect({ frameworks: (await server.store.listFrameworks()).length, mappings: (await server.store.findMappings({})).length }).toEqual(before);
    expect((await download('format=csv&from=iso42001-2023&to=iso27001-2022')).status).toBe(200);
  });

  it('resolves a third-party mapping collection by OSCAL control id, and imports an OLIR table and another tool\'s two-column table', async () => {
    const catalog = { catalog: { uuid: '0f0e0d0c-0b0a-4909-8807-060504030201', metadata: { title: 'NIST-style test catalog', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' },
      groups: [{ id: 'nt', class: 'family', title: 'Test family', controls: [
        { id: 'nt-1', class: 'SP800-53', title: 'Test policy', props: [{ name: 'label', value: 'NT-1' }],
          controls: [{ id: 'nt-1.1', class: 'SP800-53-enhancement', title: 'Test review', props: [{ name: 'label', value: 'NT-1(1)' }] }] },
      ] }] } };
    expect((await upload('format=oscal&frameworkId=nist-style-1&filename=catalog.json', JSON.stringify(catalog))).status).toBe(200);
    const collection = { 'mapping-collection': { uuid: '1f1e1d1c-1b1a-4919-8817-161514131211', metadata: { title: 'Test collection', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete', 'mapping-description': 'Test.' },
      mappings: [{ uuid: '2f2e2d2c-2b2a-4929-8827-262524232221', 'source-resource': { type: 'catalog', href: 'catalog.json' }, 'target-resource': { type: 'catalog', href: 'x.json' },
        maps: [{ uuid: '3f3e3d3c-3b3a-4939-8837-363534333231', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'nt-1.1' }], targets: [{ type: 'control', 'id-ref': 'A.2.4' }] }] }] } };
    const mapped = await upload('format=oscal-mapping&from=nist-style-1&to=iso42001-2023&filename=collection.json', JSON.stringify(collection));
    expect(mapped.status).toBe(200);
    expect(await server.store.getMapping('nist-style-1:NT-1(1) -> iso42001-2023:A.2.4')).toMatchObject({ relationship: 'intersects-with', status: 'proposed' });

    // OLIR: "the reference element A.2.2 is a subset of the focal element NT-1", stored from the focal element.
    const olir = 'Focal Document Element,Rationale,Relationship,Reference Document Element,Strength of Relationship\nNT-1,Semantic,subset of,A.2.2,6\n';
    const imported = await upload('format=olir&from=nist-style-1&to=iso42001-2023&filename=strm.csv', olir);
    expect(imported.status).toBe(200);
    expect(await server.store.getMapping('nist-style-1:NT-1 -> iso42001-2023:A.2.2')).toMatchObject({ relationship: 'superset-of', strength: 6 });
    const refused = await upload('format=olir&from=nist-style-1&filename=strm.csv', olir);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('import of format olir needs from (--from), the focal document');

    // A two-column table from another tool: the frameworks come from the query, a ref with its title is resolved.
    const table = 'Source ID;Target ID;Relationship\nNT-1(1) Test review;A.6.2.4;intersects with\n';
    expect((await upload('format=csv-crosswalk&from=nist-style-1&to=iso42001-2023&filename=tool.csv', table)).status).toBe(200);
    expect(await server.store.getMapping('nist-style-1:NT-1(1) -> iso42001-2023:A.6.2.4')).toMatchObject({ relationship: 'intersects-with', status: 'proposed' });
  });

  it('round-trips an OSCAL mapping collection and the JSON bundle of everything into a fresh instance', async () => {
    const before = (await server.store.getMapping('acme-1:ACME-1 -> iso42001-2023:A.4.2'))!;
    await server.gql(`mutation { reviewMapping(id: "acme-1:ACME-1 -> iso42001-2023:A.4.2", review: { status: proposed, strength: 2 }) { status } }`, {}, TOKENS.admin);
    await server.gql(`mutation { reviewMapping(id: "acme-1:ACME-1 -> iso42001-2023:A.4.2", review: { status: approved, note: "checked" }) { status } }`, {}, TOKENS.admin);
    const oscal = await (await download('format=oscal-mapping&from=acme-1&to=iso42001-2023')).text();
    const bundle = await (await download('format=json')).text();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-bundle-'));
    const other = await startTestServer({ dataDir: otherDir });
    const headers = { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` };
    try {
      const imported = await fetch(`${other.url}/api/import?format=json&filename=bundle.json`, { method: 'POST', headers, body: bundle });
      expect(imported.status, await imported.clone().text()).toBe(200);
      const mine = await other.store.getMapping('acme-1:ACME-1 -> iso42001-2023:A.4.2');
      expect(mine).toMatchObject({ status: 'approved', reviewNote: 'checked', strength: 2, provenance: { reviewer: 'alice' } });
      // The history comes along with what each correction replaced, as it was recorded.
      expect((await other.store.reviewHistory(mine!.id)).map((r) => [r.status, r.edits, r.replaced])).toEqual([
        ['proposed', { strength: 2 }, { strength: before.strength }],
        ['approved', undefined, undefined],
      ]);
      expect(before.strength).not.toBe(2);
      expect(mine!.alsoStatedBy).toEqual((await server.store.getMapping('acme-1:ACME-1 -> iso42001-2023:A.4.2'))!.alsoStatedBy);
      expect(mine!.alsoStatedBy).toHaveLength(1);
      expect((await other.store.listFrameworks()).map((f) => f.id)).toEqual((await server.store.listFrameworks()).map((f) => f.id));
      const again = await (await fetch(`${other.url}/api/export?format=oscal-mapping&from=acme-1&to=iso42001-2023`)).json();
      const first = JSON.parse(oscal);
      expect(again['mapping-collection'].mappings).toEqual(first['mapping-collection'].mappings);
    } finally {
      await other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('evidence register upload', () => {
  const evidence = () => evidenceStoreOf(server.store);
  const register = (rows: string[]) => ['id,title,type,owner,location_uri,collected,expires,scope,description,requirements,org_controls,link_note', ...rows].join('\n');
  const send = (body: string, token: string | null = TOKENS.analyst, filename = 'register.csv') =>
    fetch(`${server.url}/api/evidence/import?filename=${filename}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });

  it('imports a register into the store and says what it added; a second upload replaces the items it names', async () => {
    const first = await send(register(['EV-API-1,AI policy v2,policy,AI office,https://wiki.example.org/ai-policy,2026-03-01,,,,iso42001-2023:5.2;iso42001-2023:A.2.2,,approved by the board']));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ added: 1, updated: 0, links: 2, warnings: [] });
    expect((await evidence().getEvidence('EV-API-1'))?.title).toBe('AI policy v2');
    const again = await send(register(['EV-API-1,AI policy v3,policy,AI office,https://wiki.example.org/ai-policy,2026-04-01,,,,iso42001-2023:5.2,,']));
    expect(await again.json()).toMatchObject({ added: 0, updated: 1, links: 1 });
    expect(await evidence().listEvidenceLinks({ evidenceId: 'EV-API-1' })).toHaveLength(1);
  });

  it('refuses a register with an unknown requirement, naming the line, and keeps what was stored', async () => {
    const res = await send(register(['EV-API-2,Test report,report,QA,https://wiki.example.org/qa,2026-03-01,,,,iso42001-2023:A.99,,']), TOKENS.analyst, 'bad.csv');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { problems: string[] } };
    expect(body.error.problems.join('\n')).toMatch(/^bad\.csv:2: .*unknown requirement "iso42001-2023:A\.99"/m);
    expect(await evidence().getEvidence('EV-API-2')).toBeUndefined();
    expect((await evidence().getEvidence('EV-API-1'))?.title).toBe('AI policy v3');
  });

  it('needs an analyst token and a body', async () => {
    expect((await send(register([]), null)).status).toBe(401);
    expect((await send(register([]), TOKENS.viewer)).status).toBe(403);
    const empty = await send('');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toMatch(/the upload is empty/);
  });
});

describe('Statement of Applicability upload', () => {
  const send = (body: string, query = 'filename=soa.csv&framework=iso42001-2023', token: string | null = TOKENS.analyst) =>
    fetch(`${server.url}/api/soa/import?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });

  it("saves another tool's SoA for the framework named, with the warnings that say how its columns were read", async () => {
    const res = await send(['Control,Applicable,Justification,Status', 'A.2.2,Yes,The board asked for an AI policy,Fully implemented', 'A.2.3,No,Covered by the group policy,'].join('\n'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { saved: number; warnings: string[] };
    expect(body.saved).toBe(2);
    expect(body.warnings.join('\n')).toMatch(/^soa\.csv:1: header read with other names: "Control" as ref/m);
    const entries = await evidenceStoreOf(server.store).listSoaEntries('iso42001-2023');
    expect(entries.find((e) => e.requirementId === 'iso42001-2023:A.2.3')).toMatchObject({ applicable: false, justification: 'Covered by the group policy' });
  });

  it('refuses a SoA with an unknown control, naming the line, and saves none of its rows', async () => {
    const res = await send(['Control,Applicable,Justification,Status', 'A.3.2,Yes,Roles are set,Implemented', 'A.99.1,Yes,?,Implemented'].join('\n'), 'filename=other.csv&framework=iso42001-2023');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { problems: string[] } }).error.problems.join('\n')).toMatch(/^other\.csv:3: /m);
    const entries = await evidenceStoreOf(server.store).listSoaEntries('iso42001-2023');
    expect(entries.some((e) => e.requirementId === 'iso42001-2023:A.3.2')).toBe(false);
    expect((await send('Control,Applicable\nA.2.2,Yes', 'framework=iso42001-2023', TOKENS.viewer)).status).toBe(403);
    const unknown = await send('Control,Applicable\nA.2.2,Yes', 'framework=iso4200-2023');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/^unknown framework "iso4200-2023" \(known: .*iso42001-2023, /);
  });
});
