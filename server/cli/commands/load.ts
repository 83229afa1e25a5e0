import { keptRequirementsNote } from '../../services/keptRequirements.js';
import { loadIntoStore } from '../../services/loadIntoStore.js';
import { createStore, describeStore, storeConfigFrom } from '../../store/createStore.js';
import type { LoadProgress, LoadSummary } from '../../store/types.js';
import { parseCommandArgs } from '../args.js';

export function formatLoadSummary(summary: LoadSummary): string {
  const kept = keptRequirementsNote(summary.requirementsKept);
  if (!summary.changed) return kept ? `Nothing else to change. ${kept}` : 'Already up to date: the store already held exactly this content and was not changed.';
  const parts = (['frameworks', 'requirements', 'mappings', 'noCounterparts', 'harmonizedClauses'] as const).map((key) => {
    const { added, updated, removed } = summary[key];
    return `  ${key.padEnd(18)} +${added} added, ~${updated} updated, -${removed} removed`;
  });
  return [
    'Loaded:',
    ...parts,
    summary.reviewsKept ? `  ${summary.reviewsKept} review decisions kept and re-applied` : '',
    summary.proposalsDropped ? `  ${summary.proposalsDropped} unreviewed suggestion(s) removed with the requirements they pointed at` : '',
    kept,
  ].filter(Boolean).join('\n');
}

function progressPrinter() {
  const tty = process.stderr.isTTY;
  let lastPhase = '';
  return ({ phase, done, total }: LoadProgress) => {
    if (tty) process.stderr.write(`\r  ${phase.padEnd(18)} ${done}/${total}${done === total ? '\n' : ''}`);
    else if (phase !== lastPhase || done === total) {
      if (done === total) process.stderr.write(`  ${phase.padEnd(18)} ${total}\n`);
    }
    lastPhase = phase;
  };
}

export async function loadCommand(argv: string[]) {
  const { values } = parseCommandArgs('load', argv, { json: { type: 'boolean' } });
  const config = storeConfigFrom();
  const store = await createStore(config);
  try {
    if (!values.json) console.log(`Loading content into the ${describeStore(config)}`);
    const summary = await loadIntoStore(store, { onProgress: values.json ? undefined : progressPrinter() });
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatLoadSummary(summary));
  } finally {
    await store.close();
  }
}

