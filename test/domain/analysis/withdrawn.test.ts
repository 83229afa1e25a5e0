import { describe, expect, it } from 'vitest';
import { buildCoverageIndex, isAssessable } from '../../../server/domain/analysis/coverageIndex.js';
import { evidenceReach, requirementSupport } from '../../../server/domain/analysis/evidenceReach.js';
import { gapAnalysis } from '../../../server/domain/analysis/gapAnalysis.js';
import { coverageMatrixOf } from '../../../server/domain/graphAlgorithms.js';
import { statementOfApplicability } from '../../../server/domain/analysis/statementOfApplicability.js';
import { findUnmapped } from '../../../server/domain/unmapped.js';
import type { Requirement } from '../../../server/domain/schemas/requirement.js';
import { bundleOf, evidence, framework, map } from './fixtures.js';

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

  it('are out of the coverage matrix: not in the totals, and their mappings cover nothing at either end', () => {
    const withMappings = bundleOf([...framework('h', ['a', 'b']), ...target], [map('h:a', 'equivalent-to', 't:4'), map('h:b', 'subset-of', 't:2')]);
    const cell = (source: string, targetId: string) => coverageMatrixOf(withMappings, {}).find((c) => c.source === source && c.target === targetId);
    expect(cell('t', 'h')).toMatchObject({ total: 4, covered: 1, byRelationship: { 'equivalent-to': 1 } });
    expect(cell('h', 't')).toMatchObject({ total: 2, covered: 1, byRelationship: { 'equivalent-to': 1 } });
  });

  it('are not reached by evidence, though paths pass through them; a link to one is a warning', () => {
    const chain = bundleOf([...framework('h', ['a']), ...target, ...framework('u', ['9'])], [map('h:a', 'equal-to', 't:2'), map('t:2', 'equal-to', 'u:9')]);
    const item = evidence('policy');
    const reach = evidenceReach(chain, { evidence: item, links: [{ evidenceId: 'policy', kind: 'requirement', requirementId: 'h:a' }], asOf: '2026-06-01' });
    expect(reach.reached.map((r) => r.requirementId)).toEqual(['h:a', 'u:9']);
    expect(reach.byFramework).toEqual([{ frameworkId: 'h', full: 1, partial: 0 }, { frameworkId: 'u', full: 1, partial: 0 }]);
    const linked = evidenceReach(chain, { evidence: item, links: [{ evidenceId: 'policy', kind: 'requirement', requirementId: 't:2' }], asOf: '2026-06-01' });
    expect(linked.reached.map((r) => r.requirementId)).toEqual(['h:a', 'u:9']);
    expect(linked.warnings).toEqual(['linked to t:2, which its publisher withdrew: it counts for nothing there']);
    const support = requirementSupport(chain, { requirementId: 't:2', evidence: [item], links: [{ evidenceId: 'policy', kind: 'requirement', requirementId: 'h:a' }], asOf: '2026-06-01' });
    expect(support).toMatchObject({ status: 'uncovered', reason: 'withdrawn by its publisher: no evidence counts for it', items: [] });
  });
});
