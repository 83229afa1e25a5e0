import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../server/interop/csv.js';
import { crosswalk } from './run.js';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-analysis-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const file = (name: string) => path.join(dataDir, name);

describe('crosswalk gap on the shipped content (no store needed)', () => {
  it('gives a reasoned answer for ISO/IEC 27001:2022 → ISO/IEC 42001:2023', () => {
    const result = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023'], { dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Gap analysis: all of iso27001-2022 → iso42001-2023\n/);
    expect(result.stdout).toMatch(/✗ uncovered 6\.1\.4 AI system impact assessment\n\s+reviewed: no counterpart in iso27001-2022 — /);
    expect(result.stdout).toMatch(/^Of the \d+ partial, by the strength of the best path: \d+ mostly similar \(strength 7–10\), \d+ about half \(4–6\), \d+ mostly dissimilar \(0–3\)\.$/m);
    expect(result.stdout).toMatch(/◐ partial {3}4\.1 Understanding the organization and its context\n\s+partial: iso27001-2022:4\.1 → \[intersects-with, strength \d+\] iso42001-2023:4\.1; the rest needs its own evidence/);
    expect(result.stdout).toMatch(/✓ covered {3}7\.5\.3 Control of documented information\n\s+full: iso27001-2022:7\.5\.3 → \[equivalent-to, strength \d+\] iso42001-2023:7\.5\.3/);
    expect(fs.existsSync(file('crosswalk.db'))).toBe(false);
  });

  it('prints JSON and writes CSV; a workbook needs a file', () => {
    const json = JSON.parse(crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023', '--json'], { dataDir }).stdout);
    const { summary } = json;
    expect(summary.covered + summary.partial + summary.uncovered).toBe(summary.assessable);
    expect(json.rows.find((r: { ref: string }) => r.ref === '6.1.4').status).toBe('uncovered');
    const csv = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023', '--format', 'csv', '--out', file('gap.csv')], { dataDir });
    expect(csv.code).toBe(0);
    expect(readCsv(fs.readFileSync(file('gap.csv'), 'utf8'), 'gap.csv').rows).toHaveLength(json.rows.length);
    const xlsx = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023', '--format', 'xlsx'], { dataDir });
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('give --out FILE');
    const dated = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023', '--as-of', '2025-13-45'], { dataDir });
    expect({ code: dated.code, stderr: dated.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('gap: --as-of is the date the evidence register is read at') });
    const bad = crosswalk(['gap', '--have', 'iso27001-2022', '--target', 'iso42001-2023', '--max-path', '9'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid maxPathLength: 9');
  });

  it('writes --out into a new folder and says so; a path that cannot hold a file is refused by name, not a crash', () => {
    const nested = file('reports/2026/crosswalk.csv');
    const made = crosswalk(['export', '--format', 'csv', '--from', 'iso42001-2023', '--to', 'iso9001-2015', '--out', nested], { dataDir });
    expect(made.code).toBe(0);
    expect(made.stderr).toContain(`Wrote ${nested} (created the folder ${path.dirname(nested)})`);
    for (const [out, why] of [[path.join(nested, 'x.csv'), 'part of the path is a file, not a folder'], [dataDir, 'it is a folder']] as const) {
      const refused = crosswalk(['export', '--format', 'csv', '--from', 'iso42001-2023', '--to', 'iso9001-2015', '--out', out], { dataDir });
      expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(`export: cannot write --out "${out}": ${why}`) });
    }
    expect(crosswalk(['export', '--format', 'xlsx', '--from', 'iso42001-2023', '--to', 'iso9001-2015'], { dataDir }).stderr).toContain('export: this format is binary; give --out FILE');
    expect(fs.readdirSync(path.dirname(nested))).toEqual(['crosswalk.csv']);
    const empty = crosswalk(['export', '--format', 'csv', '--from', 'nist-ai-rmf-1.0', '--to', 'eu-ai-act-2024-1689'], { dataDir });
    expect(empty.stdout.trim().split('\n')).toHaveLength(1);
    expect(empty.stderr).toContain('no mapping between nist-ai-rmf-1.0 and eu-ai-act-2024-1689 is stored, so the file has no rows');
  });

  it('narrows the EU AI Act to what it asks of deployers, with the dates provisions apply from, and refuses a role it does not name', () => {
    const whole = crosswalk(['gap', '--have', 'iso42001-2023', '--target', 'eu-ai-act-2024-1689'], { dataDir });
    expect(whole.stdout).toMatch(/^Narrow it to whom or what it is for with --scope TAG \(its tags: .*role:deployer.*role:provider.*\)\.$/m);
    const result = crosswalk(['gap', '--have', 'iso42001-2023', '--target', 'eu-ai-act-2024-1689', '--scope', 'role:deployer'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Only requirements tagged role:deployer \(\d+ others left out\)\.$/m);
    expect(result.stdout).toMatch(/^Not yet covered, by the date they apply from: 2025-02-02 \d+ uncovered, \d+ partial; 2026-08-02 /m);
    // Deployers' duties are in; providers' alone (Art. 16, Art. 10) are not; an untitled paragraph is named by its summary.
    expect(result.stdout).toContain('Art. 26 Obligations of deployers of high-risk AI systems');
    expect(result.stdout).not.toMatch(/Art\. 16 |Art\. 10 /);
    expect(result.stdout).toMatch(/✗ uncovered Art\. 5\(1\)\(a\) \S.*\(applies from 2025-02-02\)/);
    const json = JSON.parse(crosswalk(['gap', '--have', 'iso42001-2023', '--target', 'eu-ai-act-2024-1689', '--scope', 'role:deployer', '--json'], { dataDir }).stdout);
    expect(json.summary.assessable).toBeLessThan(JSON.parse(crosswalk(['gap', '--have', 'iso42001-2023', '--target', 'eu-ai-act-2024-1689', '--json'], { dataDir }).stdout).summary.assessable);
    const wrong = crosswalk(['gap', '--have', 'iso42001-2023', '--target', 'eu-ai-act-2024-1689', '--scope', 'role:deployr'], { dataDir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no requirement of eu-ai-act-2024-1689 is tagged "role:deployr" \(its tags: .*role:deployer/);
  });

  it('writes the IMS plan as Markdown', () => {
    const result = crosswalk(['ims', '--standards', 'iso42001-2023,iso27001-2022,iso9001-2015'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| **Continual improvement** | 10.1 Continual improvement | 10.1 Continual improvement | 10.3 Continual improvement |');
  });
});

describe('store-backed analyses: evidence, SoA, controls', () => {
  beforeAll(() => {
    expect(crosswalk(['load'], { dataDir }).code).toBe(0);
  });

  it('imports evidence from CSV, shows its reach with paths, and uses it for a gap analysis', () => {
    fs.writeFileSync(
      file('evidence.csv'),
      'id,title,type,owner,location_uri,collected,expires,scope,description,requirements,org_controls,link_note\n' +
        'EV-LOGS,Event log retention export,log,SecOps,https://wiki.example.org/logs,2026-01-10,,,,iso42001-2023:A.6.2.8,,\n' +
        'EV-OLD,Old impact assessment,report,AI office,https://wiki.example.org/aia,2024-01-10,2025-01-10,,,iso42001-2023:A.5.2,,\n',
    );
    const imported = crosswalk(['evidence', 'import', '--format', 'csv', file('evidence.csv')], { dataDir });
    expect(imported.stdout).toContain('Imported 2 evidence items (2 new, 0 replaced) with 2 links.');
    const reach = JSON.parse(crosswalk(['evidence', 'reach', 'EV-LOGS', '--as-of', '2026-06-01', '--json'], { dataDir }).stdout);
    expect(reach.reached.find((r: { requirementId: string }) => r.requirementId === 'iso27001-2022:A.8.15')).toMatchObject({
      coverage: 'partial', contributions: [{ sourceId: 'iso42001-2023:A.6.2.8', path: [{ relationship: 'intersects-with' }] }],
    });
    expect(reach.byFramework.length).toBeGreaterThan(3);
    const gap = JSON.parse(crosswalk(['gap', '--evidence', '--target', 'iso27001-2022', '--as-of', '2026-06-01', '--json'], { dataDir }).stdout);
    expect(gap.rows.find((r: { ref: string }) => r.ref === 'A.8.15')).toMatchObject({ status: 'partial', contributions: [{ evidenceIds: ['EV-LOGS'] }] });
    const broken = crosswalk(['evidence', 'import', '--format', 'csv', file('gap.csv')], { dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('missing columns');
  });

  it('exports the SoA, takes edited decisions back, and shows them', () => {
    expect(crosswalk(['soa', '--framework', 'iso42001-2023', '--format', 'csv', '--out', file('soa.csv')], { dataDir }).code).toBe(0);
    const lines = fs.readFileSync(file('soa.csv'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('iso42001-2023,iso42001-2023:A.6.2.8,'));
    const cells = lines[at]!.split(',');
    cells[5] = 'yes';
    cells[6] = 'Logs of our AI services';
    cells[7] = 'implemented';
    lines[at] = cells.join(',');
    fs.writeFileSync(file('soa.csv'), lines.join('\n'));
    const imported = crosswalk(['soa', 'import', '--format', 'csv', file('soa.csv')], { dataDir });
    expect(imported.stdout).toContain('Saved 1 applicability decisions.');
    const soa = JSON.parse(crosswalk(['soa', '--framework', 'iso42001-2023', '--as-of', '2026-06-01', '--json'], { dataDir }).stdout);
    expect(soa.rows.find((r: { ref: string }) => r.ref === 'A.6.2.8')).toMatchObject({ applicable: true, implementationStatus: 'implemented', evidence: [{ evidenceId: 'EV-LOGS' }], issues: [] });
    expect(soa.rows.find((r: { ref: string }) => r.ref === 'A.5.2').issues).toContain('expired evidence: EV-OLD (2025-01-10)');
  });

  it('proposes and saves a control set, edits it, and re-imports its JSON export unchanged', () => {
    const args = ['controls', 'propose', '--frameworks', 'iso42001-2023,iso27001-2022', '--save'];
    expect(crosswalk(args, { dataDir }).code).toBe(0);
    expect(crosswalk(args, { dataDir }).stderr).toContain('pass --replace');
    expect(crosswalk(['controls', 'rename', 'uc:iso42001-2023:5.2', '--title', 'Top-level policies'], { dataDir }).code).toBe(0);
    expect(crosswalk(['controls', 'list', '--format', 'json', '--out', file('controls.json')], { dataDir }).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file('controls.json'), 'utf8'));
    expect(exported.controls.find((c: { id: string }) => c.id === 'uc:iso42001-2023:5.2')).toMatchObject({ title: 'Top-level policies', origin: 'user' });
    expect(crosswalk(['controls', 'import', '--format', 'json', file('controls.json')], { dataDir }).code).toBe(0);
    expect(JSON.parse(crosswalk(['controls', 'list', '--json'], { dataDir }).stdout)).toEqual(exported.controls);
  });

  it('takes the SoA and the control set back from their XLSX exports, and an evidence register kept in a workbook', async () => {
    // The SoA decisions made above survive export to XLSX and import from it.
    expect(crosswalk(['soa', '--framework', 'iso42001-2023', '--format', 'xlsx', '--out', file('soa.xlsx')], { dataDir }).code).toBe(0);
    const soa = crosswalk(['soa', 'import', '--format', 'csv', file('soa.xlsx')], { dataDir });
    expect(soa.stdout).toContain('Saved 1 applicability decisions.');

    // The control set workbook's "Citations" sheet (not its first sheet) holds the importable columns.
    const before = JSON.parse(crosswalk(['controls', 'list', '--json'], { dataDir }).stdout);
    expect(crosswalk(['controls', 'list', '--format', 'xlsx', '--out', file('controls.xlsx')], { dataDir }).code).toBe(0);
    const controls = crosswalk(['controls', 'import', '--format', 'csv', file('controls.xlsx')], { dataDir });
    expect(controls.stderr).toBe('');
    expect(JSON.parse(crosswalk(['controls', 'list', '--json'], { dataDir }).stdout)).toEqual(before);

    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Register').addRows([
      ['id', 'title', 'type', 'owner', 'location_uri', 'collected', 'requirements'],
      ['EV-XL-1', 'Model card, reviewed\nby the AI office', 'record', 'AI office', 'https://wiki.example.org/cards', new Date('2026-02-01T00:00:00Z'), 'iso42001-2023:A.6.2.7'],
      ['EV-XL-2', 'Broken link', 'record', 'AI office', 'https://wiki.example.org/x', '2026-02-01', 'iso42001-2023:A.99'],
    ]);
    fs.writeFileSync(file('register.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
    const refused = crosswalk(['evidence', 'import', '--format', 'csv', file('register.xlsx')], { dataDir });
    expect(refused.code).toBe(1);
    // Row 3 of the sheet, although the two-line title above makes it line 4 of the CSV.
    expect(refused.stderr).toMatch(/register\.xlsx \(sheet "Register"\):3: .*A\.99/);
    workbook.getWorksheet('Register')!.spliceRows(3, 1);
    fs.writeFileSync(file('register.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(crosswalk(['evidence', 'import', '--format', 'csv', file('register.xlsx')], { dataDir }).stdout).toContain('Imported 1 evidence items (1 new, 0 replaced) with 1 links.');
    const listed = JSON.parse(crosswalk(['evidence', 'list', '--json'], { dataDir }).stdout).evidence;
    expect(listed.find((e: { id: string }) => e.id === 'EV-XL-1')).toMatchObject({ title: 'Model card, reviewed\nby the AI office', collected: '2026-02-01' });
  });

  it('reads another tool\'s evidence register under its own column names, and says how it read them', () => {
    fs.writeFileSync(
      file('vendor-register.csv'),
      'Evidence ID,Name,Type,Owner,Link,Date Collected,Expiry Date,Requirement IDs,Internal rating\n' +
        'EV-VENDOR-1,AI impact assessment 2026,Report,Risk office,https://grc.example.org/ev/1,2026-03-01,2027-03-01,iso42001-2023:A.5.2,high\n',
    );
    const imported = crosswalk(['evidence', 'import', '--format', 'csv', file('vendor-register.csv')], { dataDir });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('header read with other names: "Evidence ID" as id, "Name" as title, "Link" as location_uri, "Date Collected" as collected, "Expiry Date" as expires, "Requirement IDs" as requirements (warning)');
    const listed = JSON.parse(crosswalk(['evidence', 'list', '--json'], { dataDir }).stdout).evidence;
    expect(listed.find((e: { id: string }) => e.id === 'EV-VENDOR-1')).toMatchObject({ title: 'AI impact assessment 2026', type: 'report', locationUri: 'https://grc.example.org/ev/1', expires: '2027-03-01' });
  });

  it('imports another tool\'s SoA by control ref under --framework, printing how it read it', () => {
    fs.writeFileSync(file('other-soa.csv'), 'Control,Applicable,Justification,Status\nA.6.2.6,Yes,We operate AI systems,Partially implemented\n');
    const saved = crosswalk(['soa', 'import', '--format', 'csv', file('other-soa.csv'), '--framework', 'iso42001-2023'], { dataDir });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('Saved 1 applicability decisions.');
    expect(saved.stderr).toContain('"Partially implemented" as in-progress (warning)');
    const soa = JSON.parse(crosswalk(['soa', '--framework', 'iso42001-2023', '--json'], { dataDir }).stdout);
    expect(soa.rows.find((r: { ref: string }) => r.ref === 'A.6.2.6')).toMatchObject({ applicable: true, implementationStatus: 'in-progress' });
  });

  it('imports a SoA that writes ISO/IEC 27001:2022 Annex A without "A." as the controls, saying so on stderr', () => {
    // "5.1" and "6.3" also name clauses of the same standard; in a column of Annex A numbers they mean A.5.1 and A.6.3.
    fs.writeFileSync(
      file('annex-a-soa.csv'),
      [
        'Annex A control,Applicable,Justification for inclusion/exclusion,Status',
        '5.1 Policies for information security,Yes,Our ISMS needs a policy set,Implemented',
        '5.15 Access control,Yes,Access to systems is restricted,Partially implemented',
        '5.23 Information security for use of cloud services,Yes,We run on cloud services,Planned',
        '"6.3 Information security awareness, education and training",Yes,Everyone is trained yearly,Implemented',
        '8.24 Use of cryptography,Yes,Data is encrypted,Implemented',
      ].join('\n'),
    );
    const saved = crosswalk(['soa', 'import', '--format', 'csv', file('annex-a-soa.csv'), '--framework', 'iso27001-2022'], { dataDir });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('Saved 5 applicability decisions.');
    expect(saved.stderr).toContain(`${file('annex-a-soa.csv')}:2: 5 id(s) in column "Annex A control" of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.15 Access control" as A.5.15, "5.23 Information security for use of cloud services" as A.5.23, "8.24 Use of cryptography" as A.8.24; 2 of them also name another requirement as written, and are read with it all the same ("5.1 Policies for information security" as A.5.1, not 5.1; "6.3 Information security awareness, education and training" as A.6.3, not 6.3); check them (warning)`);
    const soa = JSON.parse(crosswalk(['soa', '--framework', 'iso27001-2022', '--json'], { dataDir }).stdout);
    const decided = soa.rows.filter((r: { applicable: boolean | null }) => r.applicable !== null);
    expect(decided.map((r: { ref: string; implementationStatus: string }) => [r.ref, r.implementationStatus])).toEqual([
      ['A.5.1', 'implemented'], ['A.5.15', 'in-progress'], ['A.5.23', 'planned'], ['A.6.3', 'implemented'], ['A.8.24', 'implemented'],
    ]);
  });

  it('imports another tool\'s control matrix: one column per framework, tied to the loaded frameworks by name', () => {
    fs.writeFileSync(file('matrix.csv'), 'Control ID,Control Name,ISO/IEC 27001:2022,ISO/IEC 42001:2023\nUC-LOG,Event logging,A.8.15,"A.6.2.8, A.7.2"\n');
    const imported = crosswalk(['controls', 'import', '--format', 'csv', file('matrix.csv')], { dataDir });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('framework columns: "ISO/IEC 27001:2022" as iso27001-2022, "ISO/IEC 42001:2023" as iso42001-2023 (warning)');
    const listed = JSON.parse(crosswalk(['controls', 'list', '--json'], { dataDir }).stdout);
    const controls = Array.isArray(listed) ? listed : listed.controls;
    expect(controls.map((c: { id: string; requirementIds: string[] }) => [c.id, c.requirementIds])).toEqual([['UC-LOG', ['iso27001-2022:A.8.15', 'iso42001-2023:A.6.2.8', 'iso42001-2023:A.7.2']]]);
  });

  it('names the requirements an item reaches outside its scope', () => {
    fs.writeFileSync(
      file('scoped.csv'),
      'id,title,type,owner,location_uri,collected,expires,scope,description,requirements,org_controls,link_note\n' +
        'EV-SCOPED,AI event logs,log,SecOps,https://wiki.example.org/ai-logs,2026-01-10,,iso42001-2023,,iso42001-2023:A.6.2.8,,\n',
    );
    expect(crosswalk(['evidence', 'import', '--format', 'csv', file('scoped.csv')], { dataDir }).code).toBe(0);
    const text = crosswalk(['evidence', 'reach', 'EV-SCOPED', '--as-of', '2026-06-01'], { dataDir }).stdout;
    const outOfScope = text.slice(text.indexOf('Out of scope (not counted):'));
    expect(outOfScope).toMatch(/\n  partial +iso27001-2022 A\.8\.15 Logging\n/);
  });
});
