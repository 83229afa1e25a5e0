import { useState } from 'react';
import { SUGGEST_MAPPINGS, type SuggestionRunData } from '../api/queries.js';
import { useAction } from '../api/useAction.js';
import { plural } from '../lib/format.js';
import { ActionStatus } from './ActionStatus.js';
import { useFrameworks } from './Frameworks.js';
import { FrameworkSelect } from './FrameworkSelect.js';
import { useScopeTags } from './ScopePicker.js';

type Run = SuggestionRunData['suggestMappings'];

/** What a run did, in one sentence a reviewer can act on. */
export function describeRun(run: Run, name: (id: string) => string): string {
  const how = [run.method, run.model && `model ${run.model}`, run.reranker && `reranked by ${run.reranker}`].filter(Boolean).join(', ');
  const left = Object.values(run.skipped).reduce((a, b) => a + b, 0);
  return (
    `${name(run.from)} → ${name(run.to)} (${how}): ${plural(run.created ?? 0, 'new proposal')}, ${run.updated ?? 0} updated, ${run.unchanged ?? 0} unchanged, ` +
    `for ${plural(run.sources, 'requirement')}. ${left ? `${plural(left, 'existing pair')} left alone (${run.skipped.approved} approved, ${run.skipped.rejected} rejected). ` : ''}` +
    (run.earlierLeft ? `${plural(run.earlierLeft, 'earlier proposal')} this run did not make again ${run.earlierLeft === 1 ? 'is' : 'are'} still in the queue. ` : '') +
    'Nothing is approved until a person accepts it.'
  );
}

/**
 * Runs the suggestion engine from the review page: every requirement of one framework against another, the best
 * candidates saved as proposed mappings, which then wait in the queue below. `onDone` shows them.
 */
export function SuggestPanel({ onDone }: { onDone: () => void }) {
  const fw = useFrameworks();
  const action = useAction();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [top, setTop] = useState(3);
  const [rerank, setRerank] = useState(false);
  const [scope, setScope] = useState('');
  const [notices, setNotices] = useState<string[]>([]);
  const offered = useScopeTags(from || undefined);
  const ready = Boolean(from && to && from !== to && action.token && !action.busy);
  const suggest = async () => {
    setNotices([]);
    const result = await action.run(
      'Suggest mappings',
      (call) => call<SuggestionRunData>(SUGGEST_MAPPINGS, { input: { from, to, top, rerank, ...(scope && offered.includes(scope) ? { scope: [scope] } : {}) } }),
      (data) => describeRun(data.suggestMappings, fw.name),
    );
    if (!result) return;
    setNotices(result.suggestMappings.notices);
    onDone();
  };
  return (
    <details className="suggest-panel">
      <summary>Suggest mappings</summary>
      <p className="muted">
        Ranks the requirements of one framework against every requirement of another, on this machine (word matching, domain word vectors, the graph,
        and an embedding model if one is installed), and adds the best candidates here as proposed mappings with their evidence.
      </p>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void suggest();
        }}
      >
        <label>
          Source framework{' '}
          <FrameworkSelect value={from} onChange={(id) => (setFrom(id), setScope(''))} none="choose a framework" required />
        </label>
        {offered.length > 0 && (
          <label>
            Only its requirements tagged{' '}
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="">all of them</option>
              {offered.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Target framework{' '}
          <FrameworkSelect value={to} onChange={setTo} none="choose a framework" exclude={from} required />
        </label>
        <label>
          Candidates per requirement{' '}
          <input type="number" min={1} max={10} value={top} onChange={(e) => setTop(Math.min(10, Math.max(1, Number(e.target.value) || 1)))} />
        </label>
        <label className="check">
          <input type="checkbox" checked={rerank} onChange={(e) => setRerank(e.target.checked)} /> rerank with a cross-encoder, if one is installed
        </label>
        <button type="submit" className="primary" disabled={!ready}>
          Suggest
        </button>
      </form>
      <ActionStatus state={action} />
      {notices.length > 0 && (
        <ul className="notices" aria-label="Notices from the suggestion engine">
          {notices.map((n, i) => (
            <li key={i} className="muted">
              {n}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
