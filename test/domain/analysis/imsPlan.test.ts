import { describe, expect, it } from 'vitest';
import { processDifferences } from '../../../server/domain/analysis/imsDifferences.js';
import { imsPlan } from '../../../server/domain/analysis/imsPlan.js';
import { NotFoundError } from '../../../server/domain/errors.js';
import { contentDirs } from '../../../server/config.js';
import { loadContent } from '../../../server/content/loadContent.js';
import { bundleOf, framework, map, noCounterpart } from './fixtures.js';

/** Two standards numbering the same concept differently (like clause 10 in 9001 and 27001), each with its own extras. */
const content = {
  ...bundleOf(
    [...framework('ms-a', ['6', '6.1', '6.2', '10', '10.1', '10.2', 'A', 'A.1']), ...framework('ms-b', ['6', '6.1', '10', '10.1', '10.2', '10.3', '8'])],
    [
      map('ms-a:6.1', 'equivalent-to', 'ms-b:6.1'),
      map('ms-a:10.1', 'equivalent-to', 'ms-b:10.3'), // continual improvement: 10.1 in one, 10.3 in the other
      map('ms-a:10.2', 'equivalent-to', 'ms-b:10.2'),
      map('ms-a:A.1', 'intersects-with', 'ms-b:8'),
    ],
    [noCounterpart('ms-a:6.2', 'ms-b', 'Only ms-a asks for an impact assessment.')],
  ),
  harmonizedClauses: [
    { id: 'hs:risks', title: 'Risks and opportunities', summary: 's', order: 1, requirementIds: ['ms-a:6', 'ms-a:6.1', 'ms-a:6.2', 'ms-b:6', 'ms-b:6.1'] },
    { id: 'hs:continual-improvement', title: 'Continual improvement', summary: 's', order: 2, requirementIds: ['ms-a:10.1', 'ms-b:10.3'] },
    { id: 'hs:nonconformity', title: 'Nonconformity', summary: 's', order: 3, requirementIds: ['ms-a:10.2', 'ms-b:10.2'] },
  ],
};

describe('imsPlan', () => {
  const plan = imsPlan(content, { standards: ['ms-a', 'ms-b'], harmonizedClauses: content.harmonizedClauses });

  it('joins the standards on the clause concept, not the clause number', () => {
    const improvement = plan.processes.find((p) => p.conceptId === 'hs:continual-improvement')!;
    expect(improvement.clauses.map((c) => [c.standardId, c.items.map((i) => i.ref)])).toEqual([['ms-a', ['10.1']], ['ms-b', ['10.3']]]);
    expect(improvement.clauses[0]!.items[0]).toMatchObject({ shared: true, counterparts: [{ requirementId: 'ms-b:10.3', relationship: 'equivalent-to' }] });
    expect(plan.processes.map((p) => p.conceptId)).toEqual(['hs:risks', 'hs:continual-improvement', 'hs:nonconformity']);
  });

  it('lists a clause of a shared concept that matches nothing in the other standard as that standard\'s own addition', () => {
    const risks = plan.processes.find((p) => p.conceptId === 'hs:risks')!;
    const impact = risks.clauses[0]!.items.find((i) => i.ref === '6.2')!;
    expect(impact).toMatchObject({ shared: false, noCounterparts: [{ otherFrameworkId: 'ms-b', note: 'Only ms-a asks for an impact assessment.' }] });
    expect(plan.additions[0]!.items.map((i) => [i.ref, i.conceptId ?? '-'])).toEqual([['6.2', 'hs:risks'], ['A.1', '-']]);
  });

  it('lists each standard\'s clauses and controls outside every concept, with related work in the others', () => {
    expect(plan.additions[1]!.items.map((i) => i.ref)).toEqual(['10.1', '8']);
    expect(plan.additions[0]!.items[1]).toMatchObject({ section: 'A Title A', related: [{ requirementId: 'ms-b:8', relationship: 'intersects-with' }] });
    expect(plan.summary).toEqual({ processes: 3, sharedByAll: 3, additions: { 'ms-a': 2, 'ms-b': 2 } });
  });

  it('refuses an unknown standard', () => {
    expect(() => imsPlan(content, { standards: ['ms-a', 'nope'], harmonizedClauses: [] })).toThrow(NotFoundError);
  });
});

describe('imsPlan on the shipped content: 42001 + 27001 + 9001', () => {
  const { bundle } = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
  const plan = imsPlan(bundle, { standards: ['iso42001-2023', 'iso27001-2022', 'iso9001-2015'], harmonizedClauses: bundle.harmonizedClauses });
  const additions = (standard: string) => plan.additions.find((a) => a.standardId === standard)!.items;

  it('makes one process per harmonized concept with each standard\'s clauses, clause 10 joined by concept', () => {
    expect(plan.processes).toHaveLength(bundle.harmonizedClauses.length);
    const improvement = plan.processes.find((p) => p.conceptId === 'hs:continual-improvement')!;
    expect(improvement.clauses.map((c) => c.items.map((i) => i.requirementId))).toEqual([['iso42001-2023:10.1'], ['iso27001-2022:10.1'], ['iso9001-2015:10.3']]);
  });

  it('says, inside a shared process, how the standards differ: each mapping note once, read from the first standard', () => {
    const context = plan.processes.find((p) => p.conceptId === 'hs:organizational-context')!;
    const differences = processDifferences(context);
    expect(differences.map((d) => [d.from, d.relationship, d.to])).toEqual([
      ['iso42001-2023:4.1', 'intersects-with', 'iso27001-2022:4.1'],
      ['iso42001-2023:4.1', 'intersects-with', 'iso9001-2015:4.1'],
    ]);
    expect(differences[0]!.note).toMatch(/42001 also has the organization settle its roles towards AI systems/);
    expect(context.clauses[1]!.items[0]!.counterparts[0]).toMatchObject({ requirementId: 'iso42001-2023:4.1', note: differences[0]!.note });
  });

  it('keeps the AI system impact assessment and the AI-specific operation clauses as 42001\'s own additions', () => {
    expect(additions('iso42001-2023').find((i) => i.ref === '6.1.4')).toMatchObject({ conceptId: 'hs:risks-and-opportunities' });
    expect(additions('iso42001-2023').find((i) => i.ref === '6.1.4')!.noCounterparts.map((n) => n.otherFrameworkId)).toContain('iso27001-2022');
    expect(additions('iso42001-2023').filter((i) => i.kind === 'control')).toHaveLength(38);
    expect(additions('iso27001-2022').filter((i) => i.kind === 'control')).toHaveLength(93);
  });

  it('keeps 27001 6.1.3 (with the Statement of Applicability) as its own when 42001, which has one too, is not in the plan', () => {
    const without42001 = imsPlan(bundle, { standards: ['iso27001-2022', 'iso9001-2015'], harmonizedClauses: bundle.harmonizedClauses });
    expect(without42001.additions[0]!.items.map((i) => i.ref)).toContain('6.1.3');
    const withIt = plan.processes.find((p) => p.conceptId === 'hs:risks-and-opportunities')!.clauses[1]!.items.find((i) => i.ref === '6.1.3')!;
    expect(withIt).toMatchObject({ shared: true, counterparts: [{ requirementId: 'iso42001-2023:6.1.3', relationship: 'intersects-with' }] });
  });
});
