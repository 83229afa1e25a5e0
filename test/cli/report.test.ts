import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { edge } from '../fixtures/smallBundle.js';
import { crosswalk } from './run.js';

describe('crosswalk report disputed', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-report-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists where an imported crosswalk reads a shipped pair otherwise, and nothing before', () => {
    expect(crosswalk(['report', 'disputed'], { dataDir }).stdout).toBe('0 mapping(s) that another source states with another relationship\n');
    const csv = path.join(dataDir, 'vendor.csv');
    fs.writeFileSync(csv, 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,provenance_source,provenance_author\niso27001-2022,A.8.15,iso42001-2023,A.6.2.8,superset-of,semantic,6,Vendor crosswalk,vendor\niso27001-2022,7.5.3,iso42001-2023,7.5.3,intersects-with,semantic,6,Vendor crosswalk,vendor\n');
    expect(crosswalk(['import', '--format', 'csv-crosswalk', csv], { dataDir }).code).toBe(0);
    const report = crosswalk(['report', 'disputed', '--from', 'iso42001-2023', '--to', 'iso27001-2022'], { dataDir });
    expect(report.stdout).toBe(
      [
        '2 mapping(s) that another source states with another relationship (iso42001-2023 ↔ iso27001-2022)',
        '  iso42001-2023:7.5.3 → iso27001-2022:7.5.3: equivalent-to (Crosswalk curation, harmonized-structure clauses reviewed again, approved)',
        '      Vendor crosswalk says intersects-with, strength 6',
        '  iso42001-2023:A.6.2.8 → iso27001-2022:A.8.15: intersects-with (Crosswalk curation, approved)',
        '      Vendor crosswalk says subset-of, strength 6',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(crosswalk(['report', 'disputed', '--json'], { dataDir }).stdout);
    expect(json).toContainEqual(expect.objectContaining({ id: 'iso42001-2023:A.6.2.8 -> iso27001-2022:A.8.15', differing: [expect.objectContaining({ relationship: 'subset-of' })] }));
    expect(crosswalk(['stats'], { dataDir }).stdout).toMatch(/iso42001-2023 → iso27001-2022: \d+ \(.*; 2 also stated by another source, 2 of them read otherwise\)/);
    expect(JSON.parse(crosswalk(['stats', '--json'], { dataDir }).stdout).mappings).toContainEqual(expect.objectContaining({ source: 'iso42001-2023', target: 'iso27001-2022', alsoStated: 2, disputed: 2 }));
    // The gap analysis still counts 7.5.3 as covered, and says that another source reads the step as partial.
    const gap = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023'], { dataDir }).stdout;
    expect(gap).toMatch(/✓ covered {3}7\.5\.3 Control of documented information\n\s+full: .*\n\s+contested: Vendor crosswalk reads iso27001-2022:7\.5\.3 → iso42001-2023:7\.5\.3 as intersects-with, which would carry only part of it\n/);
    expect(crosswalk(['report', 'disputed', '--from', 'iso42001-2023', '--to', 'iso9001-2015'], { dataDir }).stdout).toMatch(/^0 mapping/);
  });

  it('refuses half a pair and unknown frameworks', () => {
    expect(crosswalk(['report', 'disputed', '--from', 'iso42001-2023'], { dataDir }).stderr).toMatch(/give both --from and --to, or neither/);
    expect(crosswalk(['report', 'disputed', '--from', 'iso42001-2023', '--to', 'nope-1'], { dataDir }).stderr).toMatch(/unknown framework "nope-1"/);
    expect(crosswalk(['report', 'frobnicate'], { dataDir }).stderr).toMatch(/expected: unmapped, disputed/);
  });
});

