import type { Mapping } from '../../server/domain/schemas/mapping.js';
import type { Requirement } from '../../server/domain/schemas/requirement.js';
import type { SuggestCorpus } from '../../server/suggest/types.js';

const req = (id: string, title: string, summary: string, extra: Partial<Requirement> = {}): Requirement => {
  const [frameworkId, ref] = id.split(':') as [string, string];
  return { id, frameworkId, ref, kind: 'control', title, summary, order: 0, tags: [], ...extra };
};

export const approved = (source: string, target: string, relationship: Mapping['relationship'] = 'equivalent-to', strength = 8): Mapping => ({
  id: `${source} -> ${target}`,
  source,
  target,
  relationship,
  rationale: 'semantic',
  strength,
  method: 'human',
  status: 'approved',
  origin: 'reference',
  provenance: { source: 'Crosswalk curation', author: 'tests', created: '2026-01-01' },
});

/**
 * Two small frameworks (alpha → beta) and a third (gamma). Pairs a person would make:
 * alpha:1 supplier ↔ beta:A third parties (different words, same concept), alpha:2 ↔ beta:B logging,
 * alpha:3 ↔ beta:C internal audit (same harmonized concept), alpha:4 ↔ beta:E (no shared words at all;
 * only the graph links them, through gamma:X).
 */
export function smallCorpus(): SuggestCorpus {
  return {
    requirements: [
      req('alpha-1:1', 'Supplier security', 'Manage information security risks in supplier relationships and contracts.'),
      req('alpha-1:2', 'Event logging', 'Record and keep event logs of user activities, exceptions and faults.'),
      req('alpha-1:3', 'Internal audit', 'Audit the management system at planned intervals.', { kind: 'clause' }),
      req('alpha-1:4', 'Onboarding briefings', 'Recently hired staff attend introductory sessions.'),
      req('beta-1:A', 'Third-party risk', 'Address risks that come from vendors and the supply chain.'),
      req('beta-1:B', 'Logging', 'Produce, protect and review logs that record activities.'),
      req('beta-1:C', 'Internal audit programme', 'Plan and run audits of the management system.', { kind: 'clause' }),
      req('beta-1:D', 'Physical security perimeters', 'Protect offices and facilities with security perimeters.'),
      req('beta-1:E', 'Workforce readiness', 'New colleagues are prepared before they start.'),
      req('gamma-1:X', 'Induction', 'Induction of new personnel.'),
    ],
    mappings: [approved('alpha-1:4', 'gamma-1:X'), approved('gamma-1:X', 'beta-1:E', 'subset-of')],
    harmonizedClauses: [{ id: 'hs:internal-audit', title: 'Internal audit', summary: 'Audit the management system.', order: 1, requirementIds: ['alpha-1:3', 'beta-1:C'] }],
  };
}
