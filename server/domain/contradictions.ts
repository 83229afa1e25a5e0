import { frameworkOf } from './ids.js';
import { composeStrictly, contradictionBetween, inverseRelationship, type Contradiction as ContradictionKind } from './relationships.js';
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

/**
 * Every approved mapping contradicted by a two-step path of approved mappings through a requirement of another
 * framework. Pure: it reads the mappings given and nothing else.
 */
export function findContradictions(mappings: readonly Mapping[], { from, to }: { from?: string; to?: string } = {}): Contradiction[] {
  const approved = mappings.filter((m) => m.status === 'approved');
  const steps = new Map<string, ReadStep[]>();
  const add = (step: ReadStep) => {
    const list = steps.get(step.from);
    if (list) list.push(step);
    else steps.set(step.from, [step]);
  };
  for (const m of approved) {
    add({ mappingId: m.id, from: m.source, to: m.target, relationship: m.relationship });
    add({ mappingId: m.id, from: m.target, to: m.source, relationship: inverseRelationship(m.relationship) });
  }
  const inPair = (m: Mapping) => {
    const a = frameworkOf(m.source);
    const b = frameworkOf(m.target);
    return (!from || a === from || b === from) && (!to || a === to || b === to);
  };
  const found: Contradiction[] = [];
  for (const mapping of approved) {
    if (!inPair(mapping)) continue;
    const own = new Set([frameworkOf(mapping.source), frameworkOf(mapping.target)]);
    for (const first of steps.get(mapping.source) ?? []) {
      if (first.mappingId === mapping.id || own.has(frameworkOf(first.to))) continue;
      for (const second of steps.get(first.to) ?? []) {
        if (second.to !== mapping.target || second.mappingId === mapping.id) continue;
        const composed = composeStrictly(first.relationship, second.relationship);
        const kind = composed && contradictionBetween(composed, mapping.relationship);
        if (kind) found.push({ mapping, kind, composed: composed!, path: [first, second] });
      }
    }
  }
  return found.sort((a, b) => (a.mapping.id < b.mapping.id ? -1 : a.mapping.id > b.mapping.id ? 1 : 0));
}
