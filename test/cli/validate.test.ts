import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crosswalk } from './run.js';

const draftCrosswalk = (target: string) => `source: iso42001-2023
target: iso27001-2022
sources:
  draft: { source: Draft, author: analyst, created: "2026-11-24" }
mappings:
  - { source: A.7.4, target: ${target}, relationship: intersects-with, strength: 5, rationale: semantic, method: human, provenance: draft, status: proposed }
`;

describe('crosswalk validate (CLI)', () => {
  it('passes on the shipped content with no errors', () => {
    const { code, stdout, stderr } = crosswalk(['validate'], { dataDir: '/nonexistent-crosswalk-data' });
    expect(stderr).not.toMatch(/error/i);
    expect(stdout).toMatch(/files checked: 0 errors/);
    expect(code).toBe(0);
  });

  it('fails with file:line messages and exit code 1 on a broken fixture', () => {
    const { code, stderr, stdout } = crosswalk(['validate', 'test/fixtures/content/base', 'test/fixtures/content/broken/dangling-endpoint']);
    expect(code).toBe(1);
    expect(stderr).toContain('test/fixtures/content/broken/dangling-endpoint/map.yaml:7: mappings[0]: target: unknown requirement "GOVERN 9.9" in other-1.0');
    expect(stdout).toMatch(/1 errors/);
  });

  it('checks a lone crosswalk between shipped frameworks against the shipped catalogs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-validate-'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), draftCrosswalk('A.5.33'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), draftCrosswalk('A.5.99'));
    const good = crosswalk(['validate', path.join(dir, 'good.yaml')], { dataDir: path.join(dir, 'data') });
    expect(good.stderr).toBe('');
    expect(good.stdout).toMatch(/1 files checked against the shipped and imported content: 0 errors/);
    expect(good.code).toBe(0);
    const bad = crosswalk(['validate', path.join(dir, 'bad.yaml')], { dataDir: path.join(dir, 'data') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:6: mappings\[0\]: target: unknown requirement "A\.5\.99" in iso27001-2022/);
    expect(bad.stderr).not.toMatch(/good\.yaml|seeds\//);
  });

  it('counts, but does not list, problems outside the given files; --alone checks the files as a set of their own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-validate-'));
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.join(dataDir, 'mappings'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'mappings', 'broken.yaml'), draftCrosswalk('A.5.98'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), draftCrosswalk('A.5.33'));
    const result = crosswalk(['validate', path.join(dir, 'good.yaml')], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 more problems are in other content files; run "crosswalk validate" to see them/);
    const alone = crosswalk(['validate', '--alone', path.join(dir, 'good.yaml')], { dataDir });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/unknown source framework "iso42001-2023"/);
  });

  it('says which path does not exist', () => {
    const { code, stderr } = crosswalk(['validate', 'no/such/dir']);
    expect(code).toBe(2);
    expect(stderr).toContain('no such file or folder: no/such/dir');
  });

  it('rejects unknown options with a hint', () => {
    const { code, stderr } = crosswalk(['validate', '--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/validate: Unknown option '--frobnicate'/);
  });
});
