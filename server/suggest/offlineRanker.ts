import { normalizeByMax, sortScored } from './fuse.js';
import type { GraphCandidate, GraphSignals } from './graphSignals.js';
import { createLexicalIndex } from './lexicalIndex.js';
import type { RequirementText } from './requirementText.js';
import { terms } from './text.js';

/**
 * The offline method: needs no model. For each source requirement the score of a target is
 *
 *   lexical + GRAPH_WEIGHT · graph + PRIOR_WEIGHT · prior − HEADING_PENALTY · [target is a heading]
 *
 * - lexical: BM25 over the target's fields and the text of what it is already mapped to, divided by the best
 *   BM25 score for the same source (so 0..1);
 * - graph: noisy-or of the paths through reviewed mappings of third frameworks and shared harmonized concepts;
 * - prior: log-scaled count of the target's approved mappings to other frameworks (mapped requirements are
 *   likely to be mapped again), 0..1;
 * - heading: a target with children (a clause heading, a control objective) is less often what a mapping
 *   points at than the requirements under it.
 *
 * The weights are the same for every framework pair; they were chosen on the shipped crosswalks as a whole.
 */
export const GRAPH_WEIGHT = 1.5;
export const PRIOR_WEIGHT = 0.3;
export const HEADING_PENALTY = 0.2;
/** BM25 candidates looked at per source before graph candidates are merged in. */
export const LEXICAL_DEPTH = 100;

export interface OfflineCandidate {
  id: string;
  score: number;
  lexical: number;
  graph?: GraphCandidate;
  prior: number;
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
}

export function createOfflineRanker({ from, to, targets, texts, graph, hasChildren }: OfflineRankerOptions): OfflineRanker {
  const linkedTerms = (id: string) =>
    graph.neighbours(id, [from, to]).flatMap((other) => {
      const text = texts.get(other);
      return text ? terms(`${text.title} ${text.summary}`) : [];
    });
  const index = createLexicalIndex(targets, { linkedTerms });
  const targetIds = new Set(targets.map((t) => t.id));
  const priorOf = new Map(targets.map((t) => [t.id, graph.mappedElsewhere(t.id, from)]));
  const maxPrior = Math.log1p(Math.max(1, ...priorOf.values()));

  return {
    rank(source) {
      const lexical = normalizeByMax(index.search(source, LEXICAL_DEPTH).map((hit) => ({ id: hit.id, score: hit.score })));
      const graphCandidates = graph.candidates(source.id, to);
      const ids = new Set([...lexical.keys(), ...[...graphCandidates.keys()].filter((id) => targetIds.has(id))]);
      return sortScored(
        [...ids].map((id) => {
          const lex = lexical.get(id) ?? 0;
          const g = graphCandidates.get(id);
          const prior = Math.log1p(priorOf.get(id) ?? 0) / maxPrior;
          const score = lex + GRAPH_WEIGHT * (g?.score ?? 0) + PRIOR_WEIGHT * prior - (hasChildren(id) ? HEADING_PENALTY : 0);
          return { id, score, lexical: lex, graph: g, prior };
        }),
      );
    },
  };
}
