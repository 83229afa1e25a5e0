import { describe, expect, it } from 'vitest';
import { gapAnalysis } from '../../server/domain/analysis/gapAnalysis.js';
import { imsPlan } from '../../server/domain/analysis/imsPlan.js';
import { statementOfApplicability } from '../../server/domain/analysis/statementOfApplicability.js';
import { proposeUnifiedControls } from '../../server/domain/analysis/unifiedControlSet.js';
import { buildCoverageIndex } from '../../server/domain/analysis/coverageIndex.js';
import type { SoaEntry } from '../../server/domain/schemas/soa.js';
import { contentDirs } from '../../server/config.js';
import { loadContent } from '../../server/content/loadContent.js';
import { readCsv } from '../../server/interop/csv.js';
import { exportGapCsv, exportGapXlsx, GAP_CSV_COLUMNS } from '../../server/exports/gapExport.js';
import { exportImsMarkdown, exportImsXlsx } from '../../server/exports/imsExport.js';
import { exportSoaCsv, exportSoaXlsx, importSoaCsv, SOA_CSV_COLUMNS } from '../../server/exports/soaExport.js';
import {
  CONTROL_SET_CSV_COLUMNS, exportControlSetCsv, exportControlSetJson, exportControlSetOscal, exportControlSetXlsx, importControlSetCsv, importControlSetJson,
  requirementResourceUuid,
} from '../../server/exports/controlSetExport.js';
import { readWorkbook, sheetRows } from '../../server/exports/workbook.js';
import { oscalValidator } from '../interop/helpers.js';

const { bundle } = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
const index = buildCoverageIndex(bundle);
const AT = '2026-06-01T12:00:00Z';
const requirementIds = new Set(bundle.requirements.map((r) => r.id));