describe('crosswalk report contradictions', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-contradictions-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('names a mapping that an imported crosswalk, chained with a shipped one, contradicts', () => {
    expect(crosswalk(['report', 'contradictions', '--kind', 'opposite'], { dataDir }).stdout).toMatch(/^0 contradiction\(s\): 0 opposite/);
    const csv = path.join(dataDir, 'reviewed.csv');
    // Approved in the file: 9001 5.3 ⊇ 27701:2019 6.3.1.1, which the shipped crosswalk says ⊇ 27701:2025 A.3.4; yet 5.3 ⊂ A.3.4.
    fs.writeFileSync(
      csv,
      'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,status,provenance_source,provenance_author\n' +
        'iso9001-2015,5.3,iso27701-2019,6.3.1.1,superset-of,semantic,6,approved,Reviewed crosswalk,analyst\n' +
        'iso9001-2015,5.3,iso27701-2025,A.3.4,subset-of,semantic,6,approved,Reviewed crosswalk,analyst\n',
    );
    expect(crosswalk(['import', '--format', 'csv-crosswalk', csv], { dataDir }).code).toBe(0);
    const report = crosswalk(['report', 'contradictions', '--from', 'iso9001-2015', '--to', 'iso27701-2025', '--kind', 'opposite'], { dataDir });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('1 contradiction(s) involving iso9001-2015 ↔ iso27701-2025: 1 opposite');
    expect(report.stdout).toContain('  opposite   iso9001-2015:5.3 → iso27701-2025:A.3.4: subset-of (Reviewed crosswalk)\n');
    expect(report.stdout).toContain('but iso9001-2015:5.3 superset-of iso27701-2019:6.3.1.1 superset-of iso27701-2025:A.3.4 composes to superset-of');
    const json = JSON.parse(crosswalk(['report', 'contradictions', '--kind', 'opposite', '--json'], { dataDir }).stdout);
    expect(json.map((c: { id: string }) => c.id).sort()).toEqual([
      'iso27701-2019:6.3.1.1 -> iso27701-2025:A.3.4',
      'iso9001-2015:5.3 -> iso27701-2019:6.3.1.1',
      'iso9001-2015:5.3 -> iso27701-2025:A.3.4',
    ]);
    expect(json[0]).toMatchObject({ kind: 'opposite', path: [expect.objectContaining({ from: expect.any(String) }), expect.objectContaining({ to: expect.any(String) })] });
    expect(crosswalk(['report', 'contradictions', '--kind', 'maybe'], { dataDir }).stderr).toContain('report contradictions: invalid --kind: "maybe" (expected: opposite, strictness)');
    expect(crosswalk(['report', 'contradictions', '--from', 'iso42001-2023'], { dataDir }).stderr).toContain('give both --from and --to');
  });
});

