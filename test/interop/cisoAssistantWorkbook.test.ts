import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importCisoAssistantDocument, importCisoAssistantLibrary, type CisoAssistantImportOptions } from '../../server/interop/cisoAssistant.js';
import { readCisoAssistantWorkbook, urnSuffixOf } from '../../server/interop/cisoAssistantWorkbook.js';
import type { ImportResult } from '../../server/interop/types.js';
import { formatProblem, type Problem } from '../../server/domain/errors.js';
import { errorsOf as errorProblems, loadImported, warningsOf as warningProblems } from './helpers.js';

const errorsOf = (problems: Problem[]) => errorProblems(problems).map(formatProblem);
const warningsOf = (problems: Problem[]) => warningProblems(problems).map(formatProblem);

/** A workbook with one sheet per entry, rows as given (made up for the tests, in CISO Assistant's v2 layout). */
async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((row, i) => (sheet.getRow(i + 1).values = row));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const libraryMeta: ExcelJS.CellValue[][] = [
  ['type', 'library'],
  ['urn', 'urn:demo:risk:library:demo-ai-1'],
  ['version', 2],
  ['locale', 'en'],
  ['ref_id', 'demo-ai-1'],
  ['name', 'Demo AI Controls'],
  ['description', 'A made-up library.'],
  ['copyright', 'Demo Org, for tests only.'],
  ['provider', 'Demo Org'],
  ['packager', 'tester'],
  ['publication_date', new Date('2024-03-15T00:00:00Z')],
];

const frameworkSheets: Record<string, ExcelJS.CellValue[][]> = {
  info: [['How to read this workbook'], ['Notes for the people who keep it.']],
  library_meta: libraryMeta,
  fw_meta: [
    ['type', 'framework'],
    ['urn', 'urn:demo:risk:framework:demo-ai-1'],
    ['ref_id', 'Demo AI 1'],
    ['name', 'Demo AI Controls'],
    ['description', 'The framework object.'],
    ['base_urn', 'urn:demo:risk:req_node:demo-ai-1'],
  ],
  fw_content: [
    ['assessable', 'depth', 'ref_id', 'name', 'description', 'node_id', 'name[fr]'],
    [null, 1, 'GOV', 'Governance', null, null, 'Gouvernance'],
    [null, 2, null, 'Preamble', 'Read this first.'],
    ['x', 2, 'GOV-1', 'Policy', 'Keep a written AI policy.'],
    ['x', '3', 'Gestión / 1', 'Accents and signs', 'A ref whose URN suffix is cleaned.'],
    [],
    [null, 2, null, 'Another note'],
    ['x', 2, null, 'Fixed node', null, 'custom-node'],
    [null, 1, null, 'Annex'],
  ],
  thrt_meta: [['type', 'threats'], ['base_urn', 'urn:demo:risk:threat:demo-ai-1']],
  thrt_content: [['ref_id', 'name'], ['T1', 'A threat']],
};

/** The same library as CISO Assistant's converter writes it in YAML, with the URNs its rules give. */
const frameworkYaml = `urn: urn:demo:risk:library:demo-ai-1
locale: en
ref_id: demo-ai-1
name: Demo AI Controls
description: A made-up library.
copyright: Demo Org, for tests only.
version: 2
publication_date: 2024-03-15
provider: Demo Org
packager: tester
objects:
  framework:
    urn: urn:demo:risk:framework:demo-ai-1
    ref_id: Demo AI 1
    name: Demo AI Controls
    description: The framework object.
    requirement_nodes:
    - { urn: "urn:demo:risk:req_node:demo-ai-1:gov", assessable: false, depth: 1, ref_id: GOV, name: Governance }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:gov:1", assessable: false, depth: 2, parent_urn: "urn:demo:risk:req_node:demo-ai-1:gov", name: Preamble, description: Read this first. }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:gov-1", assessable: true, depth: 2, parent_urn: "urn:demo:risk:req_node:demo-ai-1:gov", ref_id: GOV-1, name: Policy, description: Keep a written AI policy. }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:gestion-_-1", assessable: true, depth: 3, parent_urn: "urn:demo:risk:req_node:demo-ai-1:gov-1", ref_id: "Gestión / 1", name: Accents and signs, description: A ref whose URN suffix is cleaned. }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:gov:2", assessable: false, depth: 2, parent_urn: "urn:demo:risk:req_node:demo-ai-1:gov", name: Another note }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:custom-node", assessable: true, depth: 2, parent_urn: "urn:demo:risk:req_node:demo-ai-1:gov", name: Fixed node }
    - { urn: "urn:demo:risk:req_node:demo-ai-1:annex", assessable: false, depth: 1, name: Annex }
`;

