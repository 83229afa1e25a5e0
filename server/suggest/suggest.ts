import { InputError } from '../domain/errors.js';
import { frameworkOf } from '../domain/ids.js';
import type { Mapping } from '../domain/schemas/mapping.js';
import { isWithdrawn } from '../domain/schemas/requirement.js';
import type { EmbeddingStore } from '../store/types.js';
import type { Embedder } from './embedder.js';
import { reciprocalRankFusion, sortScored, type Scored } from './fuse.js';
import { createGraphSignals } from './graphSignals.js';
import { createOfflineRanker, type OfflineCandidate } from './offlineRanker.js';
import { proposedStrength, proposeRelationship } from './proposeRelationship.js';
import { RERANK_DEPTH, rerankTop, type Reranker } from './reranker.js';
import { passageOf, requirementTexts, type RequirementText } from './requirementText.js';
import { createReviewLearner, reviewExamples } from './reviewLearner.js';
import { sharedTerms } from './sharedTerms.js';
import type { Candidate, SourceSuggestions, SuggestCorpus, SuggestionRun, SuggestQuery } from './types.js';
import { ensureEmbeddings, nearestTargets } from './vectorIndex.js';
import { cosine } from './vectorMath.js';
import { shippedWordVectors } from './wordVectors.js';

/** Candidates each method ranks per source before fusion and filtering. */
export const RANKING_DEPTH = 100;
/** Graph evidence items kept per candidate. */
const EVIDENCE_PATHS = 3;

export interface ModelContext {
  embedder: Embedder;
  /** Where vectors are cached and searched: the configured store, or memory. */
  store: EmbeddingStore;
}

export interface SuggestionReport extends SuggestionRun {
  embeddings?: { embedded: number; cached: number };
}

/**
 * Mappings that count as knowledge: approved ones, and those a person made that nobody has reviewed yet (a published
 * crosswalk imported as proposed), which the graph weighs less; never a machine's proposal or a rejected mapping, and
 * (blind) none between the two frameworks.
 */
export function knowledgeFor(mappings: Mapping[], { from, to, blind = false }: { from: string; to: string; blind?: boolean }): Mapping[] {
  const between = (m: Mapping) => {
    const a = frameworkOf(m.source);
    const b = frameworkOf(m.target);
    return (a === from && b === to) || (a === to && b === from);
  };
  const madeByPeople = (m: Mapping) => m.status === 'proposed' && m.origin !== 'suggestion' && m.method !== 'automation';
  return mappings.filter((m) => (m.status === 'approved' || madeByPeople(m)) && !(blind && between(m)));
}

const confidenceFrom = ({ lexical, graph, model, learned }: { lexical?: number; graph?: number; model?: number; learned?: number }) => {
  // A rough 0..1 reading: graph evidence, reviewed look-alikes and model similarity are stronger than word overlap.
  const parts = [0.6 * (lexical ?? 0), graph ?? 0, learned ?? 0, model === undefined ? 0 : Math.max(0, Math.min(1, (model - 0.5) / 0.4))];
  return 1 - parts.reduce((rest, p) => rest * (1 - Math.max(0, Math.min(1, p))), 1);
};

/**
 * Ranked target candidates for every source requirement of `from`, each with a proposed relationship and the
 * evidence behind it. Pure over the corpus, apart from the embedder and the vector store it is given and, unless
 * `query.wordVectors` says otherwise, the shipped word vectors (read from disk once per process).
 */