describe('crosswalk report unmapped', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-unmapped-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const unmapped = (...args: string[]) => JSON.parse(crosswalk(['report', 'unmapped', '--from', 'iso27001-2022', '--to', 'eu-ai-act-2024-1689', '--json', ...args], { dataDir }).stdout);

  it('counts informative requirements apart instead of listing them as work to do', () => {
    const report = JSON.parse(crosswalk(['report', 'unmapped', '--from', 'iso42001-2023', '--to', 'iso27001-2022', '--json'], { dataDir }).stdout);
    expect(report.informative).toBeGreaterThan(0);
    expect(report.total).toBe(report.mapped + report.noCounterpart + report.unmapped.length);
    expect(report.unmapped.map((r: { ref: string }) => r.ref)).not.toContain('C.2.1');
    expect(crosswalk(['report', 'unmapped', '--from', 'iso42001-2023', '--to', 'iso27001-2022'], { dataDir }).stdout).toContain(`(${report.informative} informative left out)`);
  });

  it('takes a scope of the source framework: only the EU AI Act duties of deployers, untitled points named by their summary', () => {
    const run = (...args: string[]) => JSON.parse(crosswalk(['report', 'unmapped', '--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--json', ...args], { dataDir }).stdout);
    const [all, deployers] = [run(), run('--scope', 'role:deployer')];
    expect(deployers.total).toBeLessThan(all.total / 3);
    expect(deployers.total).toBe(deployers.mapped + deployers.noCounterpart + deployers.unmapped.length);
    const ids = deployers.unmapped.map((r: { id: string }) => r.id);
    expect(ids).toContain('eu-ai-act-2024-1689:Art. 5(1)(a)');
    expect(ids.some((id: string) => id.startsWith('eu-ai-act-2024-1689:Art. 16'))).toBe(false);
    const text = crosswalk(['report', 'unmapped', '--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--scope', 'role:deployer'], { dataDir }).stdout;
    expect(text).toMatch(/^eu-ai-act-2024-1689 → iso42001-2023: \d+ requirements tagged role:deployer, /);
    expect(deployers.scope).toEqual(['role:deployer']);
    const repeated = crosswalk(['report', 'unmapped', '--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--scope', ' role:deployer ', '--scope', 'role:deployer'], { dataDir }).stdout;
    expect(repeated.split('\n')[0]).toBe(text.split('\n')[0]);
    expect(text).toMatch(/Art\. 5\(1\)\(a\) +point +Bans /);
    expect(crosswalk(['report', 'unmapped', '--from', 'eu-ai-act-2024-1689', '--to', 'iso42001-2023', '--scope', 'role:x'], { dataDir }).stderr).toMatch(/no requirement of eu-ai-act-2024-1689 is tagged "role:x"/);
  });

  it('reads the files by default, and the store as it stands with --source store', async () => {
    expect(crosswalk(['report', 'unmapped', '--from', 'iso27001-2022', '--to', 'eu-ai-act-2024-1689', '--source', 'store'], { dataDir }).stderr).toContain('run "crosswalk load" first');
    expect(crosswalk(['load'], { dataDir }).code).toBe(0);
    const before = unmapped();
    expect(before.mapped).toBe(0);
    const store = openSqliteStore({ file: path.join(dataDir, 'crosswalk.db') });
    try {
      const article = (await store.listRequirements({ frameworkId: 'eu-ai-act-2024-1689' }))[0]!.id;
      await store.saveMapping(edge(before.unmapped[0].id, article, 'intersects-with', { origin: 'user' }));
    } finally {
      await store.close();
    }
    expect(unmapped()).toEqual(before);
    const note = 'read the content files; add --source store to include the reviews and mappings made in the service';
    expect(crosswalk(['report', 'unmapped', '--from', 'iso27001-2022', '--to', 'eu-ai-act-2024-1689'], { dataDir }).stderr).toContain(`report unmapped ${note}`);
    expect(crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'eu-ai-act-2024-1689'], { dataDir }).stderr).toContain(`gap ${note}`);
    for (const source of ['files', 'store'])
      expect(crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'eu-ai-act-2024-1689', '--source', source], { dataDir }).stderr).not.toContain(note);
    const fromStore = unmapped('--source', 'store');
    expect(fromStore).toMatchObject({ total: before.total, mapped: 1 });
    expect(fromStore.unmapped.map((r: { id: string }) => r.id)).not.toContain(before.unmapped[0].id);
    const stats = (...args: string[]) => JSON.parse(crosswalk(['stats', '--json', ...args], { dataDir }).stdout).mappings.find((m: { source: string; target: string }) => m.source === 'iso27001-2022' && m.target === 'eu-ai-act-2024-1689');
    expect(stats()).toBeUndefined();
    expect(stats('--source', 'store')).toMatchObject({ total: 1 });
    expect(crosswalk(['stats', '--source', 'disk'], { dataDir }).stderr).toContain('stats: invalid source: "disk" (expected: files, store)');
    expect(crosswalk(['report', 'unmapped', '--from', 'iso42001-2023', '--to', 'iso42001-2023'], { dataDir }).stderr).toContain('report unmapped: --from and --to are the same framework ("iso42001-2023")');
  });
});
