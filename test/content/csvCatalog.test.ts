import { describe, expect, it } from 'vitest';
import { csvToCatalog, maybeKind } from '../../server/content/csvCatalog.js';

const options = { file: 'fw.csv', frameworkId: 'acme-2025', name: 'ACME Controls', edition: '2025' };

describe('csvToCatalog', () => {
  it('turns rows into a catalog, keeping order, parents, kinds and descriptions', () => {
    const csv = 'ref_id,title,description,parent_ref_id,kind\nAC,Access control,,,Domain\nAC-1,"Policy, and procedures",Keep a policy,AC,control\n';
    const { catalog, problems } = csvToCatalog(csv, options);
    expect(problems).toEqual([]);
    expect(catalog!.framework).toMatchObject({ id: 'acme-2025', name: 'ACME Controls', edition: '2025' });
    expect(catalog!.requirements).toEqual([
      { ref: 'AC', kind: 'domain', title: 'Access control' },
      { ref: 'AC-1', kind: 'control', title: 'Policy, and procedures', summary: 'Keep a policy', parent: 'AC' },
    ]);
  });

  it('accepts a parent defined on a later row, a BOM and CRLF line ends', () => {
    const csv = '\uFEFFref_id,title,description,parent_ref_id,kind\r\nA.1,Child,,A,\r\nA,Root,,,\r\n';
    expect(csvToCatalog(csv, options).catalog!.requirements.map((r) => [r.ref, r.parent, r.kind])).toEqual([['A.1', 'A', 'requirement'], ['A', undefined, 'requirement']]);
  });

  it('without a parent column, places each requirement under the one whose ref begins its own, and says so', () => {
    const csv = ['ref_id,title', 'A.5,Organizational controls', 'A.5.1,Policies', 'A.5.10,Acceptable use', 'AC-2,Accounts', 'AC-2(1),Automated accounts', 'GV,Govern', 'GV.OC,Context', 'GV.OC-01,Mission', 'GOVERN 1,Policies', 'GOVERN 1.1,Legal', '10,Improvement', '1,Scope'].join('\n');
    const { catalog, problems } = csvToCatalog(csv, options);
    expect(catalog!.requirements.map((r) => [r.ref, r.parent])).toEqual([
      ['A.5', undefined], ['A.5.1', 'A.5'], ['A.5.10', 'A.5'], ['AC-2', undefined], ['AC-2(1)', 'AC-2'], ['GV', undefined], ['GV.OC', 'GV'], ['GV.OC-01', 'GV.OC'],
      ['GOVERN 1', undefined], ['GOVERN 1.1', 'GOVERN 1'], ['10', undefined], ['1', undefined],
    ]);
    expect(problems).toEqual([{ file: 'fw.csv', line: 1, severity: 'warning', message: expect.stringMatching(/^no parent column: 6 requirement\(s\) were placed under the one whose ref begins theirs \(e\.g\. "A\.5\.1" under "A\.5", "A\.5\.10" under "A\.5", "AC-2\(1\)" under "AC-2"\)/) }]);
    // A parent column, even with empty cells, states the hierarchy: nothing is inferred.
    const stated = csvToCatalog('ref_id,title,parent_ref_id\nA.5,Org,\nA.5.1,Policies,\n', options);
    expect(stated.catalog!.requirements.map((r) => r.parent)).toEqual([undefined, undefined]);
    expect(stated.problems).toEqual([]);
  });

  it('names the row of every bad line and returns no catalog', () => {
    const csv = 'ref_id,title,description,parent_ref_id,kind\nA,Root,,,\nA,Again,,,\n,Blank ref,,,\nB,Orphan,,Z,\n';
    const { catalog, problems } = csvToCatalog(csv, options);
    expect(catalog).toBeUndefined();
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'row 3: duplicate ref_id "A" (first on line 2)'],
      [4, 'row 4: ref_id: a ref cannot be empty'],
      [5, 'row 5: parent_ref_id "Z" is not a ref_id in this file'],
    ]);
  });

  it('rejects a missing column, an unreadable CSV and a bad framework id', () => {
    expect(csvToCatalog('code_word,title\nA,B\n', options).problems[0]!.message).toMatch(/missing column\(s\) ref_id/);
    expect(csvToCatalog('ref_id,title\n"A,B\n', options).problems[0]!.message).toMatch(/not a readable CSV/);
    expect(csvToCatalog('ref_id,title\nA,B\n', { ...options, frameworkId: 'Bad Id' }).problems[0]!.message).toMatch(/--framework-id "Bad Id"/);
  });

  it('reads other tools\' column names and semicolon or tab separators, saying how it read the header', () => {
    const semicolons = '\uFEFFControl ID;Name;Control Text;Parent;Type\r\nAC;Access control;"Two\r\nlines; one cell";;Domain\r\nAC-1;Policy;Keep a policy;AC;Control\r\n';
    const { catalog, problems } = csvToCatalog(semicolons, options);
    expect(catalog!.requirements).toEqual([
      { ref: 'AC', kind: 'domain', title: 'Access control', summary: 'Two\r\nlines; one cell' },
      { ref: 'AC-1', kind: 'control', title: 'Policy', summary: 'Keep a policy', parent: 'AC' },
    ]);
    expect(problems).toEqual([{ file: 'fw.csv', line: 1, severity: 'warning', message: 'header read with other names: "Control ID" as ref_id, "Name" as title, "Control Text" as description, "Parent" as parent_ref_id, "Type" as kind' }]);
    const tabs = csvToCatalog('ref_id\ttitle\tdescription\nA\tRoot\tHas, a comma\n', options);
    expect(tabs.problems).toEqual([]);
    expect(tabs.catalog!.requirements).toEqual([{ ref: 'A', kind: 'requirement', title: 'Root', summary: 'Has, a comma' }]);
    // The exact column name wins over an alias, which then stays unused.
    expect(csvToCatalog('id,ref_id,title\n7,A,Root\n', options).catalog!.requirements[0]!.ref).toBe('A');
  });

  it('groups rows under the names of a group column ("Control Domain"), adding synthetic parents, and says which columns it did not read', () => {
    const csv = [
      'Control Domain,Control ID,Control Title,Control Specification,Owner',
      'Audit & Assurance,A&A-01,Audit policy,Keep an audit policy,ciso',
      'Audit & Assurance,A&A-01.1,Audit policy review,Review it yearly,ciso',
      '"Application  Security",AIS-01,Application security policy,Keep one,cto',
      'AIS-01,AIS-02,Baseline,Set a baseline,cto',
    ].join('\n');
    const { catalog, problems } = csvToCatalog(csv, options);
    expect(catalog!.requirements.map((r) => [r.ref, r.kind, r.parent, r.tags])).toEqual([
      ['Audit & Assurance', 'domain', undefined, ['synthetic']],
      ['A&A-01', 'requirement', 'Audit & Assurance', undefined],
      // Its ref places it under A&A-01, which is nearer than the group.
      ['A&A-01.1', 'requirement', 'A&A-01', undefined],
      ['Application Security', 'domain', undefined, ['synthetic']],
      ['AIS-01', 'requirement', 'Application Security', undefined],
      // A group named like a ref of the file is that requirement.
      ['AIS-02', 'requirement', 'AIS-01', undefined],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'header read with other names: "Control ID" as ref_id, "Control Title" as title, "Control Specification" as description, "Control Domain" as group',
      'column(s) not read: "Owner" (known: ref_id, title, description, parent_ref_id, kind, or a group column such as "Domain")',
      'grouped by "Control Domain": 2 group(s) added as parents (e.g. "Audit & Assurance", "Application Security"), tagged synthetic since their names are not identifiers of the source',
      'no parent column: 1 requirement(s) were placed under the one whose ref begins theirs (e.g. "A&A-01.1" under "A&A-01"); add a parent_ref_id column to state the hierarchy yourself',
    ]);
    // Headers prefixed with the document's name are read by their ending, for names of two words or more.
    const prefixed = csvToCatalog('Matrix - Control Domain,Matrix - Control ID,Matrix - Control Title,Service ID\nAudit,A-1,Audit policy,S1\n', options);
    expect(prefixed.catalog!.requirements.map((r) => [r.ref, r.title, r.parent])).toEqual([['Audit', 'Audit', undefined], ['A-1', 'Audit policy', 'Audit']]);
    expect(prefixed.problems[1]!.message).toMatch(/^column\(s\) not read: "Service ID"/);
    // A parent column states the hierarchy: the group column is then only a column not read.
    const stated = csvToCatalog('ref_id,title,parent_ref_id,domain\nA,Root,,X\nA.1,Child,A,X\n', options);
    expect(stated.catalog!.requirements.map((r) => [r.ref, r.parent])).toEqual([['A', undefined], ['A.1', 'A']]);
    expect(stated.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^column\(s\) not read: "domain"/)]);
  });

  it('normalises free-form kinds to slugs', () => {
    expect(maybeKind(' Sub Category ')).toBe('sub-category');
    expect(maybeKind('')).toBe('requirement');
    expect(maybeKind('1st level')).toBe('k1st-level');
  });
});
