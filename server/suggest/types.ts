import type { Framework } from '../domain/schemas/framework.js';
import type { HarmonizedClause } from '../domain/schemas/harmonizedClause.js';
import type { Mapping, Rationale, Relationship } from '../domain/schemas/mapping.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import type { GraphEvidence } from './graphSignals.js';
import type { WordVectors } from './wordVectors.js';

/**
 * - `lexical`: the offline method (BM25 with the domain vocabulary, text of linked requirements and graph paths);
 *   needs no model.
 * - `model`: cosine similarity of local embeddings only.
 * - `hybrid`: reciprocal rank fusion of the two.
 */
export const SUGGEST_METHODS = ['lexical', 'model', 'hybrid'] as const;
export type SuggestMethod = (typeof SUGGEST_METHODS)[number];

/** What suggestions are computed from: requirements, the mappings known so far and the harmonized concepts. */
export interface SuggestCorpus {
  requirements: Requirement[];
  /** Every known mapping; only approved ones count as evidence. */
  mappings: Mapping[];
  harmonizedClauses: HarmonizedClause[];
  /** The frameworks' families: editions of one standard share one, which changes the relationship proposed for a same-titled pair. */
  frameworks?: ReadonlyArray<Pick<Framework, 'id' | 'family'>>;
}

export interface SuggestQuery {
  from: string;
  to: string;
  method: SuggestMethod;
  /** Candidates kept per source requirement. */
  top: number;
  /** Ignore every mapping between `from` and `to` (and anything learned from them). */
  blind?: boolean;
  /** Only these source requirements (all of `from` when absent). */
  sourceIds?: string[];
  /** Learn from decisions already made between the two frameworks (default true; never when blind). */
  learn?: boolean;
  /** Candidates never to return for a source (e.g. pairs already approved or rejected). */
  exclude?: (sourceId: string, targetId: string) => boolean;
  /** Word vectors for the offline method: the shipped ones when absent, none when false. */
  wordVectors?: WordVectors | false;
}

export interface SimilarPassage {
  /** The target passage the model compared. */
  text: string;
  /** Cosine similarity of the two passages. */
  similarity: number;
}

export interface SuggestionEvidence {
  /** Words (and vocabulary concepts, prefixed "~") that both requirements use. */
  sharedTerms: string[];
  similarPassage?: SimilarPassage;
  /** Reviewed mappings through third frameworks, or a shared harmonized concept; strongest first. */
  graph: GraphEvidence[];
  /** Similar requirements of the source framework that people mapped to this target (approved) or rejected it for. */
  reviewed?: Array<{ sourceId: string; similarity: number; approved: boolean }>;
}

export interface SuggestionSignals {
  /** BM25 score relative to the best candidate of the same source (1 = best). */
  lexical?: number;
  /** Noisy-or of the graph evidence, 0..1. */
  graph?: number;
  /** How often the target is mapped elsewhere, 0..1. */
  prior?: number;
  /** Cosine similarity of the embeddings. */
  model?: number;
  /** Vote of similar, already reviewed requirements, −1..1. */
  learned?: number;
  /** Cosine of the two texts' domain word vectors (related wording, not only shared words). */
  wording?: number;
  /** The cross-encoder's relevance score for the two passages read together (only when reranking). */
  crossEncoder?: number;
}

export interface Candidate {
  targetId: string;
  /** 1 = best. */
  rank: number;
  /** The ranking score of the method (comparable within one source only). */
  score: number;
  /** 0..1, a rough reading of the signals; sets the proposed strength. */
  confidence: number;
  signals: SuggestionSignals;
  relationship: Exclude<Relationship, 'no-relationship'>;
  rationale: Rationale;
  /** Why this relationship was proposed. */
  relationshipReason: string;
  strength: number;
  evidence: SuggestionEvidence;
}

export interface SourceSuggestions {
  sourceId: string;
  candidates: Candidate[];
}

export interface SuggestionRun {
  from: string;
  to: string;
  method: SuggestMethod;
  /** The embedding model used, if any. */
  model?: string;
  /** The cross-encoder that reordered the first candidates, if any. */
  reranker?: string;
  sources: SourceSuggestions[];
}
