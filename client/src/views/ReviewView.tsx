import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { gql, type ApiError } from '../api/graphql.js';
import { REJECT_MAPPING, REVIEW_MAPPING, REVIEW_QUEUE, type QueueData, type QueueItem } from '../api/queries.js';
import { getToken, onTokenChange } from '../api/token.js';
import { invalidateQueries, useQuery } from '../api/useQuery.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { frameworkOfId, refOfId } from '../graph/evidenceFanout.js';
import { stepSupport } from '../graph/support.js';
import { RELATIONSHIPS, type Relationship } from '../graph/types.js';
import { plural, relationshipLabel } from '../lib/format.js';
import { indexAfterRemoval, moveIndex, QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE_MAX, queueCommand, queuePage, validateEdit, type QueueMode } from '../lib/queue.js';
import { RATIONALES } from '../lib/mappingForm.js';
import { intParam, requirementHref, type Route } from '../lib/route.js';
import { Link, navigate, setParams } from '../router.js';
import { FieldError } from '../components/FieldError.js';
import { FurtherSources, SourceName } from '../components/FurtherSources.js';
import { SuggestPanel } from '../components/SuggestPanel.js';
import { GraphContradictions } from '../components/GraphContradictions.js';
import { describeCorrections } from '../lib/reviewCorrections.js';


/**
 * Proposed mappings waiting for a person: j/k to move, a to accept, e to edit then accept, r to reject with a
 * reason, n/p for the next or previous page. Each shows why it was proposed (note, method, origin, provenance).
 * The queue is read a page at a time (`from`, `size` in the URL), with the total beside it. With `show=disputed` it
 * lists instead the mappings, of any status, that a further source reads with another relationship.
 */