describe('gap analysis exports', () => {
  const report = gapAnalysis(index, { have: { kind: 'frameworks', frameworkIds: ['iso27001-2022'] }, target: 'iso42001-2023' });

  it('CSV: every row of the report, with its status, reason, best path and mappings', () => {
    const { header, rows, problems } = readCsv(exportGapCsv(report), 'gap.csv');
    expect(problems).toEqual([]);
    expect(header).toEqual([...GAP_CSV_COLUMNS]);
    expect(rows).toHaveLength(report.rows.length);
    const impact = rows.find((r) => r.values.requirement_id === 'iso42001-2023:6.1.4')!.values;
    expect(impact).toMatchObject({ status: 'uncovered', assessable: 'yes', basis: 'none', best_path: '' });
    expect(impact.reason).toMatch(/^reviewed: no counterpart in iso27001-2022/);
    expect(impact.no_counterpart).toMatch(/^iso27001-2022: /);
    const context = rows.find((r) => r.values.requirement_id === 'iso42001-2023:4.1')!.values;
    expect(context).toMatchObject({ status: 'partial', best_source: 'iso27001-2022:4.1', mappings_used: 'iso42001-2023:4.1 -> iso27001-2022:4.1', weakest_strength: '8', overlap: 'mostly similar' });
    expect(impact.overlap).toBe('');
    expect(rows.map((r) => r.values.status)).toEqual(report.rows.map((r) => r.status));
  });

  it('XLSX: the same rows, every path, and a summary', async () => {
    const workbook = await readWorkbook(await exportGapXlsx(report, { generatedAt: AT }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Gap analysis', 'Paths', 'Summary']);
    const rows = sheetRows(workbook.getWorksheet('Gap analysis')!);
    expect(rows[0]).toEqual([...GAP_CSV_COLUMNS]);
    expect(rows).toHaveLength(report.rows.length + 1);
    expect(sheetRows(workbook.getWorksheet('Paths')!)).toHaveLength(report.rows.reduce((n, r) => n + r.contributions.length, 0) + 1);
    const summary = sheetRows(workbook.getWorksheet('Summary')!);
    expect(summary).toContainEqual(['Uncovered, reviewed "no counterpart"', String(report.summary.uncoveredNoCounterpart)]);
    expect(summary).toContainEqual(['Partial, mostly similar (strength 7–10)', String(report.summary.partialByOverlap.mostlySimilar)]);
    expect(summary.some((row) => row[0] === 'Only requirements tagged')).toBe(false);
  });

  it('a scoped report says its scope, dates and what is open by date in every format', async () => {
    const scoped = gapAnalysis(index, { have: { kind: 'frameworks', frameworkIds: ['iso42001-2023'] }, target: 'eu-ai-act-2024-1689', scope: ['role:deployer'] });
    const { rows } = readCsv(exportGapCsv(scoped), 'gap.csv');
    expect(rows.find((r) => r.values.requirement_id === 'eu-ai-act-2024-1689:Art. 26(1)')!.values).toMatchObject({ applies_from: '2026-08-02', summary: expect.stringMatching(/^Deployers /) });
    const summary = sheetRows((await readWorkbook(await exportGapXlsx(scoped, { generatedAt: AT }))).getWorksheet('Summary')!);
    expect(summary).toContainEqual(['Only requirements tagged', 'role:deployer']);
    expect(summary).toContainEqual(['Left out of that scope', String(scoped.scope!.leftOut)]);
    const first = scoped.openByDate![0]!;
    expect(summary).toContainEqual([first.appliesFrom, `${first.uncovered} uncovered, ${first.partial} partial`]);
  });
});

describe('unified control set exports', () => {
  const proposal = proposeUnifiedControls(index, { frameworks: ['iso42001-2023', 'iso27001-2022', 'iso9001-2015'], at: AT, harmonizedClauses: bundle.harmonizedClauses });
  const controls = proposal.controls.map((p) => p.control);
  const input = { controls, requirements: bundle.requirements, frameworks: bundle.frameworks, generatedAt: AT };

  it('JSON re-imports to the same controls, and refuses a broken file with located problems', () => {
    const back = importControlSetJson(exportControlSetJson(input), { file: 'set.json', knownRequirementIds: requirementIds });
    expect(back).toEqual({ controls, problems: [] });
    const broken = JSON.parse(exportControlSetJson(input));
    broken.controls[1].requirementIds = [];
    broken.controls[2].requirementIds.push('iso42001-2023:Z.9');
    const result = importControlSetJson(JSON.stringify(broken), { file: 'set.json', knownRequirementIds: requirementIds });
    expect(result.controls).toEqual([]);
    expect(result.problems.map((p) => p.path)).toContain('controls[1].requirementIds');
    expect(importControlSetJson('{"format":"other"}', { file: 'x.json' }).problems[0]!.message).toMatch(/not a Crosswalk control set/);
  });

  it('CSV re-imports to the same controls; rows of one control must agree', () => {
    const csv = exportControlSetCsv(input);
    expect(readCsv(csv, 'set.csv').header).toEqual([...CONTROL_SET_CSV_COLUMNS]);
    expect(readCsv(csv, 'set.csv').rows).toHaveLength(controls.reduce((n, c) => n + c.requirementIds.length, 0));
    expect(importControlSetCsv(csv, { file: 'set.csv', knownRequirementIds: requirementIds })).toEqual({ controls, problems: [] });
    const lines = csv.split('\n');
    lines[2] = lines[2]!.replace('Understanding the organization and its context', 'Another title');
    const result = importControlSetCsv(lines.join('\n'), { file: 'set.csv' });
    expect(result.controls).toEqual([]);
    expect(result.problems[0]).toMatchObject({ line: 3, message: 'control "uc:iso42001-2023:4.1": title differs from line 2' });
  });

  it('CSV import reads requirement ids as written: "iso27001-2022:5.1" is clause 5.1, and an Annex A id without "A." is refused', () => {
    // Each requirement_id names its framework (Crosswalk's own ids, not one framework's column of refs), so no prefix is
    // put before it; a file with an unknown id imports nothing.
    const row = (ref: string) => `UC-1,Policies,,user,${AT},${AT},iso27001-2022:${ref},,,`;
    const csv = (...refs: string[]) => [CONTROL_SET_CSV_COLUMNS.join(','), ...refs.map(row)].join('\n');
    expect(importControlSetCsv(csv('5.1'), { file: 'set.csv', knownRequirementIds: requirementIds }).controls[0]!.requirementIds).toEqual(['iso27001-2022:5.1']);
    const bare = importControlSetCsv(csv('5.1', '5.2', '5.15', '5.23', '8.24'), { file: 'set.csv', knownRequirementIds: requirementIds });
    expect(bare.controls).toEqual([]);
    expect(bare.problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'requirement_id: unknown requirement "iso27001-2022:5.15" (did you mean iso27001-2022:A.5.15?)'],
      [5, 'requirement_id: unknown requirement "iso27001-2022:5.23" (did you mean iso27001-2022:A.5.23?)'],
      [6, 'requirement_id: unknown requirement "iso27001-2022:8.24" (did you mean iso27001-2022:A.8.24?)'],
    ]);
  });

  it('XLSX lists each control with its refs per framework, and every citation', async () => {
    const workbook = await readWorkbook(await exportControlSetXlsx(input));
    const rows = sheetRows(workbook.getWorksheet('Controls')!);
    expect(rows[0]).toEqual(['control_id', 'title', 'description', 'origin', 'requirements', 'iso42001-2023', 'iso27001-2022', 'iso9001-2015']);
    expect(rows.find((r) => r[0] === 'uc:iso42001-2023:10.1')!.slice(5)).toEqual(['10.1', '10.1', '10.3']);
    expect(sheetRows(workbook.getWorksheet('Citations')!)).toHaveLength(readCsv(exportControlSetCsv(input), 'x').rows.length + 1);
  });

  it('OSCAL: a valid 1.2.1 catalog whose controls link to a resource for every cited requirement', () => {
    const validate = oscalValidator('catalog');
    const doc = JSON.parse(exportControlSetOscal(input));
    expect(validate(doc)).toEqual([]);
    const resources = new Map(doc.catalog['back-matter'].resources.map((r: { uuid: string }) => [r.uuid, r]));
    expect(doc.catalog.controls).toHaveLength(controls.length);
    for (const [i, control] of controls.entries()) {
      const oscal = doc.catalog.controls[i];
      expect(oscal.props[0]).toEqual({ name: 'label', value: control.id });
      expect(oscal.links.map((l: { href: string }) => l.href)).toEqual(control.requirementIds.map((id) => `#${requirementResourceUuid(id)}`));
      for (const link of oscal.links) expect(resources.has(link.href.slice(1))).toBe(true);
    }
    const resource = resources.get(requirementResourceUuid('iso9001-2015:10.3')) as { title: string; props: Array<{ name: string; value: string }> };
    expect(resource.title).toBe('ISO 9001:2015 10.3 Continual improvement');
    expect(resource.props).toContainEqual({ name: 'requirement-id', ns: 'urn:crosswalk:oscal', value: 'iso9001-2015:10.3' });
    // The schema check is real.
    doc.catalog.controls[0].id = 'uc:not a token';
    expect(validate(doc).length).toBeGreaterThan(0);
  });
});

