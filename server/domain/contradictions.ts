import { frameworkOf } from './ids.js';
import { pushTo } from './multimap.js';
import { composeStrictly, contradictionBetween, inverseRelationship, type ContradictionKind } from './relationships.js';
import type { Mapping, Relationship } from './schemas/mapping.js';

/** One step of a path, read in the direction of travel. */
export interface ReadStep {
  mappingId: string;
  from: string;
  to: string;
  relationship: Relationship;
}

/**
 * A mapping that two other mappings, chained through a third requirement, contradict: A → B says one thing, A → C → B
 * composes to another that cannot hold with it. At least one of the three mappings is wrong, or the pair is read
 * differently in the two crosswalks.
 */
export interface Contradiction {
  mapping: Mapping;
  kind: ContradictionKind;
  /** What the path composes to, read from the mapping's source to its target. */
  composed: Relationship;
  path: [ReadStep, ReadStep];
}

/** The approved mappings as steps that can be walked from either end. */
export interface ApprovedSteps {
  from(requirementId: string): readonly ReadStep[];
}

export function approvedSteps(mappings: readonly Mapping[]): ApprovedSteps {
  const steps = new Map<string, ReadStep[]>();
  for (const m of mappings) {
    if (m.status !== 'approved') continue;
    pushTo(steps, m.source, { mappingId: m.id, from: m.source, to: m.target, relationship: m.relationship });
    pushTo(steps, m.target, { mappingId: m.id, from: m.target, to: m.source, relationship: inverseRelationship(m.relationship) });
  }
  return { from: (id) => steps.get(id) ?? [] };
}

/**
 * The two-step paths of approved mappings, through a requirement of a third framework, that contradict a mapping of
 * any status: for an approved one, where the graph disagrees with itself; for a proposed one, what approving it as it
 * stands would contradict.
 */
export function contradictionsOf(mapping: Mapping, steps: ApprovedSteps): Contradiction[] {
  const own = new Set([frameworkOf(mapping.source), frameworkOf(mapping.target)]);
  const found: Contradiction[] = [];
  for (const first of steps.from(mapping.source)) {
    if (first.mappingId === mapping.id || own.has(frameworkOf(first.to))) continue;
    for (const second of steps.from(first.to)) {
      if (second.to !== mapping.target || second.mappingId === mapping.id) continue;
      const composed = composeStrictly(first.relationship, second.relationship);
      const kind = composed && contradictionBetween(composed, mapping.relationship);
      if (kind) found.push({ mapping, kind, composed: composed!, path: [first, second] });
    }
  }
  return found;
}

/**
 * Every approved mapping contradicted by a two-step path of approved mappings through a requirement of another
 * framework. Pure: it reads the mappings given and nothing else.
 */
export function findContradictions(mappings: readonly Mapping[], { from, to }: { from?: string; to?: string } = {}): Contradiction[] {
  const steps = approvedSteps(mappings);
  const inPair = (m: Mapping) => {
    const a = frameworkOf(m.source);
    const b = frameworkOf(m.target);
    return (!from || a === from || b === from) && (!to || a === to || b === to);
  };
  return mappings
    .filter((m) => m.status === 'approved' && inPair(m))
    .flatMap((m) => contradictionsOf(m, steps))
    .sort((a, b) => (a.mapping.id < b.mapping.id ? -1 : a.mapping.id > b.mapping.id ? 1 : 0));
}
