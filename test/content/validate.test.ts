import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsIn, loadContent } from '../../server/content/loadContent.js';
import { formatProblem } from '../../server/domain/errors.js';

const fixtures = path.join(__dirname, '../fixtures/content');
const check = (...dirs: string[]) => {
  const { problems } = loadContent({ reference: dirs.map((d) => path.join(fixtures, d)), user: [] }, { relativeTo: fixtures });
  return errorsIn(problems).map(formatProblem);
};

describe('validate: content files', () => {
  it('accepts the well-formed base fixture', () => {
    expect(check('base')).toEqual([]);
  });

  it.each([
    ['schema-error', 'broken/schema-error/cat.yaml:4: requirements[1].kind: Invalid input: expected string, received undefined'],
    ['yaml-syntax', 'broken/yaml-syntax/cat.yaml:5: YAML syntax error: Sequence item without - indicator'],
    ['duplicate-id', 'broken/duplicate-id/cat.yaml:4: requirements[1]: duplicate requirement "1" in bad-1 (first defined at broken/duplicate-id/cat.yaml:3)'],
    ['unknown-parent', 'broken/unknown-parent/cat.yaml:4: requirements[1]: unknown parent "9" of "1.1" (no such ref in bad-1)'],
    ['parent-cycle', 'broken/parent-cycle/cat.yaml:3: requirements[0]: parent cycle: "1" is its own ancestor'],
    ['duplicate-framework', 'broken/duplicate-framework/again.yaml:1: framework.id: duplicate framework id "other-1.0" (first defined at base/other-1.0.yaml:2)'],
    ['dangling-endpoint', 'broken/dangling-endpoint/map.yaml:7: mappings[0]: target: unknown requirement "GOVERN 9.9" in other-1.0'],
    ['unprefixed-endpoint', 'broken/unprefixed-endpoint/map.yaml:7: mappings[0]: target: unknown requirement "5.12" in std-2022 (did you mean std-2022:A.5.12?)'],
    ['edition-mismatch', 'broken/edition-mismatch/map.yaml:7: mappings[0]: source: edition mismatch: "A.8.2" does not exist in std-2022 but does in std-2013'],
    ['edition-prefix', 'broken/edition-prefix/map.yaml:7: mappings[0]: source: edition mismatch: "std-2013:A.8.2" belongs to std-2013, but this side of the file is std-2022'],
    ['duplicate-pair', 'broken/duplicate-pair/map.yaml:8: mappings[1]: duplicate pair std-2022:5 → other-1.0:GOVERN (already stated at broken/duplicate-pair/map.yaml:7)'],
    ['inverse-pair', 'broken/inverse-pair/reverse.yaml:7: mappings[0]: pair stated twice: other-1.0:GOVERN → std-2022:5 is the inverse of the mapping at broken/inverse-pair/map.yaml:7; keep one direction'],
    ['contradictory-pair', 'broken/contradictory-pair/reverse.yaml:7: mappings[0]: contradictory pair: other-1.0:GOVERN subset-of std-2022:5, but broken/contradictory-pair/map.yaml:7 says std-2022:5 subset-of other-1.0:GOVERN'],
    ['self-loop', 'broken/self-loop/map.yaml:7: mappings[0]: self-loop: "std-2022:A.5.12" is mapped to itself'],
    ['unknown-provenance', 'broken/unknown-provenance/map.yaml:7: mappings[0].provenance: unknown provenance "nowhere" (expected one of: curation)'],
    ['unknown-framework', 'broken/unknown-framework/map.yaml:1: source: unknown target framework "nonexistent-9" (known: other-1.0, std-2013, std-2022)'],
    ['no-counterpart-contradiction', 'broken/no-counterpart-contradiction/map.yaml:7: noCounterpart[0]: contradiction: "std-2022:5.1" is marked as having no counterpart in other-1.0, but an approved mapping links it there'],
    ['harmonized-dangling', 'broken/harmonized-dangling/hs.yaml:2: harmonizedClauses[0]: hs:leadership: edition mismatch: "5" does not exist in std-2013 but does in std-2022'],
    ['not-content', 'broken/not-content/other.yaml:1: not a Crosswalk content file: expected a top-level "framework" (catalog), "mappings" (crosswalk) or "harmonizedClauses" key'],
  ])('catches %s with file, line and a precise message', (name, expected) => {
    const errors = check('base', `broken/${name}`);
    expect(errors[0]).toBe(expected);
  });

  it('warns about refs of one framework that differ only in case, which other tools\' files cannot tell apart', () => {
    const { problems } = loadContent({ reference: [path.join(fixtures, 'warnings/case-only')], user: [] }, { relativeTo: fixtures });
    expect(errorsIn(problems)).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      'warnings/case-only/cat.yaml:4: requirements[1]: ref "ac-2" differs from "AC-2" (at warnings/case-only/cat.yaml:3) only in case: files that name either are read as one of them; give one of them another ref',
    ]);
  });

  it('warns about two frameworks that graphs and tables would label alike', () => {
    const { problems } = loadContent({ reference: [path.join(fixtures, 'warnings/same-short-label')], user: [] }, { relativeTo: fixtures });
    expect(errorsIn(problems)).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      'warnings/same-short-label/second.yaml:1: framework.id: csf-2.0-profile has the same short label "NIST CSF 2.0" as csf-2.0 (warnings/same-short-label/first.yaml:1): give one of them a distinct shortName',
    ]);
  });

  it('reports every problem, not only the first', () => {
    expect(check('base', 'broken/parent-cycle')).toHaveLength(2);
  });
});

describe('provenance in mapping files', () => {
  it('uses a named source whole, and merges an inline record over the default', () => {
    const { bundle, problems } = loadContent({ reference: [path.join(fixtures, 'base'), path.join(fixtures, 'provenance')], user: [] }, { relativeTo: fixtures });
    expect(errorsIn(problems)).toEqual([]);
    const byTarget = (ref: string) => bundle.mappings.find((m) => m.source === 'std-2022:5' && m.target === `other-1.0:${ref}`)!;
    expect(byTarget('GOVERN').provenance).toEqual({ source: 'Test curation', author: 'tests', reviewer: 'rev', created: '2026-01-01' });
    expect(byTarget('GOVERN 1.1').provenance).toEqual({ source: 'A public crosswalk', url: 'https://example.org/crosswalk', author: 'Someone', created: '2025-01-01', reviewer: 'someone-else' });
  });
});

describe('loadContent with a cache of parsed files', () => {
  it('parses an unchanged file once per operation and a changed one again', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-parsed-'));
    try {
      for (const file of fs.readdirSync(path.join(fixtures, 'base'))) fs.copyFileSync(path.join(fixtures, 'base', file), path.join(dir, file));
      const parsed = new Map();
      const dirs = { reference: [dir], user: [] };
      const first = loadContent(dirs, { parsed });
      expect(parsed.size).toBe(first.files.length);
      const again = loadContent(dirs, { parsed });
      expect(again.bundle.requirements).toEqual(first.bundle.requirements);
      expect(again.bundle.requirements[0]).toBe(first.bundle.requirements[0]); // reused, not parsed again
      const other = path.join(dir, 'other-1.0.yaml');
      fs.writeFileSync(other, fs.readFileSync(other, 'utf8').replace('title: Legal requirements', 'title: Retitled'));
      const changed = loadContent(dirs, { parsed });
      expect(changed.bundle.requirements.some((r) => r.title === 'Retitled')).toBe(true);
      expect(loadContent(dirs).bundle).toEqual(changed.bundle);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