export function ReviewView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const originFilter = route.params.origin ?? '';
  const requirementFilter = route.params.req ?? '';
  const disputedOnly = route.params.show === 'disputed';
  const noun = disputedOnly ? 'disputed mapping' : 'proposed mapping';
  const size = intParam(route.params.size, QUEUE_PAGE_SIZE, 1, QUEUE_PAGE_SIZE_MAX);
  const from = intParam(route.params.from, 0, 0, 1_000_000);
  const q = useQuery<QueueData>(
    REVIEW_QUEUE,
    {
      origins: originFilter ? [originFilter] : null, statuses: disputedOnly ? null : ['proposed'], disputed: disputedOnly || null,
      requirementId: requirementFilter || null, limit: size, offset: from,
    },
    { cached: false },
  );
  // Decided here since the page was read: the server no longer lists them, so neither does the page.
  const [done, setDone] = useState<Set<string>>(new Set());
  useEffect(() => setDone(new Set()), [q.data]);
  const items = useMemo(() => (q.status === 'ok' ? q.data.mappings.filter((m) => !done.has(m.id)) : []), [q.status, q.data, done]);
  const page = queuePage({ from, size, shown: items.length, serverTotal: q.status === 'ok' ? q.data.mappingCount : 0, decided: done.size });
  const ids = items.map((m) => m.id);
  const linkedMissing = q.status === 'ok' && !!route.params.id && !ids.includes(route.params.id) && !done.has(route.params.id);
  const index = Math.max(0, route.params.id ? ids.indexOf(route.params.id) : 0);
  const current = items[index];
  const [mode, setMode] = useState<QueueMode>('browse');
  const [message, setMessage] = useState<string>('');
  const [error, setError] = useState<ApiError | null>(null);
  const [token, setTokenState] = useState(getToken);
  const [help, setHelp] = useState(false);
  useEffect(() => onTokenChange(setTokenState), []);
  const listRef = useRef<HTMLOListElement>(null);

  const select = (i: number) => {
    const id = ids[i];
    if (id) setParams({ id });
    listRef.current?.querySelector(`[data-index="${i}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  const goTo = (nextFrom: number | null) => {
    if (nextFrom === null) return;
    setMessage('');
    setParams({ from: nextFrom || null, id: null });
  };

  const finish = (item: QueueItem, verb: string) => {
    const { ids: rest, index: nextIndex } = indexAfterRemoval(ids, index, item.id);
    setDone((d) => new Set(d).add(item.id));
    invalidateQueries();
    setMode('browse');
    setError(null);
    const left = page.total - 1;
    setMessage(`${verb}: ${item.source?.ref ?? item.sourceId} → ${item.target?.ref ?? item.targetId}. ${plural(left, 'mapping')} left.`);
    setParams({ id: rest[nextIndex] ?? null });
    // The page is done but the queue is not: what came after has moved up into this page's place.
    if (rest.length === 0 && left > from) q.reload();
  };

  const run = async (item: QueueItem, verb: string, action: () => Promise<unknown>) => {
    setMode('busy');
    try {
      await action();
      finish(item, verb);
    } catch (e) {
      setError(e as ApiError);
      setMode('browse');
    }
  };

  const accept = (item: QueueItem, edits?: { relationship: Relationship; rationale: string; strength: number; mappingNote?: string; note?: string }) =>
    run(item, edits ? 'Accepted with edits' : 'Accepted', () =>
      gql(REVIEW_MAPPING, { id: item.id, review: { status: 'approved', ...(edits ?? {}) } }, { token }),
    );
  const reject = (item: QueueItem, reason: string) => run(item, 'Rejected', () => gql(REJECT_MAPPING, { id: item.id, reason }, { token }));

  // The handler is swapped in before the browser paints (a layout effect), so a key pressed on the mapping shown acts
  // on that mapping; with a passive effect, a key pressed just after a page arrived reached the previous page's handler.
  const onKeyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyRef.current = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const inField = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      const command = queueCommand(e.key, mode, { inField, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey });
      if (!command) return;
      e.preventDefault();
      switch (command) {
        case 'next':
        case 'prev':
        case 'first':
        case 'last':
          select(moveIndex(index, ids.length, command));
          break;
        case 'nextPage':
          goTo(page.nextFrom);
          break;
        case 'prevPage':
          goTo(page.prevFrom);
          break;
        case 'accept':
          if (current) void accept(current);
          break;
        case 'reject':
          if (current) setMode('reject');
          break;
        case 'edit':
          if (current) setMode('edit');
          break;
        case 'open':
          if (current) navigate(requirementHref(current.sourceId));
          break;
        case 'help':
          setHelp((h) => !h);
          break;
        case 'cancel':
          setMode('browse');
          break;
      }
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="view review">
      <h1>Review queue</h1>
      <p className="lede">
        {disputedOnly
          ? 'Mappings that another source reads with another relationship: accept one to keep it as it is, edit it to adopt the other reading, or reject it.'
          : 'Proposed mappings — from suggestions, imports or people — wait here for a decision.'}{' '}
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> accept, <kbd>e</kbd> edit then accept, <kbd>r</kbd> reject with a reason, <kbd>Esc</kbd> cancel,{' '}
        <kbd>n</kbd>/<kbd>p</kbd> next or previous page, <kbd>?</kbd> help.
      </p>
      {!token && (
        <p className="warning" role="note">
          Suggesting, accepting and rejecting need a bearer token with the analyst role. Use <strong>Set token</strong> at the top right; it is kept for this tab only.
        </p>
      )}
      {help && (
        <dl className="help" aria-label="Keyboard help">
          <dt>j or ↓ / k or ↑</dt>
          <dd>next / previous mapping</dd>
          <dt>Home / End</dt>
          <dd>first / last on this page</dd>
          <dt>n or Page Down / p or Page Up</dt>
          <dd>next / previous page</dd>
          <dt>a</dt>
          <dd>accept as proposed</dd>
          <dt>e</dt>
          <dd>edit relationship, rationale, strength or note, then accept</dd>
          <dt>r</dt>
          <dd>reject; a reason is required</dd>
          <dt>o or Enter</dt>
          <dd>open the source requirement</dd>
        </dl>
      )}
      <SuggestPanel
        onDone={() => {
          setDone(new Set());
          setMessage('');
          setParams({ origin: 'suggestion', show: null, req: null, id: null, from: null });
          q.reload();
        }}
      />
      <div className="controls">
        <label>
          Show{' '}
          <select value={disputedOnly ? 'disputed' : ''} onChange={(e) => setParams({ show: e.target.value || null, id: null, from: null })}>
            <option value="">proposed mappings</option>
            <option value="disputed">mappings another source reads otherwise</option>
          </select>
        </label>
        <label>
          Origin{' '}
          <select value={originFilter} onChange={(e) => setParams({ origin: e.target.value || null, id: null, from: null })}>
            <option value="">any</option>
            <option value="suggestion">suggestion</option>
            <option value="import">import</option>
            <option value="user">user</option>
            <option value="reference">reference</option>
          </select>
        </label>
        <button type="button" onClick={() => (setDone(new Set()), q.reload())}>
          Refresh
        </button>
      </div>
      {requirementFilter && (
        <p className="queue-filter" role="note">
          Only mappings of <RequirementName id={requirementFilter} />.{' '}
          <button type="button" onClick={() => setParams({ req: null, from: null })}>
            Show the whole queue
          </button>
        </p>
      )}
      {linkedMissing && (
        <p className="warning" role="note">
          The mapping this link names ({route.params.id}) is not on this page of the queue: it may have been decided already{requirementFilter ? '' : ', or be on another page'}.
        </p>
      )}
      <p className="sr-only" aria-live="polite" role="status">
        {message}
      </p>
      {message && <p className="flash">{message}</p>}
      {error && <ErrorBox action="record" what="that decision" error={error} />}
      {q.status === 'loading' && <Loading what={`the ${noun}s`} />}
      {q.status === 'error' && <ErrorBox what={`the ${noun}s`} error={q.error} retry={q.reload} />}
      {q.status === 'ok' && page.total === 0 && (
        <Empty>
          {disputedOnly
            ? `No mapping${originFilter ? ` from ${originFilter}` : ''}${requirementFilter ? ' of this requirement' : ''} is read otherwise by a further source. Importing a crosswalk that restates pairs Crosswalk holds adds further sources.`
            : `Nothing to review: no proposed mappings${originFilter ? ` from ${originFilter}` : ''}${requirementFilter ? ' of this requirement' : ''}. "Suggest mappings" above, \`npx crosswalk suggest\` and imports add some.`}
        </Empty>
      )}
      {q.status === 'ok' && page.total > 0 && (
        <nav className="queue-pages controls" aria-label="Pages of the queue">
          <span className="queue-range" data-total={page.total}>
            {items.length > 0 ? `${page.first.toLocaleString('en')}–${page.last.toLocaleString('en')} of ${plural(page.total, noun)}` : `${plural(page.total, noun)}; none on this page`}
          </span>
          <button type="button" onClick={() => goTo(page.prevFrom)} disabled={page.prevFrom === null} aria-keyshortcuts="p">
            Previous page
          </button>
          <button type="button" onClick={() => goTo(page.nextFrom)} disabled={page.nextFrom === null || page.nextFrom === from} aria-keyshortcuts="n">
            Next page
          </button>
          {items.length === 0 && from > 0 && (
            <button type="button" onClick={() => goTo(0)}>
              First page
            </button>
          )}
        </nav>
      )}
      {items.length > 0 && (
        <div className="queue">
          <ol className="queue-list" ref={listRef} aria-label={`${plural(items.length, noun)} on this page`} start={page.first}>
            {items.map((m, i) => (
              <li key={m.id} data-index={i} data-id={m.id} className={i === index ? 'current' : undefined} aria-current={i === index ? 'true' : undefined}>
                <button type="button" onClick={() => select(i)}>
                  <FrameworkSwatch id={m.source?.frameworkId ?? ''} /> {m.source?.ref ?? m.sourceId} <span className={`rel rel-${stepSupport(m.relationship)}`}>{relationshipLabel(m.relationship)}</span> <FrameworkSwatch id={m.target?.frameworkId ?? ''} /> {m.target?.ref ?? m.targetId}
                  <span className="muted">
                    {' '}
                    · {m.origin}
                    {disputedOnly && ` · ${m.status}`}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {current && (
            <article className="queue-item" aria-label="Mapping under review" data-mapping={current.id}>
              <h2>
                {(from + index + 1).toLocaleString('en')} of {page.total.toLocaleString('en')}
              </h2>
              <div className="pair">
                <End label="Source" r={current.source} id={current.sourceId} fwName={fw.name} />
                <p className="pair-rel">
                  <span className={`rel rel-${stepSupport(current.relationship)}`}>{relationshipLabel(current.relationship)}</span>
                  <br />
                  strength {current.strength} · {current.rationale}
                </p>
                <End label="Target" r={current.target} id={current.targetId} fwName={fw.name} />
              </div>
              <section className="why">
                <h3>{disputedOnly ? 'Why it is mapped, and who reads it otherwise' : 'Why it was proposed'}</h3>
                <p>{current.note ?? <span className="muted">No note was given.</span>}</p>
                <GraphContradictions contradictions={current.contradictedBy} />
                <dl>
                  <dt>Method</dt>
                  <dd>{current.method}</dd>
                  <dt>Origin</dt>
                  <dd>{current.origin}</dd>
                  <dt>Provenance</dt>
                  <dd>
                    <SourceName provenance={current.provenance} /> — {current.provenance.author}, recorded {current.provenance.created}
                    <FurtherSources statements={current.alsoStatedBy} />
                  </dd>
                  {current.reviews.length > 0 && (
                    <>
                      <dt>Earlier decisions</dt>
                      <dd>
                        {current.reviews.map((r, i) => (
                          <div key={i}>
                            {r.at.slice(0, 10)} {r.reviewer}: {r.status}
                            {r.note ? ` — ${r.note}` : ''}
                            {r.editsJson ? ` (corrected: ${describeCorrections(r.editsJson, r.replacedJson) ?? 'nothing changed'})` : ''}
                          </div>
                        ))}
                      </dd>
                    </>
                  )}
                </dl>
              </section>
              {mode === 'browse' && (
                <div className="actions">
                  <button type="button" className="primary" onClick={() => void accept(current)} aria-keyshortcuts="a">
                    Accept (a)
                  </button>
                  <button type="button" onClick={() => setMode('edit')} aria-keyshortcuts="e">
                    Edit… (e)
                  </button>
                  <button type="button" className="danger" onClick={() => setMode('reject')} aria-keyshortcuts="r">
                    Reject… (r)
                  </button>
                </div>
              )}
              {mode === 'busy' && <Loading action="Recording" what="the decision" />}
              {mode === 'reject' && <RejectForm onCancel={() => setMode('browse')} onSubmit={(reason) => void reject(current, reason)} />}
              {mode === 'edit' && <EditForm item={current} onCancel={() => setMode('browse')} onSubmit={(edits) => void accept(current, edits)} />}
            </article>
          )}
        </div>
      )}
    </section>
  );
}

function End({ label, r, id, fwName }: { label: string; r: QueueItem['source']; id: string; fwName: (id: string) => string }) {
  return (
    <div className="end">
      <p className="muted">{label}</p>
      {r ? (
        <>
          <p>
            <FrameworkSwatch id={r.frameworkId} /> {fwName(r.frameworkId)}
          </p>
          <p>
            <Link href={requirementHref(r.id)}>
              <strong>{r.ref}</strong> {r.title}
            </Link>
          </p>
          {r.summary && <p className="summary">{r.summary}</p>}
        </>
      ) : (
        <p>{id} (not in the store)</p>
      )}
    </div>
  );
}

function RejectForm({ onSubmit, onCancel }: { onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="decision"
      onSubmit={(e) => {
        e.preventDefault();
        const problems = validateEdit({ reason, rejecting: true });
        if (problems.reason) return setProblem(problems.reason);
        onSubmit(reason.trim());
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <label htmlFor="reject-reason">Why reject it? (required; Enter to reject, Esc to cancel)</label>
      <input id="reject-reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!problem} aria-describedby={problem ? 'reject-problem' : undefined} />
      <FieldError message={problem} id="reject-problem" />
      <button type="submit" className="danger">
        Reject
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function EditForm({ item, onSubmit, onCancel }: { item: QueueItem; onSubmit: (edits: { relationship: Relationship; rationale: string; strength: number; mappingNote?: string; note?: string }) => void; onCancel: () => void }) {
  const [relationship, setRelationship] = useState<Relationship>(item.relationship);
  const [rationale, setRationale] = useState(item.rationale);
  const [strength, setStrength] = useState(String(item.strength));
  const [mappingNote, setMappingNote] = useState(item.note ?? '');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  return (
    <form
      className="decision edit"
      onSubmit={(e) => {
        e.preventDefault();
        const p = validateEdit({ strength });
        setProblems(p);
        if (Object.keys(p).length) return;
        onSubmit({ relationship, rationale, strength: Number(strength), ...(mappingNote.trim() && mappingNote !== item.note ? { mappingNote: mappingNote.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <label>
        Relationship
        <select autoFocus value={relationship} onChange={(e) => setRelationship(e.target.value as Relationship)}>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {relationshipLabel(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Rationale
        <select value={rationale} onChange={(e) => setRationale(e.target.value)}>
          {RATIONALES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Strength (0–10)
        <input type="number" min={0} max={10} step={1} value={strength} onChange={(e) => setStrength(e.target.value)} aria-invalid={!!problems.strength} />
      </label>
      <FieldError message={problems.strength} />
      <label className="wide">
        Mapping note (why the two relate)
        <textarea value={mappingNote} onChange={(e) => setMappingNote(e.target.value)} rows={3} />
      </label>
      <label className="wide">
        Review note (optional)
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          Accept with these edits
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A requirement named by its id, as the queue's filter shows it: framework name and ref, linking to its page. */
function RequirementName({ id }: { id: string }) {
  const fw = useFrameworks();
  const frameworkId = frameworkOfId(id);
  const ref = refOfId(id);
  return (
    <Link href={requirementHref(id)}>
      <FrameworkSwatch id={frameworkId} /> {fw.name(frameworkId)} {ref}
    </Link>
  );
}
