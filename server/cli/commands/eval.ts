import fs from 'node:fs';
import path from 'node:path';
import { contentDirs, dataDirFrom } from '../../config.js';
import { errorsIn, loadContent } from '../../content/loadContent.js';
import { DataFileError, formatProblem, InputError } from '../../domain/errors.js';
import { createStore, storeConfigFrom, type StoreConfig } from '../../store/createStore.js';
import type { GraphStore } from '../../store/types.js';
import { plainBm25Metrics } from '../../suggest/baseline.js';
import { evaluate, type EvalReport } from '../../suggest/evaluate.js';
import { hasColumns, onSheetRows, readTable } from '../../interop/xlsxSheet.js';
import { aliasesByFramework } from '../../interop/refResolver.js';
import { GOLD_COLUMNS, parseGoldCsv } from '../../suggest/goldCsv.js';
import type { RankingMetrics } from '../../suggest/metrics.js';
import { chooseModel, modelDirFrom } from '../../suggest/modelFolder.js';
import { prepareMethod, prepareReranker, type PreparedReranker } from '../../suggest/prepareMethod.js';
import type { SuggestMethod } from '../../suggest/types.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { maybeMethod } from './suggest.js';
import { printWarning } from '../errors.js';

export interface EvalOptions {
  gold: string;
  blind?: boolean;
  method?: SuggestMethod;
  model?: string;
  /** Reorder the first candidates with a local cross-encoder (`reranker` picks which, and implies it). */
  rerank?: boolean;
  reranker?: string;
  dataDir?: string;
  modelDir?: string;
  /** Where vectors are cached when a model is used. */
  storeConfig?: StoreConfig;
  /** Also score plain BM25 on the same gold, as the yardstick. */
  baseline?: boolean;
}

/**
 * Scores the suggester against a gold CSV. Reads the content files (shipped and imported), never writes a
 * mapping; with a model, vectors are cached in the configured store.
 */
export async function evaluateGold({ gold, blind = false, method: requested, model: modelId, rerank = false, reranker: rerankerId, dataDir = dataDirFrom(), modelDir = modelDirFrom(), storeConfig = storeConfigFrom(), baseline = false }: EvalOptions): Promise<EvalReport & { baseline?: RankingMetrics; notices: string[]; warnings: string[] }> {
  if (!fs.existsSync(gold)) throw new InputError(`eval: no such file: ${gold}`);
  if (fs.statSync(gold).isDirectory()) throw new InputError(`eval: ${gold} is a folder; give a gold CSV file (${GOLD_COLUMNS.join(',')})`);
  const content = loadContent(contentDirs({ dataDir }));
  const contentErrors = errorsIn(content.problems);
  if (contentErrors.length) throw new DataFileError(contentErrors);
  const { bundle } = content;
  const shown = path.relative(process.cwd(), gold) || gold;
  const table = await readTable(fs.readFileSync(gold), shown, { accepts: hasColumns(['source_framework']) });
  const read = parseGoldCsv(table.text, {
    file: table.file,
    frameworks: bundle.frameworks,
    requirements: new Set(bundle.requirements.map((r) => r.id)),
    aliases: aliasesByFramework(bundle.requirements),
  });
  const parsed = { ...read, problems: onSheetRows(read.problems, table) };
  const errors = errorsIn(parsed.problems);
  if (errors.length) throw new DataFileError(errors);
  const warnings = parsed.problems.filter((p) => p.severity === 'warning').map(formatProblem);

  let store: GraphStore | undefined;
  try {
    const chosenModel = modelId ?? (process.env.CROSSWALK_MODEL || undefined);
    if (requested !== 'lexical' && chooseModel(modelDir, chosenModel).model) {
      try {
        store = await createStore(storeConfig);
      } catch {
        store = undefined; // vectors are then kept in memory for this run
      }
    }
    const prepared = await prepareMethod({ requested, modelId: chosenModel, modelDir, store });
    let reranking: PreparedReranker = { notices: [] };
    try {
      reranking = await prepareReranker({ wanted: rerank || Boolean(rerankerId), modelId: rerankerId ?? (process.env.CROSSWALK_RERANKER || undefined), modelDir });
      const report = await evaluate({ corpus: bundle, gold: parsed.pairs, method: prepared.method, blind, model: prepared.model, reranker: reranking.reranker });
      return { ...report, ...(baseline ? { baseline: plainBm25Metrics(bundle, parsed.pairs) } : {}), notices: [...prepared.notices, ...reranking.notices], warnings };
    } finally {
      await prepared.model?.embedder.dispose();
      await reranking.reranker?.dispose();
    }
  } finally {
    await store?.close();
  }
}