describe('IMS plan exports', () => {
  const plan = imsPlan(index, { standards: ['iso42001-2023', 'iso27001-2022', 'iso9001-2015'], harmonizedClauses: bundle.harmonizedClauses });

  it('Markdown: a process table joined by concept, and each standard\'s additions', () => {
    const text = exportImsMarkdown(plan, { frameworks: bundle.frameworks, generatedAt: AT });
    expect(text).toMatch(/^# Integrated management system plan: ISO\/IEC 42001:2023 \+ ISO\/IEC 27001:2022 \+ ISO 9001:2015\n/);
    expect(text).toContain('| **Continual improvement** | 10.1 Continual improvement | 10.1 Continual improvement | 10.3 Continual improvement |');
    expect(text).toMatch(/- 6\.1\.4 AI system impact assessment \(in hs:risks-and-opportunities, no counterpart\)/);
    expect(text).toContain('### ISO/IEC 27001:2022 (');
    const context = text.slice(text.indexOf('### Understanding the organization and its context'), text.indexOf('### Needs and expectations'));
    expect(context).toMatch(/How the standards differ here:\n\n- ISO\/IEC 42001:2023 4\.1 intersects-with ISO\/IEC 27001:2022 4\.1: Both determine .*\n- ISO\/IEC 42001:2023 4\.1 intersects-with ISO 9001:2015 4\.1: /);
  });

  it('XLSX: one row per process clause and per addition', async () => {
    const workbook = await readWorkbook(await exportImsXlsx(plan, { frameworks: bundle.frameworks, generatedAt: AT }));
    const processes = sheetRows(workbook.getWorksheet('Processes')!);
    expect(processes).toHaveLength(plan.processes.reduce((n, p) => n + p.clauses.reduce((m, c) => m + c.items.length, 0), 0) + 1);
    const differ = processes[0]!.indexOf('how_they_differ');
    expect(processes.find((r) => r[3] === 'iso27001-2022:4.1')![differ]).toMatch(/^iso42001-2023:4\.1: Both determine/);
    expect(sheetRows(workbook.getWorksheet('Additions')!)).toHaveLength(plan.additions.reduce((n, a) => n + a.items.length, 0) + 1);
  });
});

describe('Statement of Applicability exports', () => {
  const entries: SoaEntry[] = [
    { frameworkId: 'iso42001-2023', requirementId: 'iso42001-2023:A.2.2', applicable: true, justification: 'Policy required by risk R-1, "core"', implementationStatus: 'implemented', updatedAt: '2026-05-01T00:00:00Z' },
    { frameworkId: 'iso42001-2023', requirementId: 'iso42001-2023:A.7.6', applicable: false, justification: 'We train no models,\nso no data preparation.', implementationStatus: 'not-started' },
  ];
  const soa = statementOfApplicability({ frameworkId: 'iso42001-2023', requirements: bundle.requirements, entries, asOf: '2026-06-01' });

  it('CSV lists all 38 Annex A controls and re-imports to the same decisions', () => {
    const csv = exportSoaCsv(soa);
    const { header, rows } = readCsv(csv, 'soa.csv');
    expect(header).toEqual([...SOA_CSV_COLUMNS]);
    expect(rows).toHaveLength(38);
    expect(importSoaCsv(csv, { file: 'soa.csv', frameworkId: 'iso42001-2023', knownRequirementIds: requirementIds })).toEqual({ entries, problems: [] });
  });

  it('CSV import names the line of every bad row and imports nothing', () => {
    const text = [
      'framework_id,requirement_id,applicable,justification,implementation_status',
      'iso42001-2023,iso42001-2023:A.2.2,maybe,x,planned',
      'iso42001-2023,iso42001-2023:A.2.3,no,,not-started',
      'iso42001-2023,iso42001-2023:A.2.4,yes,ok,whenever',
      'iso42001-2023,iso27001-2022:A.5.1,yes,ok,planned',
      'iso42001-2023,iso42001-2023:A.3.2,Yes,Needed,In progress',
    ].join('\n');
    const result = importSoaCsv(text, { file: 'soa.csv', knownRequirementIds: requirementIds });
    expect(result.entries).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'applicable: invalid value "maybe" (expected: yes, no, or blank for undecided)'],
      [3, 'justification: excluding a control needs a justification'],
      [4, 'implementationStatus: invalid status "whenever" (expected: not-started, planned, in-progress, implemented)'],
      [5, 'requirementId: the requirement is not in this framework'],
    ]);
  });

  it('CSV import reads another tool\'s SoA: its column names, control refs under --framework, its status words', () => {
    const text = [
      'Control,Control name,Applicable,Justification for inclusion/exclusion,Status',
      'A.2.2,AI policy,Yes,Board asked for it,Fully implemented',
      'A.2.3 Alignment with other organizational policies,,No,Covered by the group policy,',
      'A.3.2,AI roles and responsibilities,yes,Needed,Partially implemented',
    ].join('\n');
    const result = importSoaCsv(text, { file: 'other.csv', frameworkId: 'iso42001-2023', knownRequirementIds: requirementIds });
    expect(result.entries.map((e) => [e.requirementId, e.applicable, e.implementationStatus])).toEqual([
      ['iso42001-2023:A.2.2', true, 'implemented'],
      ['iso42001-2023:A.2.3', false, 'not-started'],
      ['iso42001-2023:A.3.2', true, 'in-progress'],
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'header read with other names: "Control" as ref, "Justification for inclusion/exclusion" as justification, "Status" as implementation_status',
      'implementation statuses read in Crosswalk\'s terms: "Fully implemented" as implemented, "Partially implemented" as in-progress',
    ]);
    // Without the framework, control refs cannot become requirement ids.
    expect(importSoaCsv(text, { file: 'other.csv', knownRequirementIds: requirementIds }).problems[0]!.message).toMatch(/^missing column framework_id .*; or name the framework with --framework/);
  });

  describe('a SoA that writes ISO/IEC 27001:2022 Annex A without "A."', () => {
    // As tools that number Annex A like ISO/IEC 27002 write it: clauses 5.1, 5.2, 6.1, 6.3 and 7.4 of the same standard
    // read like controls A.5.1, A.5.2, A.6.1, A.6.3 and A.7.4.
    const annexA = [
      'Control,Control name,Applicable,Justification,Status',
      '5.1 Policies for information security,,Yes,Our ISMS needs a policy set,Implemented',
      '5.2,Information security roles and responsibilities,Yes,Roles are assigned,Implemented',
      '5.15,Access control,Yes,Access to systems is restricted,In progress',
      '5.23,Information security for use of cloud services,Yes,We run on cloud services,Planned',
      '6.1,Screening,Yes,Staff are vetted,Implemented',
      '6.3,,Yes,Everyone is trained yearly,Implemented',
      '7.4,Physical security monitoring,No,We have no premises of our own,',
      '8.8,,Yes,We patch what we run,In progress',
      '8.16,Monitoring activities,,,',
      '8.24,Use of cryptography,Yes,Data is encrypted in transit and at rest,Implemented',
    ].join('\n');
    const prefixWarnings = (problems: Array<{ message: string }>) => problems.filter((p) => p.message.includes('leave off'));

    it('reads every ref with the prefix, the ones that name a clause as written too, and says so once', () => {
      const result = importSoaCsv(annexA, { file: 'annex-a.csv', frameworkId: 'iso27001-2022', knownRequirementIds: requirementIds });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.entries.map((e) => [e.requirementId, e.applicable])).toEqual([
        ['iso27001-2022:A.5.1', true], ['iso27001-2022:A.5.2', true], ['iso27001-2022:A.5.15', true], ['iso27001-2022:A.5.23', true],
        ['iso27001-2022:A.6.1', true], ['iso27001-2022:A.6.3', true], ['iso27001-2022:A.7.4', false], ['iso27001-2022:A.8.8', true],
        ['iso27001-2022:A.8.24', true],
      ]);
      // At the first row read with it, naming the column; the undecided row (8.16) is not imported, so not listed.
      expect(prefixWarnings(result.problems)).toEqual([{
        file: 'annex-a.csv', line: 2, severity: 'warning',
        message: '9 id(s) in column "Control" of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.15" as A.5.15, "5.23" as A.5.23, "8.8" as A.8.8; 5 of them also name another requirement as written, and are read with it all the same ("5.1 Policies for information security" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2; "6.1" as A.6.1, not 6.1; "6.3" as A.6.3, not 6.3; "7.4" as A.7.4, not 7.4); check them',
      }]);
    });

    it('in a short SoA, reads the refs that name nothing with the prefix, and refuses one that could be a clause', () => {
      const short = ['Control,Applicable,Justification', '5.15,Yes,Access to systems is restricted', '8.24,Yes,Data is encrypted'].join('\n');
      const result = importSoaCsv(short, { file: 'short.csv', frameworkId: 'iso27001-2022', knownRequirementIds: requirementIds });
      expect(result.entries.map((e) => e.requirementId)).toEqual(['iso27001-2022:A.5.15', 'iso27001-2022:A.8.24']);
      expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^2 id\(s\) in column "Control" of iso27001-2022 leave off the "A\." its refs begin with/));
      // "7.4" is clause 7.4 (Communication) and control A.7.4: two rows cannot say which, so the reader decides.
      const unclear = importSoaCsv(`${short}\n7.4,No,No premises of our own`, { file: 'short.csv', frameworkId: 'iso27001-2022', knownRequirementIds: requirementIds });
      expect(unclear.entries).toEqual([]);
      expect(unclear.problems.filter((p) => p.severity === 'error').map((p) => p.line)).toEqual([2, 3]);
    });

    it('decides per framework: with a framework column, another framework\'s refs are read as written', () => {
      const [, ...rows] = annexA.split('\n');
      const text = ['Framework,Control,Applicable,Justification', ...rows.map((r) => `iso27001-2022,${r.split(',').filter((_, i) => i !== 1 && i !== 4).join(',')}`), 'iso42001-2023,A.2.2,Yes,We have an AI policy'].join('\n');
      const result = importSoaCsv(text, { file: 'two.csv', knownRequirementIds: requirementIds });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.entries.map((e) => e.requirementId)).toContain('iso27001-2022:A.5.1');
      expect(result.entries.at(-1)!.requirementId).toBe('iso42001-2023:A.2.2');
      expect(prefixWarnings(result.problems).map((p) => p.message)).toEqual([expect.stringMatching(/^9 id\(s\) in column "Control" of iso27001-2022 leave off the "A\." /)]);
    });

    it('reads refs as written when the column mixes clauses with controls written in full, or too few name nothing as written', () => {
      const mixed = importSoaCsv(
        ['Control,Applicable,Justification', '4.1,Yes,Context is set', '5.1,Yes,Leadership is committed', '6.1.3,Yes,Risks are treated', 'A.5.15,Yes,Access is restricted', 'A.8.24 Use of cryptography,Yes,Data is encrypted'].join('\n'),
        { file: 'mixed.csv', frameworkId: 'iso27001-2022', knownRequirementIds: requirementIds },
      );
      expect(mixed.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(mixed.entries.map((e) => e.requirementId)).toEqual(['iso27001-2022:4.1', 'iso27001-2022:5.1', 'iso27001-2022:6.1.3', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.24']);
      expect(prefixWarnings(mixed.problems)).toEqual([]);

      // Two refs that name nothing among five are not a column that leaves off a prefix: they stay unknown.
      const few = importSoaCsv(
        ['Control,Applicable,Justification', '5.1,Yes,a', '5.2,Yes,b', '5.3,Yes,c', '5.15,Yes,d', '8.24,Yes,e'].join('\n'),
        { file: 'few.csv', frameworkId: 'iso27001-2022', knownRequirementIds: requirementIds },
      );
      expect(few.entries).toEqual([]);
      expect(prefixWarnings(few.problems)).toEqual([]);
      expect(few.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.message])).toEqual([
        [5, 'ref: unknown requirement "iso27001-2022:5.15" (did you mean iso27001-2022:A.5.15?)'],
        [6, 'ref: unknown requirement "iso27001-2022:8.24" (did you mean iso27001-2022:A.8.24?)'],
      ]);
    });
  });

  it('XLSX holds the same rows and a summary', async () => {
    const workbook = await readWorkbook(await exportSoaXlsx(soa, { generatedAt: AT }));
    const rows = sheetRows(workbook.getWorksheet('Statement of Applicability')!);
    expect(rows).toHaveLength(39);
    expect(rows.find((r) => r[1] === 'iso42001-2023:A.7.6')!.slice(5, 8)).toEqual(['no', 'We train no models,\nso no data preparation.', 'not-started']);
  });
});
