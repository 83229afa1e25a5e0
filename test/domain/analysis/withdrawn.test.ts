import { describe, expect, it } from 'vitest';
import { buildCoverageIndex, isAssessable } from '../../../server/domain/analysis/coverageIndex.js';
import { gapAnalysis } from '../../../server/domain/analysis/gapAnalysis.js';
import { statementOfApplicability } from '../../../server/domain/analysis/statementOfApplicability.js';
import { findUnmapped } from '../../../server/domain/unmapped.js';
import type { Requirement } from '../../../server/domain/schemas/requirement.js';
import { bundleOf, framework, map } from './fixtures.js';

/** Framework t: 1 with parts 1.1 (withdrawn) and 1.2; 2 withdrawn; 3 whose only part 3.1 is withdrawn; 4 active. */
const withdrawnRefs = ['1.1', '2', '3.1'];
const target: Requirement[] = framework('t', ['1', '1.1', '1.2', '2', '3', '3.1', '4']).map((r) => ({
  ...r, kind: 'control', tags: withdrawnRefs.includes(r.ref) ? ['withdrawn'] : [],
}));
const content = bundleOf([...framework('h', ['a']), ...target], [map('h:a', 'equivalent-to', 't:4')]);
const index = buildCoverageIndex(content);
const node = (ref: string) => index.nodeOf.get(`t:${ref}`)!;

describe('withdrawn requirements', () => {
  it('are not assessable, and a requirement whose parts were all withdrawn is assessable itself', () => {
    expect(['1', '1.1', '1.2', '2', '3', '3.1', '4'].filter((ref) => isAssessable(index, node(ref)))).toEqual(['1.2', '3', '4']);
  });

  it('are listed by a gap analysis with the reason, but not counted', () => {
    const report = gapAnalysis(index, { have: { kind: 'frameworks', frameworkIds: ['h'] }, target: 't' });
    const row = (ref: string) => report.rows.find((r) => r.ref === ref)!;
    expect(row('2')).toMatchObject({ assessable: false });
    expect(row('2').reasons[0]).toBe('withdrawn by its publisher: not counted');
    expect(report.summary).toMatchObject({ assessable: 3, covered: 1, uncovered: 2, notAssessable: 4 });
  });

  it('are neither counted nor listed by the unmapped report', () => {
    const report = findUnmapped(content, { from: 't', to: 'h' });
    expect(report.unmapped.map((r) => r.ref)).toEqual(['1', '1.2', '3']);
    expect(report).toMatchObject({ total: 4, mapped: 1 });
  });

  it('are not rows of the Statement of Applicability; a decision recorded for one is kept as an orphan entry', () => {
    const soa = statementOfApplicability({
      frameworkId: 't', requirements: target, asOf: '2026-06-01',
      entries: [{ frameworkId: 't', requirementId: 't:2', applicable: true, justification: 'Before it was withdrawn.', implementationStatus: 'implemented' }],
    });
    expect(soa.rows.map((r) => r.ref)).toEqual(['1', '1.2', '3', '4']);
    expect(soa.summary.controls).toBe(4);
    expect(soa.orphanEntries).toEqual(['t:2']);
  });
});
