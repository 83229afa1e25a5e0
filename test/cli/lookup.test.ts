import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crosswalk } from './run.js';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-lookup-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('crosswalk search', () => {
  it('loads an empty store first, then lists the exact ref first (marked =) however it is spelt, then word matches', () => {
    const result = crosswalk(['search', 'Article', '26'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/the embedded store \S+crosswalk\.db was empty: loaded the shipped content/);
    expect(result.stdout.split('\n')[0]).toMatch(/^= eu-ai-act-2024-1689:Art\. 26 +article +Obligations of deployers of high-risk AI systems$/);
    const words = crosswalk(['search', 'human', 'oversight', '--limit', '4'], { dataDir }).stdout.split('\n');
    expect(words.filter((l) => /^ {2}\S/.test(l))).toHaveLength(4);
    expect(words.join('\n')).toContain('4 shown. "crosswalk show ID" gives a requirement with its mappings.');
  });

  it('keeps to one framework, and refuses an unknown one with the id it likely means', () => {
    const hits = JSON.parse(crosswalk(['search', 'impact assessment', '--framework', 'iso42001-2023', '--json'], { dataDir }).stdout);
    expect(hits.length).toBeGreaterThan(2);
    expect(hits.every((h: { frameworkId: string }) => h.frameworkId === 'iso42001-2023')).toBe(true);
    expect(hits.map((h: { ref: string }) => h.ref)).toContain('6.1.4');
    const unknown = crosswalk(['search', 'policy', '--framework', 'iso27001'], { dataDir });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/search: unknown framework "iso27001" \(did you mean "iso27001-2022"\?\)/);
  });

  it('needs words and a sensible limit', () => {
    expect(crosswalk(['search'], { dataDir }).stderr).toContain('search: give the words, id or ref to look for');
    expect(crosswalk(['search', 'x', '--limit', '0'], { dataDir }).stderr).toContain('--limit must be a whole number from 1 to 200');
    expect(crosswalk(['search', 'zzqxv'], { dataDir }).stdout).toBe('Nothing matches "zzqxv".\n');
  });
});

describe('crosswalk show', () => {
  it('shows a requirement named loosely, where it sits and its mappings read from it, grouped by framework', () => {
    const result = crosswalk(['show', '42001', 'A.6.2.4'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^iso42001-2023:A\.6\.2\.4 \(control\) AI system verification and validation\n/);
    expect(result.stdout).toMatch(/^ {2}within: .*A\.6 AI system life cycle/m);
    expect(result.stdout).toMatch(/^Mappings \(\d+\), read from this requirement:$/m);
    expect(result.stdout).toMatch(/^ {2}eu-ai-act-2024-1689\n {4}intersects-with +Art\. 9\(6\) /m);
    expect(result.stdout).toMatch(/^ {6}strength \d+, \w+, approved; /m);
  });

  it('reads a mapping from the side asked for: 42001 4.4 subset-of 9001 4.4 reads superset-of from 9001', () => {
    const view = (id: string, other: string) => JSON.parse(crosswalk(['show', id, '--json'], { dataDir }).stdout).mappings.find((v: { otherId: string }) => v.otherId === other);
    expect(view('iso42001-2023:4.4', 'iso9001-2015:4.4')).toMatchObject({ direction: 'outgoing', relationship: 'subset-of' });
    expect(view('iso9001-2015:4.4', 'iso42001-2023:4.4')).toMatchObject({ direction: 'incoming', relationship: 'superset-of' });
  });

  it('lists the "no counterpart" records, and refuses what names no requirement or several', () => {
    expect(crosswalk(['show', 'iso42001-2023:6.1.4'], { dataDir }).stdout).toMatch(/^Reviewed as having no counterpart:\n {2}in iso27001-2022 \(approved\): /m);
    const none = crosswalk(['show', 'iso42001-2023:Z.9'], { dataDir });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/show: "iso42001-2023:Z\.9" names no requirement/);
    expect(crosswalk(['show', '4.1'], { dataDir }).stderr).toMatch(/show: "4\.1" names several requirements; did you mean "iso\S+:4\.1" or /);
  });
});

describe('help for one command', () => {
  it('prints its usage for "help COMMAND" and "COMMAND --help"; an unknown one is named', () => {
    for (const args of [['help', 'gap'], ['gap', '--help'], ['gap', '-h', '--target', 'x']]) {
      const result = crosswalk(args, { dataDir });
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      expect(result.stdout).toMatch(/^Usage: crosswalk gap --target FW /);
    }
    expect(crosswalk(['help', 'nope'], { dataDir }).stderr).toContain('unknown command "nope"');
    expect(crosswalk(['gap', '--bogus'], { dataDir }).stderr).toContain('(see "crosswalk help gap")');
  });
});
