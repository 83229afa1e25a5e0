import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { crosswalk } from './run.js';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-load-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const storedCounts = async () => {
  const store = openSqliteStore({ file: path.join(dataDir, 'crosswalk.db') });
  try {
    return { frameworks: (await store.listFrameworks()).length, mappings: (await store.findMappings({ limit: 1_000_000 })).length, fingerprint: await store.contentFingerprint() };
  } finally {
    await store.close();
  }
};

describe('crosswalk load', () => {
  it('is not needed first: export on a fresh data folder loads the shipped content and says so', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-fresh-'));
    try {
      const result = crosswalk(['export', '--format', 'csv', '--from', 'iso42001-2023', '--to', 'iso27001-2022'], { dataDir: fresh });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/was empty: loaded the shipped content/);
      expect(result.stdout.split('\n')[1]).toMatch(/^iso42001-2023,[^,]+,iso27001-2022,/);
      // The second run finds the content in place and says nothing about loading.
      expect(crosswalk(['export', '--format', 'csv', '--from', 'iso42001-2023', '--to', 'iso27001-2022'], { dataDir: fresh }).stderr).toBe('');
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('loads the shipped content, then a second run changes nothing and says so', async () => {
    const first = crosswalk(['load', '--json'], { dataDir });
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.changed).toBe(true);
    expect(summary.requirements.added).toBeGreaterThan(1000);
    const second = crosswalk(['load'], { dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Already up to date/);
    expect(await storedCounts()).toMatchObject({ frameworks: summary.frameworks.added });
  });

  it('picks up an imported catalog, and loads nothing when a file is broken', async () => {
    const before = await storedCounts();
    fs.mkdirSync(path.join(dataDir, 'catalogs'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'catalogs/broken.yaml'), 'framework: { id: acme-1, name: A, edition: "1", publisher: x, licence: x }\nrequirements:\n  - { ref: A, kind: control, title: A, parent: Z }\n');
    const broken = crosswalk(['load'], { dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('catalogs/broken.yaml:3: requirements[0]: unknown parent "Z" of "A" (no such ref in acme-1)');
    expect(await storedCounts()).toEqual(before);

    fs.writeFileSync(path.join(dataDir, 'catalogs/broken.yaml'), 'framework: { id: acme-1, name: A, edition: "1", publisher: x, licence: x }\nrequirements:\n  - { ref: A, kind: control, title: A }\n');
    const fixed = JSON.parse(crosswalk(['load', '--json'], { dataDir }).stdout);
    expect(fixed).toMatchObject({ changed: true, frameworks: { added: 1, updated: 0, removed: 0 }, requirements: { added: 1, updated: 0, removed: 0 } });
  });

  it('says which requirements a re-import drops but the store keeps, because a person\'s mapping points at them', async () => {
    const csv = path.join(dataDir, 'orai.csv');
    const importCsv = (rows: string) => {
      fs.writeFileSync(csv, `ref_id,title,description,parent_ref_id,kind\n${rows}`);
      return crosswalk(['import', '--format', 'csv', csv, '--framework-id', 'orai-2026', '--name', 'Org AI baseline', '--edition', '2026', '--replace'], { dataDir });
    };
    expect(importCsv('OPS-1,Model inventory,,,control\nOPS-4,Incident drills,,,control\n').code).toBe(0);
    const store = openSqliteStore({ file: path.join(dataDir, 'crosswalk.db') });
    try {
      await store.saveMapping({
        id: 'orai-2026:OPS-4 -> iso42001-2023:A.8.4', source: 'orai-2026:OPS-4', target: 'iso42001-2023:A.8.4', relationship: 'intersects-with', rationale: 'semantic', strength: 5,
        method: 'human', status: 'proposed', origin: 'user', provenance: { source: 'Analyst', author: 'ana', created: '2026-12-07' },
      });
    } finally {
      await store.close();
    }
    const dropped = importCsv('OPS-1,Model inventory,,,control\n');
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toContain('Kept 1 requirement(s) the files no longer hold, because a mapping, evidence link, control citation or SoA decision made in Crosswalk still points at them: orai-2026:OPS-4.');
    expect(dropped.stdout).not.toMatch(/Already up to date/);
  });
});
