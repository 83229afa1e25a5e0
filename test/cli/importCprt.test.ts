import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crosswalk } from './run.js';
import { demoCprtExport as cprt } from '../fixtures/cprtDemo.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-import-cprt-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('crosswalk import --format cprt', () => {
  it('imports every element when --element-types is not given, and only the types named when it is', () => {
    const file = path.join(dir, 'cprt.json');
    fs.writeFileSync(file, cprt);
    const dataDir = path.join(dir, 'data');
    const catalogFile = path.join(dataDir, 'catalogs/demo-1.0.yaml');
    const refs = () => parse(fs.readFileSync(catalogFile, 'utf8')).requirements.map((r: { ref: string; parent?: string }) => [r.ref, r.parent]);

    const all = crosswalk(['import', '--format', 'cprt', file, '--framework-id', 'demo-1.0', '--no-load'], { dataDir });
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(refs()).toEqual([['GV', undefined], ['GV.1', 'GV']]);

    expect(crosswalk(['import', '--format', 'cprt', file, '--framework-id', 'demo-1.0', '--element-types', 'subcategory', '--replace', '--no-load'], { dataDir }).code).toBe(0);
    expect(refs()).toEqual([['GV.1', undefined]]);
  });
});
