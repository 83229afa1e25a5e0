import type { Rationale, Relationship } from '../domain/schemas/mapping.js';
import { composeStrictly, isEquivalence } from '../domain/relationships.js';
import type { GraphEvidence, GraphStep } from './graphSignals.js';
import { terms } from './text.js';

/**
 * A first guess at the set-theory relationship of a suggested pair, for a person to confirm or correct.
 * The rules, in order (the first that applies wins):
 *
 * 1. Both realise the same harmonized-structure clause concept → equivalent-to between two editions of one standard;
 *    between two standards, intersects-with: the same management-system process run for two different management systems,
 *    so the process carries over and its content (context, policy, objectives) does not. The few clauses whose content
 *    does not depend on the subject (documented information, corrective action) are for the reviewer to raise.
 * 2. A strong graph path (weight ≥ 0.4) through approved (or unreviewed human) mappings composes to equal/equivalent, subset or
 *    superset → that relationship (equal ∘ X = X; subset ∘ subset = subset; anything else intersects).
 * 3. The same title (and summary) → equal-to when everything is identical; else equivalent-to between two editions of
 *    one standard, and intersects-with between two frameworks, where a shared title names a topic each asks about its own
 *    subject ("Competence", "Internal audit").
 * 4. A heading with children against a single requirement → superset-of (and the reverse → subset-of).
 * 5. Nearly all of one side's words are in the other, which says clearly more → subset-of / superset-of.
 * 6. Otherwise intersects-with: the safe default, since most suggested pairs overlap only in part.
 */

export interface RelationshipSide {
  title: string;
  summary: string;
  /** A heading over other requirements (a clause with subclauses, a control objective). */
  hasChildren: boolean;
}

export interface ProposedRelationship {
  relationship: Exclude<Relationship, 'no-relationship'>;
  rationale: Rationale;
  /** One sentence a reviewer can check. */
  reason: string;
}

/** The relationship of A to C given A→B and B→C; what the steps leave open is proposed as intersects-with. */
export const composeRelationships = (first: Relationship, second: Relationship): Relationship =>
  composeStrictly(first, second) ?? (first === 'no-relationship' || second === 'no-relationship' ? 'no-relationship' : 'intersects-with');

export const composePath = (steps: readonly GraphStep[]): Relationship =>
  steps.slice(1).reduce<Relationship>((acc, step) => composeRelationships(acc, step.relationship), steps[0]?.relationship ?? 'no-relationship');

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Share of each side's content words found in the other. */
export function wordCoverage(source: RelationshipSide, target: RelationshipSide) {
  const s = new Set(terms(`${source.title} ${source.summary}`));
  const t = new Set(terms(`${target.title} ${target.summary}`));
  const shared = [...s].filter((w) => t.has(w)).length;
  return { source: s.size ? shared / s.size : 0, target: t.size ? shared / t.size : 0 };
}

export const STRONG_PATH = 0.4;

export function proposeRelationship(
  source: RelationshipSide,
  target: RelationshipSide,
  graph: readonly GraphEvidence[] = [],
  { sameStandard = false }: { /** Source and target are editions of one standard (their frameworks share a family). */ sameStandard?: boolean } = {},
): ProposedRelationship {
  const harmonized = graph.find((e) => e.kind === 'harmonized');
  if (harmonized?.kind === 'harmonized')
    return sameStandard
      ? { relationship: 'equivalent-to', rationale: 'semantic', reason: `the harmonized-structure concept "${harmonized.conceptTitle}" in another edition of the standard` }
      : {
          relationship: 'intersects-with',
          rationale: 'functional',
          reason: `both realise the harmonized-structure concept "${harmonized.conceptTitle}", each for its own management system`,
        };

  const strongest = graph.find((e): e is Extract<GraphEvidence, { kind: 'path' }> => e.kind === 'path' && e.weight >= STRONG_PATH);
  if (strongest) {
    const composed = composePath(strongest.steps);
    const via = strongest.steps.slice(0, -1).map((s) => s.to).join(' and ');
    const unreviewed = strongest.steps.some((s) => !s.reviewed) ? ' (not every step reviewed yet)' : '';
    if (isEquivalence(composed)) return { relationship: 'equivalent-to', rationale: 'semantic', reason: `both are mapped as equivalent to ${via}${unreviewed}` };
    if (composed === 'subset-of' || composed === 'superset-of')
      return { relationship: composed, rationale: 'semantic', reason: `the mappings through ${via} compose to ${composed}${unreviewed}` };
  }

  if (normalize(source.title) && normalize(source.title) === normalize(target.title)) {
    if (normalize(source.summary) === normalize(target.summary)) return { relationship: 'equal-to', rationale: 'syntactic', reason: 'same title and summary' };
    if (source.hasChildren === target.hasChildren)
      return sameStandard
        ? { relationship: 'equivalent-to', rationale: 'syntactic', reason: 'same title in another edition of the standard' }
        : { relationship: 'intersects-with', rationale: 'syntactic', reason: 'same title: the same topic, which each framework asks about for its own subject' };
  }

  if (source.hasChildren && !target.hasChildren)
    return { relationship: 'superset-of', rationale: 'semantic', reason: 'the source is a heading over several requirements; the target is a single requirement' };
  if (target.hasChildren && !source.hasChildren)
    return { relationship: 'subset-of', rationale: 'semantic', reason: 'the target is a heading over several requirements; the source is a single requirement' };

  const coverage = wordCoverage(source, target);
  if (coverage.source >= 0.75 && coverage.target <= 0.5)
    return { relationship: 'subset-of', rationale: 'syntactic', reason: 'nearly everything the source says is in the target, which asks for more' };
  if (coverage.target >= 0.75 && coverage.source <= 0.5)
    return { relationship: 'superset-of', rationale: 'syntactic', reason: 'nearly everything the target says is in the source, which asks for more' };

  return { relationship: 'intersects-with', rationale: graph.length ? 'semantic' : 'syntactic', reason: 'the two overlap in part; a person should decide how far' };
}

/** OLIR-style strength (0–10) for a proposal: capped below the top of the scale, since no person has checked it. */
export function proposedStrength(relationship: Relationship, confidence: number): number {
  const ceiling: Record<Relationship, number> = { 'equal-to': 8, 'equivalent-to': 8, 'subset-of': 6, 'superset-of': 6, 'intersects-with': 5, 'no-relationship': 0 };
  return Math.max(1, Math.min(ceiling[relationship], Math.round(ceiling[relationship] * Math.max(0, Math.min(1, confidence)))));
}
