import { frameworkOf } from '../domain/ids.js';
import type { Mapping } from '../domain/schemas/mapping.js';
import { conceptsOf } from './concepts.js';
import type { RequirementText } from './requirementText.js';
import { terms } from './text.js';

/**
 * Learning from review decisions: once people have approved or rejected mappings between two frameworks, a
 * requirement that reads like one already mapped is likely to map to the same targets (and not to the rejected
 * ones). A nearest-neighbour vote over TF-IDF vectors of the source requirements; a requirement's own decisions
 * never count for itself, so an evaluation leaves the evaluated requirement's pairs out by construction.
 */

export interface ReviewExample {
  /** The requirement of the source framework. */
  sourceId: string;
  targetId: string;
  approved: boolean;
}

export interface LearnedVote {
  /** −1..1: share of the similar requirements' weight that approved (minus rejected) this target. */
  score: number;
  examples: Array<{ sourceId: string; similarity: number; approved: boolean }>;
}

export interface ReviewLearner {
  votes(source: RequirementText): Map<string, LearnedVote>;
}

/** Similar requirements consulted per source. */
export const LEARN_NEIGHBOURS = 5;
/** Below this cosine similarity a decided requirement is not considered similar. */
export const LEARN_MIN_SIMILARITY = 0.25;

/** Decisions about pairs of the two frameworks (either stored direction), read as from → to. */
export function reviewExamples(mappings: Mapping[], { from, to }: { from: string; to: string }): ReviewExample[] {
  const examples: ReviewExample[] = [];
  for (const m of mappings) {
    if (m.status === 'proposed') continue;
    const approved = m.status === 'approved' && m.relationship !== 'no-relationship';
    if (frameworkOf(m.source) === from && frameworkOf(m.target) === to) examples.push({ sourceId: m.source, targetId: m.target, approved });
    else if (frameworkOf(m.source) === to && frameworkOf(m.target) === from) examples.push({ sourceId: m.target, targetId: m.source, approved });
  }
  return examples;
}

type Vector = Map<string, number>;

function vectorizer(corpus: RequirementText[]) {
  const bags = new Map(corpus.map((t) => [t.id, [...terms(`${t.title} ${t.summary} ${t.parentTitle}`), ...conceptsOf(`${t.title}. ${t.summary}`)]]));
  const df = new Map<string, number>();
  for (const bag of bags.values()) for (const term of new Set(bag)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = Math.max(1, corpus.length);
  const cache = new Map<string, Vector>();
  return (text: RequirementText): Vector => {
    let vector = cache.get(text.id);
    if (vector) return vector;
    const bag = bags.get(text.id) ?? [...terms(`${text.title} ${text.summary} ${text.parentTitle}`), ...conceptsOf(`${text.title}. ${text.summary}`)];
    const tf = new Map<string, number>();
    for (const term of bag) tf.set(term, (tf.get(term) ?? 0) + 1);
    vector = new Map([...tf].map(([term, f]) => [term, (1 + Math.log(f)) * Math.log(1 + n / (df.get(term) ?? 1))]));
    const length = Math.sqrt([...vector.values()].reduce((s, w) => s + w * w, 0)) || 1;
    for (const [term, w] of vector) vector.set(term, w / length);
    cache.set(text.id, vector);
    return vector;
  };
}

const dot = (a: Vector, b: Vector) => {
  let sum = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [term, w] of small) sum += w * (large.get(term) ?? 0);
  return sum;
};

export function createReviewLearner({ examples, sources, texts }: { examples: ReviewExample[]; sources: RequirementText[]; texts: ReadonlyMap<string, RequirementText> }): ReviewLearner {
  const vectorOf = vectorizer(sources);
  const bySource = new Map<string, ReviewExample[]>();
  for (const e of examples) bySource.set(e.sourceId, [...(bySource.get(e.sourceId) ?? []), e]);
  const decided = [...bySource.keys()].flatMap((id) => (texts.has(id) ? [texts.get(id)!] : []));
  return {
    votes(source) {
      const votes = new Map<string, LearnedVote>();
      if (!decided.length) return votes;
      const query = vectorOf(source);
      const similar = decided
        .filter((d) => d.id !== source.id)
        .map((d) => ({ id: d.id, similarity: dot(query, vectorOf(d)) }))
        .filter((d) => d.similarity >= LEARN_MIN_SIMILARITY)
        .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
        .slice(0, LEARN_NEIGHBOURS);
      const total = similar.reduce((s, d) => s + d.similarity, 0);
      for (const { id, similarity } of similar) {
        for (const e of bySource.get(id)!) {
          let vote = votes.get(e.targetId);
          if (!vote) votes.set(e.targetId, (vote = { score: 0, examples: [] }));
          vote.score += ((e.approved ? 1 : -1) * similarity) / total;
          vote.examples.push({ sourceId: id, similarity: Math.round(similarity * 1e4) / 1e4, approved: e.approved });
        }
      }
      return votes;
    },
  };
}
