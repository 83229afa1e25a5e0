import { normalizeByMax, sortScored } from './fuse.js';
import type { GraphCandidate, GraphSignals } from './graphSignals.js';
import { createLexicalIndex } from './lexicalIndex.js';
import type { RequirementText } from './requirementText.js';
import type { LearnedVote, ReviewLearner } from './reviewLearner.js';
import { terms } from './text.js';
import { cosine } from './vectorMath.js';
import type { WordVectors } from './wordVectors.js';

/**
 * The offline method: needs no model. For each source requirement the score of a target is
 *
 *   lexical + WORDING_WEIGHT · wording + GRAPH_WEIGHT · graph + PRIOR_WEIGHT · prior
 *     − HEADING_PENALTY · [target is a heading] + LEARNED_WEIGHT · learned
 *
 * - lexical: BM25 over the target's fields and the text of what it is already mapped to, divided by the best
 *   BM25 score for the same source (so 0..1), plus HEADING_INHERITANCE times its parent's;
 * - wording: where the target ranks among all targets by the cosine of the two texts' word vectors (domain word
 *   vectors built from public governance texts, see wordVectors.ts): 1 / (1 + rank / 5), so related wording counts
 *   where the words differ ("supplier" and "third party", "impact" and "consequences"); absent without vectors;
 * - graph: noisy-or of the paths through mappings of third frameworks (unreviewed ones count half) and shared harmonized concepts;
 * - prior: log-scaled count of the target's approved mappings to other frameworks (mapped requirements are
 *   likely to be mapped again), 0..1;
 * - heading: a target with children (a clause heading, a control objective) is less often what a mapping
 *   points at than the requirements under it;
 * - learned: the vote of similar requirements of the same framework that people already mapped to (or
 *   rejected for) this target (see reviewLearner.ts); absent when nothing between the two frameworks is decided
 *   yet, or when evaluating blind.
 *
 * The weights are the same for every framework pair; they were chosen on the shipped crosswalks as a whole.
 */
export const GRAPH_WEIGHT = 1.5;
export const PRIOR_WEIGHT = 0.3;
export const HEADING_PENALTY = 0.2;
export const LEARNED_WEIGHT = 0.75;
export const WORDING_WEIGHT = 0.3;
/** Targets closest in word vectors that are looked at even when BM25 does not find them. */
export const WORDING_DEPTH = 30;
/** Share of a heading's lexical score that the requirements under it inherit. */
export const HEADING_INHERITANCE = 0.3;
/** BM25 candidates looked at per source before graph candidates are merged in. */
export const LEXICAL_DEPTH = 100;

export interface OfflineCandidate {
  id: string;
  score: number;
  lexical: number;
  graph?: GraphCandidate;
  prior: number;
  learned?: LearnedVote;
  /** Cosine of the word vectors of the two texts, when vectors are there. */
  wording?: number;
}

export interface OfflineRanker {
  rank(source: RequirementText): OfflineCandidate[];
}

export interface OfflineRankerOptions {
  from: string;
  to: string;
  targets: RequirementText[];
  texts: ReadonlyMap<string, RequirementText>;
  graph: GraphSignals;
  hasChildren: (id: string) => boolean;
  parentOf: (id: string) => string | undefined;
  learner?: ReviewLearner;
  wordVectors?: WordVectors;
}

/** The text of a requirement that its word vector is made of: its own words and its heading's title. */
const wordedText = (t: RequirementText, parent?: RequirementText) => `${t.title} ${t.summary} ${parent?.title ?? ''}`;

export function createOfflineRanker({ from, to, targets, texts, graph, hasChildren, parentOf, learner, wordVectors }: OfflineRankerOptions): OfflineRanker {
  const linkedTerms = (id: string) =>
    graph.neighbours(id, [from, to]).flatMap((other) => {
      const text = texts.get(other);
      return text ? terms(`${text.title} ${text.summary}`) : [];
    });
  const index = createLexicalIndex(targets, { linkedTerms });
  const targetIds = new Set(targets.map((t) => t.id));
  const priorOf = new Map(targets.map((t) => [t.id, graph.mappedElsewhere(t.id, from)]));
  const maxPrior = Math.log1p(Math.max(1, ...priorOf.values()));
  const targetVectors = wordVectors ? targets.flatMap((t) => {
    const parent = parentOf(t.id);
    const vector = wordVectors.textVector(wordedText(t, parent ? texts.get(parent) : undefined));
    return vector ? [[t.id, vector] as const] : [];
  }) : [];

  /** Each target's cosine to the source and its place among all targets by that cosine. */
  const wordingOf = (source: RequirementText) => {
    const vector = wordVectors?.textVector(wordedText(source));
    if (!vector) return new Map<string, { cosine: number; signal: number }>();
    const ranked = targetVectors.map(([id, v]) => ({ id, cosine: cosine(vector, v) })).sort((a, b) => b.cosine - a.cosine);
    return new Map(ranked.map(({ id, cosine }, rank) => [id, { cosine, signal: 1 / (1 + rank / 5) }]));
  };

  return {
    rank(source) {
      const lexical = normalizeByMax(index.search(source, LEXICAL_DEPTH).map((hit) => ({ id: hit.id, score: hit.score })));
      // A requirement inherits part of its heading's match ("Assessing impacts of AI systems" lifts the controls under it).
      const own = new Map(lexical);
      for (const t of targets) {
        const parent = parentOf(t.id);
        const inherited = parent ? own.get(parent) ?? 0 : 0;
        if (inherited) lexical.set(t.id, (own.get(t.id) ?? 0) + HEADING_INHERITANCE * inherited);
      }
      const graphCandidates = graph.candidates(source.id, to);
      const votes = learner?.votes(source) ?? new Map<string, LearnedVote>();
      const wording = wordingOf(source);
      const closest = [...wording.keys()].slice(0, WORDING_DEPTH);
      const ids = new Set([...lexical.keys(), ...closest, ...[...graphCandidates.keys(), ...votes.keys()].filter((id) => targetIds.has(id))]);
      return sortScored(
        [...ids].map((id) => {
          const lex = lexical.get(id) ?? 0;
          const g = graphCandidates.get(id);
          const prior = Math.log1p(priorOf.get(id) ?? 0) / maxPrior;
          const learned = votes.get(id);
          const worded = wording.get(id);
          const score = lex + WORDING_WEIGHT * (worded?.signal ?? 0) + GRAPH_WEIGHT * (g?.score ?? 0) + PRIOR_WEIGHT * prior - (hasChildren(id) ? HEADING_PENALTY : 0) + LEARNED_WEIGHT * (learned?.score ?? 0);
          return { id, score, lexical: lex, graph: g, prior, ...(learned ? { learned } : {}), ...(worded ? { wording: worded.cosine } : {}) };
        }),
      );
    },
  };
}