export async function computeSuggestions(corpus: SuggestCorpus, query: SuggestQuery, { model, reranker }: { model?: ModelContext; reranker?: Reranker } = {}): Promise<SuggestionReport> {
  const { from, to, method, top, blind = false, exclude } = query;
  if (from === to) throw new InputError(`suggest: --from and --to are the same framework ("${from}")`);
  if (method !== 'lexical' && !model) throw new InputError(`suggest: method "${method}" needs an embedding model; none is installed`);
  const texts = requirementTexts(corpus.requirements);
  const parents = new Set(corpus.requirements.flatMap((r) => (r.parentId ? [r.parentId] : [])));
  const hasChildren = (id: string) => parents.has(id);
  const parentById = new Map(corpus.requirements.flatMap((r) => (r.parentId ? [[r.id, r.parentId] as const] : [])));
  const familyOf = (id: string) => corpus.frameworks?.find((f) => f.id === id)?.family;
  const sameStandard = familyOf(from) !== undefined && familyOf(from) === familyOf(to);
  const graph = createGraphSignals({ mappings: knowledgeFor(corpus.mappings, { from, to, blind }), harmonizedClauses: corpus.harmonizedClauses });

  const wantedSources = query.sourceIds ? new Set(query.sourceIds) : undefined;
  // A withdrawn requirement has nothing left to map, either way.
  const withdrawn = new Set(corpus.requirements.filter(isWithdrawn).map((r) => r.id));
  const sources = [...texts.values()].filter((t) => t.frameworkId === from && !withdrawn.has(t.id) && (!wantedSources || wantedSources.has(t.id)));
  const targets = [...texts.values()].filter((t) => t.frameworkId === to && !withdrawn.has(t.id));
  const targetIds = new Set(targets.map((t) => t.id));

  // Blind: nothing decided between the two frameworks may be learned from.
  const examples = blind || query.learn === false ? [] : reviewExamples(corpus.mappings, { from, to });
  const learner = examples.length ? createReviewLearner({ examples, sources: [...texts.values()].filter((t) => t.frameworkId === from), texts }) : undefined;
  const offline = method === 'model' ? undefined : createOfflineRanker({ from, to, targets, texts, graph, hasChildren, parentOf: (id) => parentById.get(id), learner, wordVectors: query.wordVectors === undefined ? shippedWordVectors() : query.wordVectors || undefined });
  let vectors: Map<string, Float32Array> | undefined;
  let embeddings: SuggestionReport['embeddings'];
  if (method !== 'lexical' && model) {
    const refresh = await ensureEmbeddings({ embedder: model.embedder, store: model.store, texts: [...sources, ...targets] });
    vectors = refresh.vectors;
    embeddings = { embedded: refresh.embedded, cached: refresh.cached };
  }

  const results: SourceSuggestions[] = [];
  for (const source of sources) {
    const offlineList = offline?.rank(source) ?? [];
    const offlineById = new Map<string, OfflineCandidate>(offlineList.map((c) => [c.id, c]));
    const modelList: Scored[] = vectors && model
      ? await nearestTargets({ store: model.store, modelId: model.embedder.info.modelId, vector: vectors.get(source.id)!, to, k: RANKING_DEPTH, targetIds })
      : [];
    const ranking: Scored[] =
      method === 'lexical' ? offlineList.slice(0, RANKING_DEPTH)
      : method === 'model' ? modelList
      : reciprocalRankFusion([offlineList.slice(0, RANKING_DEPTH).map((c) => c.id), modelList.map((c) => c.id)]);

    const allowed = sortScored(ranking.filter((c) => !exclude?.(source.id, c.id)));
    let crossScores: Map<string, number> | undefined;
    if (reranker) {
      const head = allowed.slice(0, RERANK_DEPTH);
      const scores = await reranker.score(passageOf(source), head.map((c) => passageOf(texts.get(c.id)!)));
      crossScores = new Map(head.map((c, i) => [c.id, scores[i]!]));
    }
    const kept = (crossScores ? rerankTop(allowed, crossScores) : allowed).slice(0, top);
    results.push({
      sourceId: source.id,
      candidates: kept.map((c, i) => candidateFor({ source, target: texts.get(c.id)!, rank: i + 1, score: c.score, offline: offlineById.get(c.id), vectors, crossEncoder: crossScores?.get(c.id), hasChildren, sameStandard })),
    });
  }
  return {
    from,
    to,
    method,
    ...(model && method !== 'lexical' ? { model: model.embedder.info.modelId } : {}),
    ...(reranker ? { reranker: reranker.modelId } : {}),
    sources: results,
    ...(embeddings ? { embeddings } : {}),
  };
}

function candidateFor({ source, target, rank, score, offline, vectors, crossEncoder, hasChildren, sameStandard }: {
  source: RequirementText;
  target: RequirementText;
  rank: number;
  score: number;
  offline?: OfflineCandidate;
  vectors?: Map<string, Float32Array>;
  crossEncoder?: number;
  hasChildren: (id: string) => boolean;
  sameStandard: boolean;
}): Candidate {
  const graphEvidence = offline?.graph?.evidence ?? [];
  const modelSimilarity = vectors && vectors.has(source.id) && vectors.has(target.id) ? cosine(vectors.get(source.id)!, vectors.get(target.id)!) : undefined;
  const signals = {
    ...(offline ? { lexical: round(offline.lexical), prior: round(offline.prior) } : {}),
    ...(offline?.graph ? { graph: round(offline.graph.score) } : {}),
    ...(offline?.learned ? { learned: round(offline.learned.score) } : {}),
    ...(modelSimilarity !== undefined ? { model: round(modelSimilarity) } : {}),
    ...(offline?.wording !== undefined ? { wording: round(offline.wording) } : {}),
    ...(crossEncoder !== undefined ? { crossEncoder: round(crossEncoder) } : {}),
  };
  const proposal = proposeRelationship(
    { title: source.title, summary: source.summary, hasChildren: hasChildren(source.id) },
    { title: target.title, summary: target.summary, hasChildren: hasChildren(target.id) },
    graphEvidence,
    { sameStandard },
  );
  const confidence = round(confidenceFrom(signals));
  return {
    targetId: target.id,
    rank,
    score: round(score),
    confidence,
    signals,
    relationship: proposal.relationship,
    rationale: proposal.rationale,
    relationshipReason: proposal.reason,
    strength: proposedStrength(proposal.relationship, confidence),
    evidence: {
      sharedTerms: sharedTerms(source, target),
      ...(modelSimilarity !== undefined ? { similarPassage: { text: passageOf(target), similarity: round(modelSimilarity) } } : {}),
      graph: graphEvidence.slice(0, EVIDENCE_PATHS),
      ...(offline?.learned ? { reviewed: offline.learned.examples.slice(0, EVIDENCE_PATHS) } : {}),
    },
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
