import { describe, expect, it } from 'vitest';
import { crosswalk } from './run.js';

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
