import { describe, expect, it } from 'vitest';
import { EVIDENCE_CSV_COLUMNS, exportEvidenceCsv, parseEvidenceCsv } from '../../server/exports/evidenceCsv.js';

const header = EVIDENCE_CSV_COLUMNS.join(',');
const known = { knownRequirementIds: new Set(['iso42001-2023:A.6.2.8', 'iso27001-2022:A.8.15']), knownOrgControlIds: new Set(['UC-1']), knownFrameworkIds: new Set(['iso42001-2023', 'iso27001-2022']) };

describe('parseEvidenceCsv', () => {
  it('reads items and their links, normalising loose types and lists', () => {
    const text = `\uFEFF${header}\r\nEV-1,Log retention export,Log,SecOps,https://wiki.example.org/logs,2026-01-10,2027-01-10,iso42001-2023; iso27001-2022,"Monthly export, signed",iso42001-2023:A.6.2.8;iso27001-2022:A.8.15,UC-1,reviewed\r\nEV-2,AI policy,policy,CISO,file:///share/ai-policy.pdf,2026-02-01,,,,,,\r\n`;
    const { evidence, links, problems } = parseEvidenceCsv(text, { file: 'ev.csv', ...known });
    expect(problems).toEqual([]);
    expect(evidence).toEqual([
      { id: 'EV-1', title: 'Log retention export', type: 'log', owner: 'SecOps', locationUri: 'https://wiki.example.org/logs', collected: '2026-01-10', expires: '2027-01-10', scope: ['iso42001-2023', 'iso27001-2022'], description: 'Monthly export, signed' },
      { id: 'EV-2', title: 'AI policy', type: 'policy', owner: 'CISO', locationUri: 'file:///share/ai-policy.pdf', collected: '2026-02-01', scope: [], description: '' },
    ]);
    expect(links).toEqual([
      { kind: 'requirement', evidenceId: 'EV-1', requirementId: 'iso42001-2023:A.6.2.8', note: 'reviewed' },
      { kind: 'requirement', evidenceId: 'EV-1', requirementId: 'iso27001-2022:A.8.15', note: 'reviewed' },
      { kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1', note: 'reviewed' },
    ]);
  });

  it('names the line and column of every problem and returns nothing when there is one', () => {
    const text = [
      header,
      'EV-1,Ok,record,A,https://x.example/1,2026-01-10,,,,iso42001-2023:A.6.2.8,,',
      'EV-2,Bad type,memo,A,https://x.example/2,2026-01-10,,,,,,',
      'EV-3,Bad dates,record,A,https://x.example/3,2026-02-30,,,,,,',
      'EV-4,Expires first,record,A,https://x.example/4,2026-03-01,2026-02-01,,,,,',
      'EV-1,Again,record,A,https://x.example/5,2026-01-10,,,,,,',
      'EV-6,Unknowns,record,A,not a uri,2026-01-10,,pci-4,,iso42001-2023:Z.1,UC-9,',
    ].join('\n');
    const { evidence, links, problems } = parseEvidenceCsv(text, { file: 'ev.csv', ...known });
    expect(evidence).toEqual([]);
    expect(links).toEqual([]);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^ev\.csv:3: type: /),
      expect.stringMatching(/^ev\.csv:4: collected: /),
      'ev.csv:5: expires: expires is before collected',
      'ev.csv:6: id "EV-1" was already used on line 2',
      expect.stringMatching(/^ev\.csv:7: location_uri: the location must be a URI/),
    ]);
    const unknowns = parseEvidenceCsv(text.split('\n').filter((_, i) => i === 0 || i === 6).join('\n').replace('not a uri', 'https://x.example/6'), { file: 'ev.csv', ...known });
    expect(unknowns.problems.map((p) => p.message)).toEqual(['scope: unknown framework "pci-4"', 'requirements: unknown requirement "iso42001-2023:Z.1"', 'org_controls: unknown control "UC-9"']);
    const editionLeftOff = parseEvidenceCsv(text.split('\n').filter((_, i) => i === 0 || i === 6).join('\n').replace('not a uri', 'https://x.example/6').replace('pci-4', 'iso42001'), { file: 'ev.csv', ...known });
    expect(editionLeftOff.problems[0]?.message).toBe('scope: unknown framework "iso42001" (did you mean "iso42001-2023"?)');
  });

  it('reads requirement ids as written: an id names its framework, so one that leaves off "A." is refused, never read with it', () => {
    // Unlike a column of one framework's refs (a SoA, a control matrix), each id here is Crosswalk's own and names its
    // framework: "iso27001-2022:5.1" is clause 5.1, and "iso27001-2022:5.15" names nothing.
    const clauses = { ...known, knownRequirementIds: new Set(['iso27001-2022:5.1', 'iso27001-2022:5.2', 'iso27001-2022:A.5.1', 'iso27001-2022:A.5.2', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.8', 'iso27001-2022:A.8.24']) };
    const row = (requirements: string) => `${header}\nEV-1,Policy set,policy,CISO,https://x.example/p,2026-01-10,,,,${requirements},,\n`;
    expect(parseEvidenceCsv(row('iso27001-2022:5.1'), { file: 'ev.csv', ...clauses }).links.map((l) => l.kind === 'requirement' && l.requirementId)).toEqual(['iso27001-2022:5.1']);
    const bare = parseEvidenceCsv(row('iso27001-2022:5.1;iso27001-2022:5.2;iso27001-2022:5.15;iso27001-2022:8.8;iso27001-2022:8.24'), { file: 'ev.csv', ...clauses });
    expect(bare.links).toEqual([]);
    expect(bare.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: requirements: unknown requirement "iso27001-2022:5.15" (did you mean iso27001-2022:A.5.15?)',
      '2: requirements: unknown requirement "iso27001-2022:8.8" (did you mean iso27001-2022:A.8.8?)',
      '2: requirements: unknown requirement "iso27001-2022:8.24" (did you mean iso27001-2022:A.8.24?)',
    ]);
  });

  it('says which columns are missing', () => {
    expect(parseEvidenceCsv('id,title\nEV-1,x\n', { file: 'ev.csv' }).problems[0]!.message).toBe(`missing columns type, owner, location_uri, collected (expected: ${header})`);
  });

  it('exports the register in the same format, so it imports back unchanged', () => {
    const text = `${header}\nEV-1,"Log export, ""monthly""",log,SecOps,https://x.example/a,2026-01-10,2027-01-10,iso42001-2023,"Two\nlines",iso42001-2023:A.6.2.8,UC-1,n\n`;
    const first = parseEvidenceCsv(text, { file: 'a.csv', ...known });
    const again = parseEvidenceCsv(exportEvidenceCsv(first.evidence, first.links), { file: 'b.csv', ...known });
    expect(again).toEqual(first);
  });
});
