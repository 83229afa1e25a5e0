import type { HarmonizedClause } from '../domain/schemas/harmonizedClause.js';
import type { Mapping, Relationship } from '../domain/schemas/mapping.js';
import { frameworkOf } from '../domain/ids.js';
import { inverseRelationship } from '../domain/relationships.js';

/**
 * What the knowledge graph says about a candidate pair before anyone has mapped it: requirements already
 * mapped to the same requirement of a third framework, or realising the same harmonized clause concept, are likely
 * related. The caller chooses the mappings (see `knowledgeFor`); one not yet approved carries UNREVIEWED_WEIGHT of an
 * approved one, and a rejected one nothing.
 */

export interface GraphStep {
  from: string;
  to: string;
  /** As read in the direction of travel. */
  relationship: Relationship;
  strength: number;
  /** False for a mapping nobody has approved yet (a published crosswalk imported as proposed, for one). */
  reviewed: boolean;
}

export type GraphEvidence =
  | { kind: 'path'; steps: GraphStep[]; weight: number }
  | { kind: 'harmonized'; conceptId: string; conceptTitle: string; weight: number };

export interface GraphCandidate {
  targetId: string;
  /** 0..1: noisy-or of the evidence weights. */
  score: number;
  evidence: GraphEvidence[];
}

export interface GraphSignals {
  candidates(sourceId: string, toFramework: string): Map<string, GraphCandidate>;
  /** Mappings of a requirement to frameworks other than `exceptFramework` (unreviewed ones count half): a prior that it is mappable. */
  mappedElsewhere(requirementId: string, exceptFramework: string): number;
  /** Requirements it is mapped to outside the given frameworks. */
  neighbours(requirementId: string, exceptFrameworks: readonly string[]): string[];
}

const RELATIONSHIP_WEIGHT: Record<Relationship, number> = {
  'equal-to': 1,
  'equivalent-to': 1,
  'subset-of': 0.85,
  'superset-of': 0.85,
  'intersects-with': 0.7,
  'no-relationship': 0,
};

/** How much one approved mapping carries: its relationship, scaled by its strength (a strength of 1 carries little). */
export const edgeWeight = (relationship: Relationship, strength: number) => RELATIONSHIP_WEIGHT[relationship] * Math.min(1, Math.max(0.1, strength / 8));

/** A mapping a person made but nobody has reviewed here yet counts half as much as an approved one. */
export const UNREVIEWED_WEIGHT = 0.5;

/** Weight of the harmonized-structure link between two clauses realising the same concept. */
export const HARMONIZED_WEIGHT = 0.9;
/** Three-step paths are weaker evidence than two-step ones. */
export const LONG_PATH_DAMPING = 0.5;

interface Edge {
  other: string;
  relationship: Relationship;
  strength: number;
  reviewed: boolean;
  weight: number;
}

export const noisyOr = (weights: number[]) => 1 - weights.reduce((rest, w) => rest * (1 - Math.min(0.99, Math.max(0, w))), 1);

export function createGraphSignals({ mappings, harmonizedClauses }: { mappings: Mapping[]; harmonizedClauses: HarmonizedClause[] }): GraphSignals {
  const adjacency = new Map<string, Edge[]>();
  const add = (from: string, edge: Edge) => {
    let list = adjacency.get(from);
    if (!list) adjacency.set(from, (list = []));
    list.push(edge);
  };
  for (const m of mappings) {
    if (m.status === 'rejected' || m.relationship === 'no-relationship' || m.source === m.target) continue;
    const reviewed = m.status === 'approved';
    const weight = edgeWeight(m.relationship, m.strength) * (reviewed ? 1 : UNREVIEWED_WEIGHT);
    add(m.source, { other: m.target, relationship: m.relationship, strength: m.strength, reviewed, weight });
    add(m.target, { other: m.source, relationship: inverseRelationship(m.relationship), strength: m.strength, reviewed, weight });
  }
  for (const list of adjacency.values()) list.sort((a, b) => a.other.localeCompare(b.other));

  const conceptsOf = new Map<string, HarmonizedClause[]>();
  for (const clause of harmonizedClauses) for (const id of clause.requirementIds) conceptsOf.set(id, [...(conceptsOf.get(id) ?? []), clause]);

  const edgesOf = (id: string) => adjacency.get(id) ?? [];
  /** How many requirements of `framework` a node links to: a hub spreads its evidence thin. */
  const fanout = (id: string, framework: string) => edgesOf(id).filter((e) => frameworkOf(e.other) === framework).length;

  return {
    candidates(sourceId, toFramework) {
      const fromFramework = frameworkOf(sourceId);
      const third = (id: string) => {
        const fw = frameworkOf(id);
        return fw !== fromFramework && fw !== toFramework;
      };
      const found = new Map<string, GraphEvidence[]>();
      const push = (targetId: string, evidence: GraphEvidence) => found.set(targetId, [...(found.get(targetId) ?? []), evidence]);
      const step = (from: string, e: Edge): GraphStep => ({ from, to: e.other, relationship: e.relationship, strength: e.strength, reviewed: e.reviewed });

      for (const first of edgesOf(sourceId)) {
        const x = first.other;
        if (!third(x)) continue;
        const spreadX = Math.sqrt(Math.max(1, fanout(x, toFramework)) * Math.max(1, fanout(x, fromFramework)));
        for (const second of edgesOf(x)) {
          if (frameworkOf(second.other) === toFramework) {
            push(second.other, { kind: 'path', steps: [step(sourceId, first), step(x, second)], weight: (first.weight * second.weight) / spreadX });
          } else if (third(second.other) && second.other !== sourceId) {
            const y = second.other;
            const spreadY = Math.sqrt(Math.max(1, fanout(y, toFramework)));
            for (const last of edgesOf(y)) {
              if (frameworkOf(last.other) !== toFramework) continue;
              const weight = (LONG_PATH_DAMPING * first.weight * second.weight * last.weight) / (spreadX * spreadY);
              push(last.other, { kind: 'path', steps: [step(sourceId, first), step(x, second), step(y, last)], weight });
            }
          }
        }
      }
      for (const clause of conceptsOf.get(sourceId) ?? []) {
        for (const member of clause.requirementIds) {
          if (member !== sourceId && frameworkOf(member) === toFramework)
            push(member, { kind: 'harmonized', conceptId: clause.id, conceptTitle: clause.title, weight: HARMONIZED_WEIGHT / Math.sqrt(clause.requirementIds.filter((r) => frameworkOf(r) === toFramework).length) });
        }
      }

      const result = new Map<string, GraphCandidate>();
      for (const [targetId, evidence] of found) {
        evidence.sort((a, b) => b.weight - a.weight);
        result.set(targetId, { targetId, score: noisyOr(evidence.map((e) => e.weight)), evidence });
      }
      return result;
    },
    neighbours(requirementId, exceptFrameworks) {
      return edgesOf(requirementId).map((e) => e.other).filter((id) => !exceptFrameworks.includes(frameworkOf(id)));
    },
    mappedElsewhere(requirementId, exceptFramework) {
      return edgesOf(requirementId).reduce((n, e) => n + (frameworkOf(e.other) === exceptFramework ? 0 : e.reviewed ? 1 : UNREVIEWED_WEIGHT), 0);
    },
  };
}
