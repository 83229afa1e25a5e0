import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../server/domain/errors.js';
import { frameworkReader } from '../../server/domain/frameworkNames.js';
import { importControlMatrix } from '../../server/exports/controlMatrix.js';

const frameworks = [
  { id: 'iso27001-2022', name: 'ISO/IEC 27001', edition: '2022' },
  { id: 'iso42001-2023', name: 'ISO/IEC 42001', edition: '2023' },
  { id: 'iso27701-2019', name: 'ISO/IEC 27701', edition: '2019' },
  { id: 'iso27701-2025', name: 'ISO/IEC 27701', edition: '2025' },
  { id: 'nist-ai-rmf-1.0', name: 'NIST AI Risk Management Framework (AI RMF)', edition: '1.0' },
];
const read = frameworkReader(frameworks);
const refs: Record<string, string[]> = { 'iso27001-2022': ['A.5', 'A.5.1', 'A.5.2', 'A.8.15'], 'iso42001-2023': ['A.2', 'A.2.2', 'A.6.2.8'], 'nist-ai-rmf-1.0': ['GOVERN 1.1', 'MEASURE 2.8'] };
const options = { file: 'matrix.csv', frameworks, refsOf: (id: string) => refs[id] ?? [], now: '2026-11-24T00:00:00Z' };

