import { frameworkOf, mappingId } from '../domain/ids.js';
import type { Mapping } from '../domain/schemas/mapping.js';
import type { GraphStore } from '../store/types.js';
import type { GraphEvidence } from './graphSignals.js';
import type { Candidate, SuggestCorpus, SuggestionRun } from './types.js';

export const SUGGEST_AUTHOR = 'crosswalk-suggest';
export const suggestionSource = (method: string) => `Crosswalk suggestion engine (${method})`;

/** Why a pair is not proposed (again). */
export type SkipReason = 'approved' | 'rejected' | 'reviewed' | 'other-direction' | 'not-a-suggestion';

/**
 * Which pairs may be proposed: a pair nobody has mapped, or one this engine proposed before (it is updated).
 * Pairs approved or rejected in either stored direction are never proposed again, nor are pairs someone else
 * proposed or reviewed, or that are stored the other way round.
 */
export function existingDecisions(mappings: Mapping[], { from, to }: { from: string; to: string }) {
  const byPair = new Map<string, Mapping[]>();
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const m of mappings) {
    const fa = frameworkOf(m.source);
    const fb = frameworkOf(m.target);
    if (!((fa === from && fb === to) || (fa === to && fb === from))) continue;
    const k = key(m.source, m.target);
    byPair.set(k, [...(byPair.get(k) ?? []), m]);
  }
  const skipReason = (source: string, target: string): SkipReason | undefined => {
    const existing = byPair.get(key(source, target)) ?? [];
    if (existing.some((m) => m.status === 'approved')) return 'approved';
    if (existing.some((m) => m.status === 'rejected')) return 'rejected';
    // A person touched it (e.g. corrected it but left it proposed): their version stays.
    if (existing.some((m) => m.provenance.reviewer)) return 'reviewed';
    if (existing.some((m) => m.source !== source)) return 'other-direction';
    if (existing.some((m) => m.origin !== 'suggestion')) return 'not-a-suggestion';
    return undefined;
  };
  const previous = (source: string, target: string) => (byPair.get(key(source, target)) ?? []).find((m) => m.source === source && m.origin === 'suggestion');
  return { skipReason, previous };
}

const describeEvidence = (e: GraphEvidence) =>
  e.kind === 'harmonized'
    ? `both realise the harmonized concept "${e.conceptTitle}" (${e.conceptId})`
    : `${e.steps[0]!.from} ${e.steps.map((s) => `${s.relationship} ${s.to}${s.reviewed ? '' : ' (not yet reviewed)'}`).join(', which is ')}`;

/** The note saved with a proposed mapping: what the engine saw, in words a reviewer can check. */
export function explainCandidate(candidate: Candidate, { method, model, reranker }: { method: string; model?: string; reranker?: string }): string {
  const parts = [
    `Proposed by the Crosswalk suggestion engine (${method}${model ? `, model ${model}` : ''}${reranker ? `, reranked by ${reranker}` : ''}): rank ${candidate.rank}, score ${candidate.score}, confidence ${candidate.confidence}.`,
    `Relationship ${candidate.relationship}: ${candidate.relationshipReason}.`,
  ];
  if (candidate.evidence.sharedTerms.length) parts.push(`Shared terms: ${candidate.evidence.sharedTerms.join(', ')}.`);
  if (candidate.evidence.similarPassage) parts.push(`Embedding similarity ${candidate.evidence.similarPassage.similarity}.`);
  if (candidate.signals.wording !== undefined) parts.push(`Wording similarity (domain word vectors) ${candidate.signals.wording}.`);
  if (candidate.signals.crossEncoder !== undefined) parts.push(`Cross-encoder score ${candidate.signals.crossEncoder}.`);
  if (candidate.evidence.graph.length) parts.push(`Graph: ${candidate.evidence.graph.map(describeEvidence).join('; ')}.`);
  if (candidate.evidence.reviewed?.length)
    parts.push(`Reviewed look-alikes: ${candidate.evidence.reviewed.map((r) => `${r.sourceId} (similarity ${r.similarity}) was ${r.approved ? 'approved' : 'rejected'} for this target`).join('; ')}.`);
  // Whether a person has decided is the mapping's status, not its note: the note stays true after a review.
  return parts.join(' ');
}

export interface SaveSummary {
  created: number;
  updated: number;
  unchanged: number;
  /**
   * The engine's earlier proposals for the run's source requirements, still unreviewed, that this run did not make
   * again (a smaller --top, or changed content): left in the queue as they are, for a person to accept or reject.
   */
  earlierLeft: number;
  saved: Mapping[];
}

/** Saves every candidate as a proposed, automated mapping of origin "suggestion" (never approved). */
export async function saveSuggestions(store: GraphStore, run: SuggestionRun, { corpus, today }: { corpus: Pick<SuggestCorpus, 'mappings'>; today: string }): Promise<SaveSummary> {
  const { previous, skipReason } = existingDecisions(corpus.mappings, run);
  const summary: SaveSummary = { created: 0, updated: 0, unchanged: 0, earlierLeft: 0, saved: [] };
  for (const source of run.sources) {
    for (const candidate of source.candidates) {
      if (skipReason(source.sourceId, candidate.targetId)) continue;
      const before = previous(source.sourceId, candidate.targetId);
      const mapping: Mapping = {
        id: mappingId(source.sourceId, candidate.targetId),
        source: source.sourceId,
        target: candidate.targetId,
        relationship: candidate.relationship,
        rationale: candidate.rationale,
        strength: candidate.strength,
        method: 'automation',
        status: 'proposed',
        origin: 'suggestion',
        provenance: { source: suggestionSource(run.method), author: SUGGEST_AUTHOR, created: before?.provenance.created ?? today },
        note: explainCandidate(candidate, { method: run.method, model: run.model, reranker: run.reranker }),
      };
      if (before && sameMapping(before, mapping)) {
        summary.unchanged++;
        summary.saved.push(before);
        continue;
      }
      summary.saved.push(await store.saveMapping(mapping));
      if (before) summary.updated++;
      else summary.created++;
    }
  }
  const ranked = new Set(run.sources.map((s) => s.sourceId));
  const madeNow = new Set(summary.saved.map((m) => m.id));
  summary.earlierLeft = corpus.mappings.filter(
    (m) => m.origin === 'suggestion' && m.status === 'proposed' && !m.provenance.reviewer && ranked.has(m.source) && frameworkOf(m.target) === run.to && !madeNow.has(m.id),
  ).length;
  return summary;
}

const sameMapping = (a: Mapping, b: Mapping) =>
  a.relationship === b.relationship && a.rationale === b.rationale && a.strength === b.strength && a.note === b.note && a.provenance.source === b.provenance.source && a.status === b.status;
