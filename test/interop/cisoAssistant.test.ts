import { describe, expect, it } from 'vitest';
import { importCisoAssistantLibrary } from '../../server/interop/cisoAssistant.js';
import { errorsOf, loadImported, warningsOf } from './helpers.js';

/** A small library in CISO Assistant's shape (made up for the tests): a framework and forward + reverse mapping sets. */
const library = `urn: urn:test:risk:library:demo-policy-2024
locale: en
ref_id: demo-policy-2024
name: Demo Policy Standard
description: A made-up standard.
copyright: Demo Org, for tests only.
version: 3
publication_date: 2024-03-15
provider: Demo Org
packager: tester
objects:
  framework:
    urn: urn:test:risk:framework:demo-policy-2024
    ref_id: Demo Policy 2024
    name: Demo Policy Standard
    description: The framework object.
    requirement_nodes:
    - urn: urn:test:risk:req_node:demo-policy-2024:gov
      assessable: false
      depth: 1
      ref_id: GOV
      name: Governance
    - urn: urn:test:risk:req_node:demo-policy-2024:gov-1
      assessable: true
      depth: 2
      parent_urn: urn:test:risk:req_node:demo-policy-2024:gov
      ref_id: GOV-1
      name: Policy
      description: Keep a written policy.
    - urn: urn:test:risk:req_node:demo-policy-2024:node7
      assessable: false
      depth: 2
      parent_urn: urn:test:risk:req_node:demo-policy-2024:gov
      name: Unnumbered heading
    - urn: urn:test:risk:req_node:demo-policy-2024:gov-1-again
      assessable: true
      depth: 3
      parent_urn: urn:test:risk:req_node:demo-policy-2024:node7
      ref_id: GOV-1
      description: Same ref_id as an earlier node.
  requirement_mapping_sets:
  - urn: urn:test:risk:req_mapping_set:demo-to-other
    ref_id: demo-to-other
    name: Demo to Other
    source_framework_urn: urn:test:risk:framework:demo-policy-2024
    target_framework_urn: urn:test:risk:framework:other-1
    requirement_mappings:
    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov-1
      target_requirement_urn: urn:test:risk:req_node:other-1:p-1
      relationship: equal
      rationale: syntactic
      strength_of_relationship: 10
    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov
      target_requirement_urn: urn:test:risk:req_node:other-1:p-2
      relationship: intersect
      rationale: The wording overlaps on review cycles.
      annotation: Partial overlap.
    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov-1
      target_requirement_urn: urn:test:risk:req_node:other-1:missing
      relationship: subset
  - urn: urn:test:risk:req_mapping_set:demo-to-other-revert
    ref_id: demo-to-other-revert
    name: Demo to Other
    source_framework_urn: urn:test:risk:framework:other-1
    target_framework_urn: urn:test:risk:framework:demo-policy-2024
    requirement_mappings:
    - source_requirement_urn: urn:test:risk:req_node:other-1:p-1
      target_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov-1
      relationship: equal
      rationale: syntactic
      strength_of_relationship: 10
    - source_requirement_urn: urn:test:risk:req_node:other-1:p-2
      target_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov
      relationship: intersect
`;

/** The other framework is loaded content: its URNs resolve through the caller's function. */
const other: Record<string, string> = {
  'urn:test:risk:req_node:other-1:p-1': 'other-1:P.1',
  'urn:test:risk:req_node:other-1:p-2': 'other-1:P.2',
};
const options = { file: 'libraries/demo.yaml', today: '2026-01-01', edition: '2024', resolveUrn: (urn: string) => other[urn] };

