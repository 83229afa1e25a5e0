import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { errorsIn, loadContent, type ParsedFiles } from '../../server/content/loadContent.js';
import { importContent } from '../../server/services/importContent.js';
import { crosswalk } from '../cli/run.js';

let dataDir: string;
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dataDir, name)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, name), text);
};
const conceptIds = (parsed?: ParsedFiles) => {
  const loaded = loadContent(contentDirs({ dataDir }), { parsed });
  return { loaded, context: loaded.bundle.harmonizedClauses.find((c) => c.id === 'hs:organizational-context')! };
};

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-hs-'));
  // A management-system standard Crosswalk does not ship (made up), imported as a catalog.
  write('catalogs/bcms-1.yaml', [
    'framework: { id: bcms-1, name: Business continuity management systems, edition: "1", publisher: Tests, licence: test }',
    'requirements:',
    '  - { ref: "4", kind: clause, title: Context of the organization }',
    '  - { ref: "4.1", kind: clause, title: Understanding the organization and its context, parent: "4" }',
    '  - { ref: "4.3", kind: clause, title: Determining the scope of the business continuity management system, parent: "4" }',
    '  - { ref: "8.2", kind: clause, title: Business impact analysis }',
  ].join('\n'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('adding a standard to the harmonized structure', () => {
  it('merges clauses from a file without titles into the shipped concept, without changing cached files', () => {
    const parsed: ParsedFiles = new Map();
    const before = conceptIds(parsed).context.requirementIds;
    write('mappings/harmonized-bcms-1.yaml', 'harmonizedClauses:\n  - id: hs:organizational-context\n    clauses:\n      bcms-1: ["4.1"]\n');
    const { loaded, context } = conceptIds(parsed);
    expect(errorsIn(loaded.problems)).toEqual([]);
    expect(context.requirementIds).toEqual([...before, 'bcms-1:4.1']);
    fs.rmSync(path.join(dataDir, 'mappings/harmonized-bcms-1.yaml'));
    expect(conceptIds(parsed).context.requirementIds).toEqual(before);
  });

  it('refuses an unknown concept, an unknown clause, and a concept given a title but no summary, each at its place', () => {
    write('mappings/bad-hs.yaml', [
      'harmonizedClauses:',
      '  - id: hs:no-such-concept',
      '    clauses: { bcms-1: ["4.1"] }',
      '  - id: hs:organizational-context',
      '    clauses: { bcms-1: ["4.9"] }',
    ].join('\n'));
    write('mappings/half-hs.yaml', 'harmonizedClauses:\n  - id: hs:organizational-context\n    title: Context\n    clauses: { bcms-1: ["4.1"] }\n');
    try {
      const problems = errorsIn(conceptIds().loaded.problems).map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
      expect(problems).toContainEqual(expect.stringMatching(/^bad-hs\.yaml:2: hs:no-such-concept is defined in no harmonized-structure file/));
      expect(problems).toContainEqual('bad-hs.yaml:4: hs:organizational-context: unknown requirement(s) bcms-1:4.9');
      expect(problems).toContainEqual(expect.stringMatching(/^half-hs\.yaml:2: .*give a title and a summary to define a concept, or neither/));
    } finally {
      fs.rmSync(path.join(dataDir, 'mappings/bad-hs.yaml'));
      fs.rmSync(path.join(dataDir, 'mappings/half-hs.yaml'));
    }
  });

  it('drafts the file with "ims align"; saved as it is, it validates and brings the standard into the IMS plan', () => {
    const out = path.join(dataDir, 'mappings/harmonized-bcms-1.yaml');
    const align = crosswalk(['ims', 'align', '--framework', 'bcms-1', '--out', out], { dataDir });
    expect(align.code).toBe(0);
    expect(align.stderr).toMatch(/ims align: 2 clause\(s\) of bcms-1 proposed for 2 concept\(s\), 2 left to place by hand/);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/#   8\.2 "Business impact analysis"/);
    expect(crosswalk(['validate'], { dataDir }).code).toBe(0);
    const alone = crosswalk(['validate', out], { dataDir });
    expect([alone.code, alone.stderr]).toEqual([0, '']);
    expect(alone.stdout).toMatch(/^1 files checked against the shipped and imported content: 0 errors/);
    const plan = JSON.parse(crosswalk(['ims', '--standards', 'iso27001-2022,bcms-1', '--json'], { dataDir }).stdout);
    const scope = plan.processes.find((p: { conceptId: string }) => p.conceptId === 'hs:management-system-scope');
    expect(scope.clauses.map((c: { standardId: string; items: Array<{ ref: string }> }) => [c.standardId, c.items.map((i) => i.ref)])).toEqual([['iso27001-2022', ['4.3']], ['bcms-1', ['4.3']]]);
    expect(crosswalk(['ims', 'align'], { dataDir }).stderr).toMatch(/--framework is required/);
  });

  it('says on import when a catalog follows the harmonized structure, and not for one that does not', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-hs-import-'));
    try {
      const titles = [
        ['4.1', 'Understanding the organization and its context'], ['4.2', 'Understanding the needs and expectations of interested parties'],
        ['4.3', 'Determining the scope of the energy management system'], ['4.4', 'Energy management system'], ['5.1', 'Leadership and commitment'],
        ['5.2', 'Energy policy'], ['5.3', 'Roles, responsibilities and authorities'], ['6.1', 'Actions to address risks and opportunities'],
        ['6.2', 'Objectives, energy targets and planning to achieve them'], ['6.3', 'Energy review'], ['7.1', 'Resources'], ['7.2', 'Competence'],
        ['7.3', 'Awareness'], ['7.4', 'Communication'],
      ];
      const csv = `ref_id,title\n${titles.map(([ref, title]) => `${ref},"${title}"`).join('\n')}\n`;
      const run = (id: string, text: string) => importContent({ format: 'csv', bytes: new TextEncoder().encode(text), sourceName: `${id}.csv`, dataDir: other, frameworkId: id, name: 'Energy management systems', edition: '1' });
      const hinted = await run('enms-1', csv);
      expect(hinted.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^enms-1 follows the harmonized structure of ISO management-system standards \(13 of 25 concepts found by clause number and title\): "crosswalk ims align --framework enms-1"/));
      const plain = await run('controls-1', 'ref_id,title\nC-1,Access control\nC-2,Logging\n');
      expect(plain.warnings.map((w) => w.message).join('\n')).not.toMatch(/harmonized structure/);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