describe('control matrices from other tools', () => {
  it('ties a column to a loaded framework by id or name, or a part of its id when only one fits, and asks for the edition when two do', () => {
    expect(read('ISO/IEC 42001:2023')).toEqual({ id: 'iso42001-2023', how: 'name and edition', editionless: false });
    expect(read('iso27001-2022')).toEqual({ id: 'iso27001-2022', how: 'id', editionless: false });
    expect(read('ISO 27001:2022')).toEqual({ id: 'iso27001-2022', how: 'id, spelt otherwise', editionless: false });
    expect(read('ISO 27001')).toEqual({ id: 'iso27001-2022', how: 'id without edition', editionless: true });
    expect(read('ISO\n42001\nv2023')).toEqual({ id: 'iso42001-2023', how: 'id, spelt otherwise', editionless: false });
    expect(read('ISO/IEC 27001 v2022')).toEqual({ id: 'iso27001-2022', how: 'id, spelt otherwise', editionless: false });
    expect(read('NIST AI RMF')).toEqual({ id: 'nist-ai-rmf-1.0', how: 'id without edition', editionless: true });
    expect(read('27001')).toEqual({ id: 'iso27001-2022', how: 'part of its id', editionless: true });
    expect(read('42001-2023')).toEqual({ id: 'iso42001-2023', how: 'part of its id', editionless: false });
    expect(read('ISO 27701')).toEqual({ ambiguous: ['iso27701-2019', 'iso27701-2025'] });
    expect(read('ISO/IEC 27701')).toEqual({ ambiguous: ['iso27701-2019', 'iso27701-2025'] });
    expect(read('Owner')).toBeUndefined();
  });

  it('imports one control per row citing the refs of every framework column, and says how it read the table', () => {
    const csv = [
      'Control ID,Control Name,Description,ISO/IEC 27001:2022,ISO/IEC 42001:2023,NIST AI RMF,Owner',
      'UC-1,Logging of AI events,Keep event logs of AI systems.,"A.8.15","A.6.2.8 AI system recording of event logs",MEASURE 2.8,SecOps',
      'UC-2,Policies,,A.5.1; A.5.2,A.2.2,,GRC',
      'UC-3,Not mapped yet,,,,,GRC',
    ].join('\n');
    const { controls, problems } = importControlMatrix(csv, options);
    expect(controls.map((c) => [c.id, c.title, c.requirementIds, c.origin])).toEqual([
      ['UC-1', 'Logging of AI events', ['iso27001-2022:A.8.15', 'iso42001-2023:A.6.2.8', 'nist-ai-rmf-1.0:MEASURE 2.8'], 'user'],
      ['UC-2', 'Policies', ['iso27001-2022:A.5.1', 'iso27001-2022:A.5.2', 'iso42001-2023:A.2.2'], 'user'],
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'matrix.csv:1: header read with other names: "Control Name" as control_title, "Description" as control_description',
      'matrix.csv:1: framework columns: "ISO/IEC 27001:2022" as iso27001-2022, "ISO/IEC 42001:2023" as iso42001-2023, "NIST AI RMF" as nist-ai-rmf-1.0',
      'matrix.csv:1: column(s) not read: Owner',
      'matrix.csv:4: 1 control(s) cite no requirement of the framework columns and were not imported (rows 4)',
    ]);
  });

  it('refuses a ref that names nothing, an ambiguous column and a table without framework columns, at their places', () => {
    const bad = importControlMatrix('Control ID,Title,ISO 27001\nUC-1,Logs,A.99\n', options);
    expect(bad.controls).toEqual([]);
    expect(bad.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual(['matrix.csv:2: row 2: ISO 27001: "A.99" names no requirement of iso27001-2022']);
    expect(importControlMatrix('Control ID,Title,ISO 27701\nUC-1,Logs,7.2\n', options).problems.map(formatProblem)).toEqual([
      'matrix.csv:1: column "ISO 27701" could be iso27701-2019 or iso27701-2025: name the edition in the header (e.g. "iso27701-2019")',
    ]);
    expect(importControlMatrix('Control ID,Title,Owner\nUC-1,Logs,me\n', options).problems.map(formatProblem)[0]).toMatch(/^matrix\.csv:1: no column names a loaded framework \(columns: Control ID, Title, Owner\)/);
  });

  describe('a framework column that writes ISO/IEC 27001:2022 Annex A without "A."', () => {
    // Clauses 5.1-5.3, 6.3 and 8.1 read like controls A.5.1-A.5.3, A.6.3 and A.8.1 written without "A.".
    const iso = ['4.1', '5', '5.1', '5.2', '5.3', '6.1.3', '6.3', '8.1', 'A.5', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.15', 'A.5.23', 'A.6.3', 'A.8.1', 'A.8.8', 'A.8.15', 'A.8.16', 'A.8.24'];
    const isoOptions = { ...options, refsOf: (id: string) => (id === 'iso27001-2022' ? iso : refs[id] ?? []) };
    const prefixWarnings = (problems: Parameters<typeof formatProblem>[0][]) => problems.filter((p) => p.message.includes('leave off')).map(formatProblem);

    it('reads the column\'s refs with the prefix, lists and titles included, and says so once; other columns as written', () => {
      const csv = [
        'Control ID,Control Name,ISO/IEC 27001:2022,ISO/IEC 42001:2023',
        'UC-POL,Policy set,"5.1, 5.2",A.2.2',
        'UC-ACC,Access,5.15 Access control,',
        'UC-CLD,Cloud,5.23,',
        'UC-TRN,Training,6.3,',
        'UC-DEV,Endpoints,8.1; 8.8,',
        'UC-LOG,Logging,"8.15, 8.16",A.6.2.8',
        'UC-CRY,Cryptography,8.24 Use of cryptography,',
      ].join('\n');
      const { controls, problems } = importControlMatrix(csv, isoOptions);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(controls.map((c) => [c.id, c.requirementIds])).toEqual([
        ['UC-POL', ['iso27001-2022:A.5.1', 'iso27001-2022:A.5.2', 'iso42001-2023:A.2.2']],
        ['UC-ACC', ['iso27001-2022:A.5.15']],
        ['UC-CLD', ['iso27001-2022:A.5.23']],
        ['UC-TRN', ['iso27001-2022:A.6.3']],
        ['UC-DEV', ['iso27001-2022:A.8.1', 'iso27001-2022:A.8.8']],
        ['UC-LOG', ['iso27001-2022:A.8.15', 'iso27001-2022:A.8.16', 'iso42001-2023:A.6.2.8']],
        ['UC-CRY', ['iso27001-2022:A.8.24']],
      ]);
      expect(prefixWarnings(problems)).toEqual([
        'matrix.csv:2: 10 id(s) in column "ISO/IEC 27001:2022" of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.15 Access control" as A.5.15, "5.23" as A.5.23, "8.8" as A.8.8; 4 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2; "6.3" as A.6.3, not 6.3; "8.1" as A.8.1, not 8.1); check them',
      ]);
    });

    it('reads a column as written when it mixes clauses with controls written in full, or too few of its refs name nothing as written', () => {
      const mixed = importControlMatrix(['Control ID,Title,ISO 27001:2022', 'UC-1,Context,4.1', 'UC-2,Leadership,"5.1, 5.2"', 'UC-3,Risk treatment,6.1.3', 'UC-4,Access,A.5.15', 'UC-5,Crypto,A.8.24 Use of cryptography'].join('\n'), isoOptions);
      expect(mixed.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(mixed.controls.flatMap((c) => c.requirementIds)).toEqual(['iso27001-2022:4.1', 'iso27001-2022:5.1', 'iso27001-2022:5.2', 'iso27001-2022:6.1.3', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.24']);
      expect(prefixWarnings(mixed.problems)).toEqual([]);

      const few = importControlMatrix(['Control ID,Title,ISO 27001:2022', 'UC-1,a,5.1', 'UC-2,b,5.2', 'UC-3,c,5.3', 'UC-4,d,5.15', 'UC-5,e,8.24'].join('\n'), isoOptions);
      expect(few.controls).toEqual([]);
      expect(prefixWarnings(few.problems)).toEqual([]);
      expect(few.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
        'matrix.csv:5: row 5: ISO 27001:2022: "5.15" names no requirement of iso27001-2022',
        'matrix.csv:6: row 6: ISO 27001:2022: "8.24" names no requirement of iso27001-2022',
      ]);
    });
  });
});
