import { InputError } from '../../domain/errors.js';
import { DEFAULT_TOP, suggestMappings } from '../../services/suggestMappings.js';
import { createStore, describeStore, storeConfigFrom, type StoreConfig } from '../../store/createStore.js';
import { SUGGEST_METHODS, type SuggestMethod } from '../../suggest/types.js';
import { listOption } from '../analysisSupport.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { loadIfEmpty } from '../../services/loadIntoStore.js';


export interface SuggestOptions {
  from: string;
  to: string;
  top?: number;
  method?: SuggestMethod;
  model?: string;
  /** Reorder the first candidates with a local cross-encoder. */
  rerank?: boolean;
  /** Which cross-encoder (implies `rerank`); else CROSSWALK_RERANKER, else the default. */
  reranker?: string;
  /** Compute and show, but save nothing. */
  dryRun?: boolean;
  /** Only the source requirements within these tags ("role:deployer"). */
  scope?: string[];
  storeConfig?: StoreConfig;
  modelDir?: string;
  dataDir?: string;
  today?: string;
}

/** Plot-style check of an enum-like option. */
export function maybeMethod(value: unknown, command: string): SuggestMethod | undefined {
  if (value === undefined) return undefined;
  if (!(SUGGEST_METHODS as readonly unknown[]).includes(value)) throw new InputError(`${command}: invalid method: "${String(value)}" (expected: ${SUGGEST_METHODS.join(', ')})`);
  return value as SuggestMethod;
}

export function maybeTop(value: unknown, command: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InputError(`${command}: invalid --top: "${String(value)}" (expected a whole number from 1 to 100)`);
  return n;
}

/**
 * Ranks candidates of `to` for every requirement of `from` and saves the top ones as proposed mappings
 * (method automation, origin suggestion) in the configured store. Returns what it did; prints nothing.
 */
export async function suggest({ storeConfig = storeConfigFrom(), dataDir, top = DEFAULT_TOP, today = new Date().toISOString().slice(0, 10), ...options }: SuggestOptions) {
  const store = await createStore(storeConfig);
  try {
    const loaded = await loadIfEmpty(store, { dataDir });
    const outcome = await suggestMappings(store, { ...options, top, today });
    const notices = [...(loaded ? [`the ${describeStore(storeConfig)} was empty: loaded the shipped content (and your imported catalogs) first`] : []), ...outcome.notices];
    return { ...outcome, notices, store: describeStore(storeConfig) };
  } finally {
    await store.close();
  }
}

export async function suggestCommand(argv: string[]) {
  const { values } = parseCommandArgs('suggest', argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    top: { type: 'string' },
    method: { type: 'string' },
    model: { type: 'string' },
    rerank: { type: 'boolean' },
    reranker: { type: 'string' },
    'dry-run': { type: 'boolean' },
    scope: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const top = maybeTop(values.top, 'suggest') ?? DEFAULT_TOP;
  const result = await suggest({
    from: requireOption('suggest', values, 'from'),
    to: requireOption('suggest', values, 'to'),
    top,
    method: maybeMethod(values.method, 'suggest'),
    model: values.model as string | undefined,
    rerank: Boolean(values.rerank),
    reranker: values.reranker as string | undefined,
    dryRun: Boolean(values['dry-run']),
    scope: listOption(values.scope),
  });
  for (const notice of result.notices) console.error(`crosswalk: ${notice}`);
  const { run, saved, skipped } = result;
  const label = (id: string) => result.labels.get(id) ?? { ref: id, title: '' };
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          from: run.from,
          to: run.to,
          method: run.method,
          ...(run.model ? { model: run.model } : {}),
          ...(run.reranker ? { reranker: run.reranker } : {}),
          ...(run.embeddings ? { embeddings: run.embeddings } : {}),
          notices: result.notices,
          saved: saved ? { created: saved.created, updated: saved.updated, unchanged: saved.unchanged, earlierLeft: saved.earlierLeft } : null,
          skipped,
          sources: run.sources.map((s) => ({
            sourceId: s.sourceId,
            ...label(s.sourceId),
            candidates: s.candidates.map((c) => ({ ...c, ...label(c.targetId), mappingId: `${s.sourceId} -> ${c.targetId}` })),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(`Suggestions ${run.from} → ${run.to} (${run.method}${run.model ? `, model ${run.model}` : ''}${run.reranker ? `, reranked by ${run.reranker}` : ''}), up to ${top} per requirement:`);
  console.log('(score: the method\'s own scale, for ranking within this run; shared terms marked ~ are vocabulary concepts the two texts name in different words)');
  // Refs vary in length between frameworks: pad to the longest shown (up to 32 characters), so titles line up.
  const refWidth = Math.min(32, Math.max(0, ...run.sources.flatMap((s) => s.candidates.map((c) => label(c.targetId).ref.length))));
  for (const s of run.sources) {
    if (!s.candidates.length) continue;
    const src = label(s.sourceId);
    console.log(`\n${src.ref}  ${src.title}`);
    for (const c of s.candidates) {
      const t = label(c.targetId);
      console.log(`  ${c.rank}. ${t.ref.padEnd(refWidth)}  ${t.title}`);
      console.log(`     score ${c.score}, ${c.relationship} (strength ${c.strength}): ${c.relationshipReason}`);
      if (c.evidence.sharedTerms.length) console.log(`     shared terms: ${c.evidence.sharedTerms.join(', ')}`);
      if (c.evidence.similarPassage) console.log(`     similar passage (cosine ${c.evidence.similarPassage.similarity}): ${c.evidence.similarPassage.text}`);
      if (c.signals.wording !== undefined) console.log(`     wording similarity (domain word vectors, cosine): ${c.signals.wording}`);
      if (c.signals.crossEncoder !== undefined) console.log(`     cross-encoder score: ${c.signals.crossEncoder}`);
      for (const r of c.evidence.reviewed ?? []) console.log(`     reviewed: ${label(r.sourceId).ref} (similarity ${r.similarity}) was ${r.approved ? 'approved' : 'rejected'} for this target`);
      for (const g of c.evidence.graph)
        console.log(`     graph: ${g.kind === 'harmonized' ? `same harmonized concept "${g.conceptTitle}"` : [g.steps[0]!.from, ...g.steps.map((st) => `—${st.relationship}${st.reviewed ? '' : ' (not yet reviewed)'}→ ${st.to}`)].join(' ')}`);
    }
  }
  const skippedText = Object.entries(skipped).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ');
  console.log('');
  if (saved)
    console.log(
      `Saved to the ${result.store}: ${saved.created} new proposed mappings, ${saved.updated} updated, ${saved.unchanged} unchanged ` +
        `(method automation, status proposed). Existing pairs left alone: ${skippedText || 'none'}.` +
        (saved.earlierLeft ? ` ${saved.earlierLeft} earlier proposals that this run did not make again are still in the review queue, unchanged.` : '') +
        (result.noCounterpart ? ` ${result.noCounterpart} requirements marked "no counterpart" were not looked at.` : ''),
    );
  else {
    console.log(`Dry run: nothing was saved. Existing pairs left out of the suggestions: ${skippedText || 'none'}.`);
    return;
  }
  console.log('Review them in the explorer\'s review queue (/review), or through the API: GraphQL approveMapping / rejectMapping / reviewMapping, or POST /api/mappings/:id/review.');
}
