import { describe, expect, it } from 'vitest';
import { statementOfApplicability } from '../../../server/domain/analysis/statementOfApplicability.js';
import { NotFoundError } from '../../../server/domain/errors.js';
import type { Requirement } from '../../../server/domain/schemas/requirement.js';
import { evidence } from './fixtures.js';

const req = (ref: string, kind: string, order: number, parent?: string): Requirement => ({
  id: `std:${ref}`, frameworkId: 'std', ref, kind, title: `Title ${ref}`, order, tags: [], ...(parent ? { parentId: `std:${parent}` } : {}),
});
const requirements = [req('A', 'annex', 0), req('A.1', 'objective', 1, 'A'), req('A.1.1', 'control', 2, 'A.1'), req('A.1.2', 'control', 3, 'A.1'), req('A.1.3', 'control', 4, 'A.1'), req('A.1.4', 'control', 5, 'A.1'), req('4', 'clause', 6)];

describe('statementOfApplicability', () => {
  const soa = statementOfApplicability({
    frameworkId: 'std', requirements, asOf: '2026-06-01',
    entries: [
      { frameworkId: 'std', requirementId: 'std:A.1.1', applicable: true, justification: 'Risk R-3.', implementationStatus: 'implemented' },
      { frameworkId: 'std', requirementId: 'std:A.1.2', applicable: false, justification: 'We build no models.', implementationStatus: 'not-started' },
      { frameworkId: 'std', requirementId: 'std:A.1.3', applicable: true, justification: '', implementationStatus: 'implemented' },
      { frameworkId: 'std', requirementId: 'std:4', applicable: true, justification: 'x', implementationStatus: 'planned' },
    ],
    evidence: [evidence('EV-1'), evidence('EV-2', { expires: '2026-01-31' }), evidence('EV-3', { scope: ['other'] })],
    links: [
      { kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' },
      { kind: 'requirement', evidenceId: 'EV-2', requirementId: 'std:A.1.3' },
      { kind: 'requirement', evidenceId: 'EV-3', requirementId: 'std:A.1.3' },
    ],
    orgControls: [{ id: 'UC-1', title: 'c', description: '', requirementIds: ['std:A.1.1', 'other:9'], origin: 'user', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }],
  });
  const row = (ref: string) => soa.rows.find((r) => r.ref === ref)!;

  it('lists every control with its decision, objective and evidence (through controls too)', () => {
    expect(soa.rows.map((r) => r.ref)).toEqual(['A.1.1', 'A.1.2', 'A.1.3', 'A.1.4']);
    expect(row('A.1.1')).toMatchObject({
      objective: 'A.1 Title A.1', decided: true, applicable: true, implementationStatus: 'implemented',
      evidence: [{ evidenceId: 'EV-1', via: 'org-control', orgControlId: 'UC-1', expired: false }], issues: [],
    });
    expect(row('A.1.2')).toMatchObject({ applicable: false, justification: 'We build no models.', issues: [] });
  });

  it('gives undecided controls defaults and says what an auditor would ask', () => {
    expect(row('A.1.4')).toMatchObject({ decided: false, applicable: null, justification: '', implementationStatus: 'not-started', issues: ['no applicability decision recorded'] });
    expect(row('A.1.3').evidence.map((e) => [e.evidenceId, e.expired])).toEqual([['EV-2', true]]);
    expect(row('A.1.3').issues).toEqual(['included without a justification', 'implemented but no current evidence is linked', 'expired evidence: EV-2 (2026-01-31)']);
  });

  it('counts the decisions and reports entries that are not controls', () => {
    expect(soa.summary).toEqual({ controls: 4, decided: 3, applicable: 2, excluded: 1, implemented: 2, withEvidence: 1, withIssues: 2 });
    expect(soa.orphanEntries).toEqual(['std:4']);
    expect(() => statementOfApplicability({ frameworkId: 'nope', requirements, entries: [], asOf: '2026-06-01' })).toThrow(NotFoundError);
  });
});