const options: CisoAssistantImportOptions = { file: 'demo.xlsx', edition: '1', today: '2026-11-24' };

async function importWorkbook(bytes: Buffer, extra: Partial<CisoAssistantImportOptions> = {}): Promise<ImportResult> {
  const { document, problems } = await readCisoAssistantWorkbook(bytes, 'demo.xlsx');
  return document ? importCisoAssistantDocument(document, { ...options, ...extra }, problems) : { catalogs: [], mappingFiles: [], problems };
}

describe('CISO Assistant library workbooks', () => {
  it('cleans ref_ids into URN suffixes as CISO Assistant does', () => {
    expect(urnSuffixOf('Gestión / 1')).toBe('gestion-_-1');
    expect(urnSuffixOf('A.5.1')).toBe('a.5.1');
    expect(urnSuffixOf('AC-2(1) [x]:y')).toBe('ac-2(1)-[x]:y');
    expect(urnSuffixOf('Ü&ß')).toBe('u_'); // ß has no ASCII decomposition and is dropped, as in CISO Assistant
  });

  it('reads a framework workbook into the same catalog as its YAML library', async () => {
    const result = await importWorkbook(await workbook(frameworkSheets));
    expect(errorsOf(result.problems)).toEqual([]);
    const [catalog] = result.catalogs;
    expect(catalog!.requirements.map((r) => [r.ref, r.parent, r.kind, r.title])).toEqual([
      ['GOV', undefined, 'section', 'Governance'],
      ['GOV:1', 'GOV', 'section', 'Preamble'],
      ['GOV-1', 'GOV', 'requirement', 'Policy'],
      ['Gestión / 1', 'GOV-1', 'requirement', 'Accents and signs'],
      ['GOV:2', 'GOV', 'section', 'Another note'],
      ['custom-node', 'GOV', 'requirement', 'Fixed node'],
      ['annex', undefined, 'section', 'Annex'],
    ]);
    expect(catalog!.requirements[3]!.tags).toEqual(['ciso-urn:urn:demo:risk:req_node:demo-ai-1:gestion-_-1']);
    expect(catalog!.framework).toMatchObject({ id: 'demo-ai-1', name: 'Demo AI Controls', publisher: 'Demo Org', licence: 'Demo Org, for tests only.' });
    expect(warningsOf(result.problems).join('\n')).toMatch(/skipped the objects Crosswalk does not import: "thrt_meta" \(threats\)/);

    const fromYaml = importCisoAssistantLibrary(frameworkYaml, { ...options, file: 'demo.yaml' });
    expect(errorsOf(fromYaml.problems)).toEqual([]);
    expect(result.catalogs).toEqual(fromYaml.catalogs);
    expect(loadImported(result).requirements).toHaveLength(7);
  });

  it('reads a mapping workbook: node ids under the base URNs, resolved in the file and through the loaded content', async () => {
    const bytes = await workbook({
      ...frameworkSheets,
      mappings_meta: [
        ['type', 'requirement_mapping_set'],
        ['urn', 'urn:demo:risk:req_mapping_set:demo-ai-1-to-iso27001-2022'],
        ['source_framework_urn', 'urn:demo:risk:framework:demo-ai-1'],
        ['source_node_base_urn', 'urn:demo:risk:req_node:demo-ai-1'],
        ['target_framework_urn', 'urn:intuitem:risk:framework:iso27001-2022'],
        ['target_node_base_urn', 'urn:intuitem:risk:req_node:iso27001-2022'],
      ],
      mappings_content: [
        ['source_node_id', 'target_node_id', 'relationship', 'rationale', 'strength_of_relationship'],
        ['gov-1', 'a.5.1', 'intersect', 'semantic', 6],
        ['GOV-1', 'A.5.2', 'subset', null, null],
        ['custom-node', 'a.99.9', 'equal', 'syntactic', '10'],
      ],
      // The converter's helper sheets listing both frameworks' nodes are not objects.
      source: [['node_id', 'urn'], ['gov-1', 'urn:demo:risk:req_node:demo-ai-1:gov-1']],
    });
    const known: Record<string, string> = { 'urn:intuitem:risk:req_node:iso27001-2022:a.5.1': 'iso27001-2022:A.5.1', 'urn:intuitem:risk:req_node:iso27001-2022:a.5.2': 'iso27001-2022:A.5.2' };
    const result = await importWorkbook(bytes, { resolveUrn: (urn) => known[urn] });
    expect(errorsOf(result.problems)).toEqual([]);
    expect(result.mappingFiles.flatMap((f) => f.mappings.map((m) => [f.source, m.source, f.target, m.target, m.relationship, m.strength]))).toEqual([
      ['demo-ai-1', 'GOV-1', 'iso27001-2022', 'A.5.1', 'intersects-with', 6],
      ['demo-ai-1', 'GOV-1', 'iso27001-2022', 'A.5.2', 'subset-of', 5],
    ]);
    const unresolved = result.problems.find((p) => /a\.99\.9/.test(p.message))!;
    expect(unresolved).toMatchObject({ file: 'demo.xlsx (sheet "mappings_content")', line: 4, path: 'target_node_id', severity: 'warning' });
  });

  it('places every problem on its sheet, row and column, and imports nothing', async () => {
    const broken = await workbook({
      ...frameworkSheets,
      fw_content: [
        ['assessable', 'depth', 'ref_id', 'name'],
        [null, 1, 'GOV', 'Governance'],
        ['x', 'two', 'GOV-1', 'Policy'],
        ['x', 3, 'GOV-2', 'Too deep'],
      ],
    });
    const result = await importWorkbook(broken);
    expect(result.catalogs).toEqual([]);
    expect(errorsOf(result.problems)).toEqual([
      'demo.xlsx (sheet "fw_content"):3: depth: depth "two" is not a whole number from 1',
      'demo.xlsx (sheet "fw_content"):4: depth: depth 3 follows depth 1; a node can only be one level below the row above',
    ]);

    const badRelationship = await workbook({
      library_meta: libraryMeta,
      m_meta: [['type', 'requirement_mapping_set'], ['source_node_base_urn', 'urn:a'], ['target_node_base_urn', 'urn:b']],
      m_content: [['source_node_id', 'target_node_id', 'relationship'], ['x', 'y', 'related'], ['x', null, 'equal']],
    });
    const refused = await importWorkbook(badRelationship, { resolveUrn: (urn) => (urn === 'urn:a:x' ? 'a-1:X' : urn === 'urn:b:y' ? 'b-1:Y' : undefined) });
    expect(refused.mappingFiles).toEqual([]);
    expect(errorsOf(refused.problems)).toContain('demo.xlsx (sheet "m_content"):3: target_node_id: no target node id');
    expect(errorsOf(refused.problems).join('\n')).toMatch(/demo\.xlsx \(sheet "m_content"\):2: relationship: /);
  });

  it('says what is missing when the workbook is not a CISO Assistant library or lacks a part', async () => {
    const other = await readCisoAssistantWorkbook(await workbook({ Controls: [['Control ID', 'Name']] }), 'controls.xlsx');
    expect(other.document).toBeUndefined();
    expect(errorsOf(other.problems)).toEqual(['controls.xlsx: not a CISO Assistant library workbook: it has no "library_meta" sheet (sheets: "Controls")']);
    const v1 = await readCisoAssistantWorkbook(await workbook({ library_content: [['library_urn', 'urn:x']], framework_content: [['depth']] }), 'old.xlsx');
    expect(errorsOf(v1.problems).join('\n')).toMatch(/older v1 layout: convert it with CISO Assistant's tools\/convert_v1_to_v2\.py first/);

    const parts = await importWorkbook(
      await workbook({
        library_meta: libraryMeta,
        fw_meta: [['type', 'framework'], ['ref_id', 'demo']],
        fw_content: [['depth', 'ref_id'], [1, 'A']],
        lonely_meta: [['type', 'framework'], ['base_urn', 'urn:x']],
        m_meta: [['type', 'requirement_mapping_set'], ['source_node_base_urn', 'urn:a']],
        m_content: [['source_node_id', 'target_node_id'], ['a', 'b']],
        untyped_meta: [['name', 'no type']],
      }),
    );
    expect(errorsOf(parts.problems)).toEqual([
      'demo.xlsx (sheet "fw_meta"): a framework needs a "base_urn" row (the prefix of its requirement URNs)',
      'demo.xlsx (sheet "lonely_meta"):1: the framework has no "lonely_content" sheet',
      'demo.xlsx (sheet "m_meta"): a requirement_mapping_set needs a "target_node_base_urn" row (the prefix of its target requirement URNs)',
      'demo.xlsx (sheet "untyped_meta"): a _meta sheet needs a "type" row (framework, requirement_mapping_set, …)',
    ]);
  });
});
