import { askedScope, scopePredicate } from './analysis/tagScope.js';
import { frameworkOf } from './ids.js';
import type { ContentBundle } from './schemas/content.js';
import { isInformative, isWithdrawn, type Requirement } from './schemas/requirement.js';

export interface UnmappedQuery {
  from: string;
  to: string;
  /** Only these kinds of requirement (e.g. clause, control); all kinds when empty. */
  kinds?: string[];
  /** Only the requirements of `from` within these tags, own or inherited ("role:deployer"; see tagScope.ts). */
  scope?: string[];
}

export interface UnmappedReport {
  from: string;
  to: string;
  /** The tags the report is narrowed to, as matched (trimmed, once each); empty for the whole framework. */
  scope: string[];
  total: number;
  mapped: number;
  noCounterpart: number;
  /** Requirements of `from` left out as informative (guidance annexes): counted here only. */
  informative: number;
  unmapped: Requirement[];
}

/**
 * Requirements of `from` with no approved mapping (in either stored direction) to any requirement of `to`,
 * and no approved "no counterpart" record for `to`: the ones nobody has looked at yet. Withdrawn requirements are left
 * out (there is nothing left in them to map), and so are informative ones (guidance, not requirements), which are
 * only counted.
 */
export function findUnmapped(bundle: Pick<ContentBundle, 'requirements' | 'mappings' | 'noCounterparts'>, { from, to, kinds = [], scope = [] }: UnmappedQuery): UnmappedReport {
  const within = scopePredicate(bundle.requirements, from, scope);
  const mapped = new Set<string>();
  for (const m of bundle.mappings) {
    if (m.status !== 'approved' || m.relationship === 'no-relationship') continue;
    if (frameworkOf(m.source) === from && frameworkOf(m.target) === to) mapped.add(m.source);
    if (frameworkOf(m.target) === from && frameworkOf(m.source) === to) mapped.add(m.target);
  }
  const declared = new Set(
    bundle.noCounterparts.filter((n) => n.otherFrameworkId === to && n.status === 'approved').map((n) => n.requirementId),
  );
  const inScope = bundle.requirements.filter((r) => r.frameworkId === from && !isWithdrawn(r) && (!kinds.length || kinds.includes(r.kind)) && within(r.id));
  const candidates = inScope.filter((r) => !isInformative(r));
  return {
    from,
    to,
    scope: askedScope(scope),
    total: candidates.length,
    informative: inScope.length - candidates.length,
    mapped: candidates.filter((r) => mapped.has(r.id)).length,
    noCounterpart: candidates.filter((r) => !mapped.has(r.id) && declared.has(r.id)).length,
    unmapped: candidates.filter((r) => !mapped.has(r.id) && !declared.has(r.id)).sort((a, b) => a.order - b.order),
  };
}
