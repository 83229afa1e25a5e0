import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { proposeHarmonizedAlignment } from '../../../server/domain/analysis/harmonizedAlignment.js';
import { NotFoundError } from '../../../server/domain/errors.js';
import type { ContentBundle } from '../../../server/domain/schemas/content.js';
import type { Requirement } from '../../../server/domain/schemas/requirement.js';
import { HarmonizedFileSchema } from '../../../server/content/fileSchemas.js';
import { exportHarmonizedDraft } from '../../../server/exports/harmonizedDraft.js';

const clause = (frameworkId: string, ref: string, title: string): Requirement => ({ id: `${frameworkId}:${ref}`, frameworkId, ref, kind: 'clause', title, order: 0, tags: [] });

/** A shipped standard placed in the harmonized structure, and an imported one of another discipline (made up). */
const bundle: ContentBundle = {
  frameworks: [
    { id: 'infosec-1', name: 'Information security management systems', edition: '1', publisher: 'T', licence: 't' },
    { id: 'continuity-1', name: 'Business continuity management systems — Requirements', edition: '1', publisher: 'T', licence: 't' },
  ],
  requirements: [
    clause('infosec-1', '4.3', 'Determining the scope of the information security management system'),
    clause('infosec-1', '6.1.2', 'Information security risk assessment'),
    clause('infosec-1', '7.5.1', 'General'),
    clause('infosec-1', '10.1', 'Continual improvement'),
    clause('infosec-1', '10.2', 'Nonconformity and corrective action'),
    clause('continuity-1', '4.3', 'Determining the scope of the business continuity management system'),
    clause('continuity-1', '6.1.2', 'Business impact analysis'),
    clause('continuity-1', '7.5.1', 'General'),
    clause('continuity-1', '7.5.4', 'General'),
    clause('continuity-1', '10.1', 'Nonconformity and corrective action'),
    clause('continuity-1', '10.2', 'Continual improvement'),
    clause('continuity-1', '8.4', 'Business continuity plans'),
    clause('continuity-1', 'A.1', 'Annex item'),
  ],
  mappings: [],
  noCounterparts: [],
  harmonizedClauses: [
    { id: 'hs:scope', title: 'Scope of the management system', summary: 's', order: 0, requirementIds: ['infosec-1:4.3'] },
    { id: 'hs:risk-assessment', title: 'Risk assessment', summary: 's', order: 1, requirementIds: ['infosec-1:6.1.2'] },
    { id: 'hs:documented-information-scope', title: 'What to keep', summary: 's', order: 2, requirementIds: ['infosec-1:7.5.1'] },
    { id: 'hs:continual-improvement', title: 'Continual improvement', summary: 's', order: 3, requirementIds: ['infosec-1:10.1'] },
    { id: 'hs:nonconformity', title: 'Nonconformity', summary: 's', order: 4, requirementIds: ['infosec-1:10.2'] },
  ],
};

describe('proposeHarmonizedAlignment', () => {
  const alignment = proposeHarmonizedAlignment(bundle, 'continuity-1');

  it('places a clause with the same number and a like title once the disciplines are set aside, and never on the number alone', () => {
    expect(alignment.concepts.map((c) => [c.conceptId, c.clauses.map((x) => `${x.ref} ~ ${x.matches.requirementId}`)])).toEqual([
      ['hs:scope', ['4.3 ~ infosec-1:4.3']],
      ['hs:documented-information-scope', ['7.5.1 ~ infosec-1:7.5.1']],
      // Clause 10 ordered the other way round: the same title of two words or more within the clause places it.
      ['hs:continual-improvement', ['10.2 ~ infosec-1:10.1']],
      ['hs:nonconformity', ['10.1 ~ infosec-1:10.2']],
    ]);
    // 6.1.2 "Business impact analysis" is not "Information security risk assessment"; a lone "General" needs its number.
    expect(alignment.unmatched.map((c) => c.ref)).toEqual(['6.1.2', '7.5.4', '8.4']);
  });

  it('leaves out concepts and clauses already placed, and refuses an unknown framework', () => {
    const placed = { ...bundle, harmonizedClauses: bundle.harmonizedClauses.map((c) => (c.id === 'hs:scope' ? { ...c, requirementIds: [...c.requirementIds, 'continuity-1:4.3'] } : c)) };
    const again = proposeHarmonizedAlignment(placed, 'continuity-1');
    expect(again.concepts.map((c) => c.conceptId)).not.toContain('hs:scope');
    expect(again.unmatched.map((c) => c.ref)).not.toContain('4.3');
    expect(() => proposeHarmonizedAlignment(bundle, 'nope-1')).toThrow(NotFoundError);
  });

  it('drafts a harmonized-structure file that extends the concepts and says what each clause was matched with', () => {
    const draft = exportHarmonizedDraft(alignment, { frameworkName: 'Business continuity', generatedAt: '2026-11-24T00:00:00Z', nameOf: (id) => id });
    expect(draft).toContain('    # 10.2 "Continual improvement" ~ infosec-1:10.1 "Continual improvement"');
    expect(draft).toContain('#   8.4 "Business continuity plans"');
    const file = HarmonizedFileSchema.parse(parse(draft));
    expect(file.harmonizedClauses.map((c) => [c.id, c.title, c.clauses])).toEqual([
      ['hs:scope', undefined, { 'continuity-1': ['4.3'] }],
      ['hs:documented-information-scope', undefined, { 'continuity-1': ['7.5.1'] }],
      ['hs:continual-improvement', undefined, { 'continuity-1': ['10.2'] }],
      ['hs:nonconformity', undefined, { 'continuity-1': ['10.1'] }],
    ]);
  });
});