const pct = (x: number) => x.toFixed(3);

export function formatMetrics(m: RankingMetrics): string {
  return (
    `recall@1 ${pct(m.recallAt['1'])}  recall@5 ${pct(m.recallAt['5'])}  recall@10 ${pct(m.recallAt['10'])}  ` +
    `precision@1 ${pct(m.precisionAt['1'])}  precision@5 ${pct(m.precisionAt['5'])}  precision@10 ${pct(m.precisionAt['10'])}  MRR ${pct(m.mrr)}  nDCG@10 ${pct(m.ndcg10)}`
  );
}

export async function evalCommand(argv: string[]) {
  const { values } = parseCommandArgs('eval', argv, {
    gold: { type: 'string' },
    blind: { type: 'boolean' },
    method: { type: 'string' },
    model: { type: 'string' },
    rerank: { type: 'boolean' },
    reranker: { type: 'string' },
    json: { type: 'boolean' },
    baseline: { type: 'boolean' },
  });
  const report = await evaluateGold({
    baseline: Boolean(values.baseline),
    gold: requireOption('eval', values, 'gold'),
    blind: Boolean(values.blind),
    method: maybeMethod(values.method, 'eval'),
    model: values.model as string | undefined,
    rerank: Boolean(values.rerank),
    reranker: values.reranker as string | undefined,
  });
  for (const notice of report.notices) console.error(`crosswalk: ${notice}`);
  report.warnings.forEach(printWarning);
  const { notices: _n, warnings: _w, ...data } = report;
  if (values.json) {
    const { method, pairs, sources, recallAt, precisionAt, mrr, ndcg10, ...rest } = data;
    console.log(JSON.stringify({ method, pairs, sources, recallAt, precisionAt, mrr, ndcg10, ...rest }, null, 2));
    return;
  }
  console.log(`Evaluation (${data.method}${data.model ? `, model ${data.model}` : ''}${data.reranker ? `, reranked by ${data.reranker}` : ''}${data.blind ? ', blind: mappings between the evaluated frameworks ignored' : ''}): ${data.pairs} gold pairs, ${data.sources} source requirements`);
  console.log(`  ${formatMetrics(data)}`);
  if (data.baseline) console.log(`  plain BM25 on the same gold: ${formatMetrics(data.baseline)}`);
  if (data.relationships)
    console.log(
      `  proposed relationship: the gold one for ${data.relationships.agreeing} of ${data.relationships.compared} ranked gold pairs (${(100 * data.relationships.share).toFixed(1)}%; always guessing ${data.relationships.majority.relationship} would get ${(100 * data.relationships.majority.share).toFixed(1)}%; equal-to and equivalent-to count as one reading)`,
    );
  if (data.byPair.length > 1) for (const p of data.byPair) console.log(`  ${p.from} → ${p.to} (${p.pairs} pairs): ${formatMetrics(p)}`);
  if (data.misses.length) {
    console.log(`\nMisses (gold target not in the first 10 candidates): ${data.misses.length}`);
    for (const m of data.misses) console.log(`  ${m.source} → ${m.target}: ${m.rank === null ? 'not ranked' : `rank ${m.rank}`}`);
  }
  console.log('\nDefinitions: recall@k = gold targets of a source found in its first k candidates ÷ its gold targets; precision@k = those found ÷ k; MRR = 1 ÷ rank of the first gold target; nDCG@10 with binary gain. Each is averaged over source requirements.');
}