describe('importCisoAssistantLibrary', () => {
  it('turns requirement_nodes into a catalog: refs, parents, kinds, titles and descriptions', () => {
    const { catalogs, problems } = importCisoAssistantLibrary(library, options);
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogs).toHaveLength(1);
    expect(catalogs[0]!.framework).toEqual({
      id: 'demo-policy-2024', name: 'Demo Policy Standard', edition: '2024', publisher: 'Demo Org',
      licence: 'Demo Org, for tests only.', description: 'The framework object.',
    });
    expect(catalogs[0]!.requirements).toEqual([
      { ref: 'GOV', kind: 'section', title: 'Governance', tags: ['ciso-urn:urn:test:risk:req_node:demo-policy-2024:gov'] },
      { ref: 'GOV-1', kind: 'requirement', title: 'Policy', summary: 'Keep a written policy.', parent: 'GOV', tags: ['ciso-urn:urn:test:risk:req_node:demo-policy-2024:gov-1'] },
      { ref: 'node7', kind: 'section', title: 'Unnumbered heading', parent: 'GOV', tags: ['synthetic', 'ciso-urn:urn:test:risk:req_node:demo-policy-2024:node7'] },
      { ref: 'GOV-1 (2)', kind: 'requirement', title: '', summary: 'Same ref_id as an earlier node.', parent: 'node7', tags: ['ciso-urn:urn:test:risk:req_node:demo-policy-2024:gov-1-again'] },
    ]);
  });

  it('reports a repeated ref_id with its line and the name it was given', () => {
    const { problems } = importCisoAssistantLibrary(library, options);
    expect(warningsOf(problems)).toContainEqual({
      file: 'libraries/demo.yaml', line: 39, path: 'objects.framework.requirement_nodes[3].ref_id',
      message: 'ref "GOV-1" is used again (first at requirement_nodes[1]); this node is imported as "GOV-1 (2)"', severity: 'warning',
    });
  });

  it('resolves URNs of the file\'s framework directly and others through resolveUrn, skipping the restating reverse set', () => {
    const { catalogs, mappingFiles, problems } = importCisoAssistantLibrary(library, options);
    expect(mappingFiles.map((f) => [f.source, f.target])).toEqual([['demo-policy-2024', 'other-1']]);
    const catalog = catalogs[0]!;
    const otherCatalog = { framework: { id: 'other-1', name: 'Other', edition: '1', publisher: 'Tests', licence: 'test' }, requirements: [{ ref: 'P.1', kind: 'control', title: 'A' }, { ref: 'P.2', kind: 'control', title: 'B' }] };
    const mappings = loadImported({ catalogs: [catalog, otherCatalog], mappingFiles }).mappings;
    expect(mappings.map((m) => [m.source, m.target, m.relationship, m.rationale, m.strength, m.status, m.method])).toEqual([
      ['demo-policy-2024:GOV-1', 'other-1:P.1', 'equal-to', 'syntactic', 10, 'proposed', 'human'],
      ['demo-policy-2024:GOV', 'other-1:P.2', 'intersects-with', 'semantic', 5, 'proposed', 'human'],
    ]);
    expect(mappings[1]!.note).toBe('Partial overlap.\nRationale in the library: The wording overlaps on review cycles.');
    expect(mappings[0]!.provenance).toEqual({ source: 'Demo Policy Standard', author: 'Demo Org', created: '2024-03-15' });
    expect(warningsOf(problems).map((p) => p.message)).toContainEqual(expect.stringMatching(/^skipped 2 mapping\(s\) that restate an earlier one in the opposite direction/));
  });

  it('reports every URN that resolves to nothing, with its line, instead of dropping it silently', () => {
    const { problems } = importCisoAssistantLibrary(library, options);
    expect(warningsOf(problems)).toContainEqual({
      file: 'libraries/demo.yaml', line: 59, path: 'objects.requirement_mapping_sets[0].requirement_mappings[2].target_requirement_urn',
      message: '"urn:test:risk:req_node:other-1:missing" resolves to no requirement (not in this file nor in the loaded content); this mapping is not imported', severity: 'warning',
    });
    const withoutResolver = importCisoAssistantLibrary(library, { ...options, resolveUrn: undefined });
    expect(withoutResolver.mappingFiles).toEqual([]);
    // One warning per framework, not one per URN: a library against an unloaded framework names thousands.
    expect(warningsOf(withoutResolver.problems).filter((p) => p.message.includes('resolve to no requirement'))).toEqual([{
      file: 'libraries/demo.yaml', line: 49, path: 'objects.requirement_mapping_sets[0].requirement_mappings[0].target_requirement_urn', severity: 'warning',
      message: '3 requirement URN(s) under "urn:test:risk:req_node:other-1:" resolve to no requirement (not in this file; no resolver for other frameworks was given), ' +
        'e.g. "urn:test:risk:req_node:other-1:p-1", "urn:test:risk:req_node:other-1:p-2", "urn:test:risk:req_node:other-1:missing"; their 5 mapping(s) are not imported; ' +
        'if the framework "other-1" is not loaded yet, import its CISO Assistant library first, then this file again',
    }]);
  });

  it('does not suggest importing a framework that is loaded when only some of its URNs are unknown', () => {
    const twoMissing = library.replace('target_requirement_urn: urn:test:risk:req_node:other-1:p-2\n      relationship: intersect\n      rationale: The', 'target_requirement_urn: urn:test:risk:req_node:other-1:gone\n      relationship: intersect\n      rationale: The');
    const { problems, mappingFiles } = importCisoAssistantLibrary(twoMissing, options);
    const message = warningsOf(problems).find((p) => p.message.includes('resolve to no requirement'))!.message;
    expect(message).toMatch(/^2 requirement URN\(s\) under "urn:test:risk:req_node:other-1:" .* their 2 mapping\(s\) are not imported$/);
    expect(mappingFiles[0]!.mappings.map((m) => m.target)).toEqual(['P.1']);
  });

  it('reads a set whose strengths are on a 0–100 scale as percentages, with a warning', () => {
    const percent = library
      .replace('strength_of_relationship: 10\n    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov\n', 'strength_of_relationship: 90\n    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov\n')
      .replace('annotation: Partial overlap.', 'annotation: Partial overlap.\n      strength_of_relationship: 45');
    const { mappingFiles, problems } = importCisoAssistantLibrary(percent, options);
    expect(errorsOf(problems)).toEqual([]);
    expect(mappingFiles[0]!.mappings.map((m) => [m.source, m.target, m.strength])).toEqual([['GOV-1', 'P.1', 9], ['GOV', 'P.2', 5]]);
    expect(warningsOf(problems)).toContainEqual(expect.objectContaining({
      line: 48, path: 'objects.requirement_mapping_sets[0].requirement_mappings',
      message: "strength_of_relationship goes up to 90 in this set, beyond CISO Assistant's 0–10 scale; its strengths were read as percentages and divided by 10 (90 → 9); review them",
    }));
  });

  it('warns that the library version is not an edition, and uses --framework-id', () => {
    const { catalogs, problems } = importCisoAssistantLibrary(library, { file: 'demo.yaml', frameworkId: 'demo-2024' });
    expect(catalogs[0]!.framework).toMatchObject({ id: 'demo-2024', edition: '3' });
    expect(warningsOf(problems).map((p) => p.message)).toContainEqual(expect.stringMatching(/^edition taken from the library version \(3\)/));
  });

  it('pins a framework named without an edition to the edition given, and says it would', () => {
    const unversioned = library.replace('    ref_id: Demo Policy 2024\n', '    ref_id: Demo Policy\n');
    expect(importCisoAssistantLibrary(unversioned, { file: 'demo.yaml', edition: '2024' }).catalogs[0]!.framework.id).toBe('demo-policy-2024');
    const { catalogs, problems } = importCisoAssistantLibrary(unversioned, { file: 'demo.yaml' });
    expect(catalogs[0]!.framework.id).toBe('demo-policy');
    expect(warningsOf(problems).map((p) => p.message)).toContainEqual(expect.stringMatching(/pass --edition, which the framework id then carries \("demo-policy-EDITION"\)$/));
    // A name that carries its edition already keeps it as it is.
    expect(importCisoAssistantLibrary(library, { file: 'demo.yaml', edition: '2024' }).catalogs[0]!.framework.id).toBe('demo-policy-2024');
  });

  it('reports a bad relationship, a strength out of range and a dangling parent_urn at their lines, and returns nothing', () => {
    const broken = library
      .replace('relationship: intersect\n      rationale: The', 'relationship: overlaps\n      rationale: The')
      .replace('strength_of_relationship: 10\n    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov\n', 'strength_of_relationship: 12\n    - source_requirement_urn: urn:test:risk:req_node:demo-policy-2024:gov\n')
      .replace('parent_urn: urn:test:risk:req_node:demo-policy-2024:node7', 'parent_urn: urn:test:risk:req_node:demo-policy-2024:nowhere');
    const { catalogs, mappingFiles, problems } = importCisoAssistantLibrary(broken, options);
    expect([catalogs, mappingFiles]).toEqual([[], []]);
    expect(errorsOf(problems).map((p) => [p.line, p.path, p.message])).toEqual([
      [38, 'objects.framework.requirement_nodes[3].parent_urn', 'parent_urn "urn:test:risk:req_node:demo-policy-2024:nowhere" is not a node of this framework'],
      [52, 'objects.requirement_mapping_sets[0].requirement_mappings[0].strength_of_relationship', 'invalid strength: 12 (expected an integer from 0 to 10)'],
      [55, 'objects.requirement_mapping_sets[0].requirement_mappings[1].relationship', 'invalid relationship: "overlaps" (expected: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)'],
    ]);
  });

  it('reads the older single requirement_mapping_set of a mapping-only library', () => {
    const mappingOnly = `urn: urn:test:risk:library:map
name: Old style mapping
objects:
  requirement_mapping_set:
    urn: urn:test:risk:req_mapping_set:x
    source_framework_urn: urn:test:risk:framework:other-1
    target_framework_urn: urn:test:risk:framework:other-1
    requirement_mappings:
    - source_requirement_urn: urn:test:risk:req_node:other-1:p-1
      target_requirement_urn: urn:test:risk:req_node:other-1:p-2
      relationship: not_related
      strength_of_relationship: 0
`;
    const { mappingFiles, problems } = importCisoAssistantLibrary(mappingOnly, { ...options, file: 'map.yaml' });
    expect(errorsOf(problems)).toEqual([]);
    expect(mappingFiles[0]!.mappings).toEqual([{ source: 'P.1', target: 'P.2', relationship: 'no-relationship', strength: 0 }]);
    expect(mappingFiles[0]!.sources).toEqual({ 'old-style-mapping': { source: 'Old style mapping', author: 'imported', created: '2026-01-01' } });
  });

  it('reports malformed YAML and a file that is not a library as one located problem', () => {
    expect(importCisoAssistantLibrary('objects:\n  framework: [unclosed\n', { file: 'bad.yaml' }).problems[0]).toMatchObject({ file: 'bad.yaml', line: expect.any(Number), severity: 'error', message: expect.stringMatching(/^YAML syntax error/) });
    expect(importCisoAssistantLibrary('framework:\n  id: x\n', { file: 'x.yaml' }).problems).toEqual([
      { file: 'x.yaml', line: 1, message: 'not a CISO Assistant library: expected a top-level "objects" map (with "framework" and/or "requirement_mapping_sets")', severity: 'error' },
    ]);
  });
});
