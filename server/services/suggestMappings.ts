import { rowLabel } from '../domain/analysis/rowLabel.js';
import { scopePredicate } from '../domain/analysis/tagScope.js';
import { InputError } from '../domain/errors.js';
import type { GraphStore } from '../store/types.js';
import { corpusFromStore } from '../suggest/corpusFromStore.js';
import { modelDirFrom } from '../suggest/modelFolder.js';
import { createModelKeeper, LOAD_FOR_ONE_RUN } from '../suggest/modelKeeper.js';
import { prepareMethod, prepareReranker, type PreparedReranker } from '../suggest/prepareMethod.js';
import { existingDecisions, saveSuggestions, type SaveSummary, type SkipReason } from '../suggest/saveSuggestions.js';
import { computeSuggestions, type SuggestionReport } from '../suggest/suggest.js';
import type { SuggestMethod } from '../suggest/types.js';
import { serialise } from './serialise.js';
import { unknownFramework } from '../domain/likelyMeant.js';

/** Candidates kept per source requirement unless the caller asks for another number. */
export const DEFAULT_TOP = 3;

export interface SuggestMappingsOptions {
  from: string;
  to: string;
  /** Candidates kept per source requirement. */
  top: number;
  method?: SuggestMethod;
  model?: string;
  /** Reorder the first candidates with a local cross-encoder. */
  rerank?: boolean;
  /** Which cross-encoder (implies `rerank`). */
  reranker?: string;
  /** Compute, but save nothing. */
  dryRun?: boolean;
  /** Only the source requirements within these tags, own or inherited ("role:deployer"; see tagScope.ts). */
  scope?: string[];
  /** Keep the models loaded for the next run (a server), instead of freeing them when this one ends (a CLI command). */
  keepModels?: boolean;
  modelDir?: string;
  today: string;
}

export interface SuggestMappingsOutcome {
  run: SuggestionReport;
  /** Undefined on a dry run. */
  saved?: SaveSummary;
  /** Pairs between the two frameworks that already exist and were left alone, by why. */
  skipped: Record<SkipReason, number>;
  /** Source requirements with an approved "no counterpart" record for the target framework, not looked at. */
  noCounterpart: number;
  /** What the user should be told: no model, which model, no reranker. */
  notices: string[];
  labels: Map<string, { ref: string; title: string }>;
}

export async function assertFrameworks(store: Pick<GraphStore, 'listFrameworks'>, ids: string[], command: string) {
  const known = (await store.listFrameworks()).map((f) => f.id);
  for (const id of ids)
    if (!known.includes(id)) throw new InputError(`${command}: ${unknownFramework(id, known)}; import others first: "crosswalk import", POST /api/import or the explorer's import page`);
}

// Runs that overlap would each decide from the mappings stored before the other saved its proposals.
const oneRunAtATime = serialise();
const keptModels = createModelKeeper();

/**
 * Ranks candidates of `to` for every requirement of `from` in the store and saves the top ones as proposed mappings
 * (method automation, origin suggestion), never approved. The CLI and the API both come here.
 */
export function suggestMappings(store: GraphStore, options: SuggestMappingsOptions): Promise<SuggestMappingsOutcome> {
  return oneRunAtATime(() => run(store, options));
}

async function run(store: GraphStore, { from, to, top, method: requested, model: modelId, rerank = false, reranker: rerankerId, dryRun = false, keepModels = false, modelDir = modelDirFrom(), today, scope = [] }: SuggestMappingsOptions): Promise<SuggestMappingsOutcome> {
  await assertFrameworks(store, [from, to], 'suggest');
  if (from === to) throw new InputError(`suggest: --from and --to are the same framework ("${from}")`);
  const corpus = await corpusFromStore(store);
  const inScope = scopePredicate(corpus.requirements, from, scope);
  const models = keepModels ? keptModels : LOAD_FOR_ONE_RUN;
  const prepared = await prepareMethod({ requested, modelId: modelId ?? (process.env.CROSSWALK_MODEL || undefined), modelDir, store, models });
  let reranking: PreparedReranker = { notices: [] };
  try {
    reranking = await prepareReranker({ wanted: rerank || Boolean(rerankerId), modelId: rerankerId ?? (process.env.CROSSWALK_RERANKER || undefined), modelDir, models });
    const decisions = existingDecisions(corpus.mappings, { from, to });
    const skipped: Record<SkipReason, number> = { approved: 0, rejected: 0, reviewed: 0, 'other-direction': 0, 'not-a-suggestion': 0 };
    const declared = new Set(
      (await store.listNoCounterparts({ frameworkId: from, otherFrameworkId: to })).filter((n) => n.status === 'approved').map((n) => n.requirementId),
    );
    const sourceIds = corpus.requirements.filter((r) => r.frameworkId === from && !declared.has(r.id) && inScope(r.id)).map((r) => r.id);
    const report = await computeSuggestions(
      corpus,
      { from, to, method: prepared.method, top, sourceIds, exclude: (s, t) => decisions.skipReason(s, t) !== undefined },
      { model: prepared.model, reranker: reranking.reranker },
    );
    // Pairs between the two frameworks that already exist and are left alone, each counted once.
    const sources = new Set(sourceIds);
    const pairs = new Set<string>();
    for (const m of corpus.mappings) {
      const [s, t] = sources.has(m.source) && m.target.startsWith(`${to}:`) ? [m.source, m.target] : sources.has(m.target) && m.source.startsWith(`${to}:`) ? [m.target, m.source] : [];
      if (!s || !t || pairs.has(`${s}\u0000${t}`)) continue;
      pairs.add(`${s}\u0000${t}`);
      const reason = decisions.skipReason(s, t);
      if (reason) skipped[reason]++;
    }
    const saved = dryRun ? undefined : await saveSuggestions(store, report, { corpus, today });
    const byId = new Map(corpus.requirements.map((r) => [r.id, r]));
    const labels = new Map(
      report.sources.flatMap((src) => [src.sourceId, ...src.candidates.map((c) => c.targetId)]).map((id) => {
        const requirement = byId.get(id);
        return [id, { ref: requirement?.ref ?? id, title: requirement ? rowLabel(requirement) : '' }];
      }),
    );
    return { run: report, ...(saved ? { saved } : {}), skipped, noCounterpart: declared.size, notices: [...prepared.notices, ...reranking.notices], labels };
  } finally {
    await prepared.model?.embedder.dispose();
    await reranking.reranker?.dispose();
  }
}
