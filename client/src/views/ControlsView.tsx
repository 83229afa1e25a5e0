import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ADOPT_CONTROLS, DELETE_CONTROL, MERGE_CONTROLS, ORG_CONTROLS, PROPOSED_CONTROLS, RENAME_CONTROL, SPLIT_CONTROL, type Citation, type OrgControl, type OrgControlsData, type ProposedControlsData,
} from '../api/analysis.js';
import { useAction } from '../api/useAction.js';
import { useQuery } from '../api/useQuery.js';
import { ActionStatus, TokenNote } from '../components/ActionStatus.js';
import { Downloads } from '../components/Downloads.js';
import { FrameworkPicker } from '../components/FrameworkPicker.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { citationsByFramework, DEFAULT_CONTROL_FRAMEWORKS, filterControls, splitParts, validateMerge } from '../lib/controls.js';
import { controlDownloads } from '../lib/downloads.js';
import { humanizeIds, plural } from '../lib/format.js';
import { listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';
import { FieldError } from '../components/FieldError.js';

const BASIS_LABELS: Record<Citation['basis'], string> = { anchor: 'named after', equivalent: 'equivalent', 'shared-process': 'same process, own subject', covered: 'covered (narrower)' };

/**
 * The organisation's unified control set: propose one from the mappings for chosen frameworks, adopt it, then
 * rename, merge and split controls. Each control cites the requirements it answers, by framework.
 */
export function ControlsView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const frameworks = route.params.fw === undefined ? DEFAULT_CONTROL_FRAMEWORKS.filter((f) => fw.byId.has(f)) : listParam(route.params.fw).filter((f) => fw.byId.has(f));
  const includeProposed = route.params.proposed === 'true';
  const showProposal = route.params.proposal === '1';
  const text = route.params.q ?? '';
  const selected = useMemo(() => listParam(route.params.sel), [route.params.sel]);
  const saved = useQuery<OrgControlsData>(ORG_CONTROLS, {}, { cached: false });
  const proposal = useQuery<ProposedControlsData>(PROPOSED_CONTROLS, { frameworks, includeProposed }, { skip: !showProposal || !frameworks.length });
  const action = useAction();
  const [confirmAdopt, setConfirmAdopt] = useState(false);
  const [mergeTitle, setMergeTitle] = useState('');
  const savedCount = saved.status === 'ok' ? saved.data.orgControls.length : 0;

  const change = async <T,>(what: string, steps: Parameters<typeof action.run<T>>[1], message: (r: T) => string, params: Record<string, string | null> = {}) => {
    const result = await action.run(what, steps, message);
    saved.reload();
    if (result !== undefined) setParams(params);
    return result;
  };

  const adopt = () =>
    change(
      'adopt the proposal',
      (call) => call<{ adoptProposedControls: Array<{ id: string }> }>(ADOPT_CONTROLS, { frameworks, includeProposed }),
      (r) => `Adopted ${plural(r.adoptProposedControls.length, 'control')} for ${frameworks.map((f) => fw.name(f)).join(', ')}.`,
      { proposal: null, sel: null },
    ).then(() => setConfirmAdopt(false));

  const merge = () => {
    const problem = validateMerge(selected);
    if (problem) return action.run('merge', async () => Promise.reject(new Error(problem)));
    return change(
      `merge ${selected.length} controls`,
      (call) => call<{ mergeOrgControls: Array<{ id: string }> }>(MERGE_CONTROLS, { ids: selected, ...(mergeTitle.trim() ? { title: mergeTitle.trim() } : {}) }),
      (r) => `Merged ${selected.join(', ')} into ${selected[0]}; ${plural(r.mergeOrgControls.length, 'control')} now.`,
      { sel: null },
    ).then(() => setMergeTitle(''));
  };

  const toggleSelect = (id: string, on: boolean) => setParams({ sel: (on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id)).join(',') || null });

  const controls = saved.status === 'ok' ? filterControls(saved.data.orgControls, text) : [];

  return (
    <section className="view report controls-view">
      <h1>Unified control set</h1>
      <p className="lede">
        One control per thing the organisation does, citing every requirement it answers across frameworks. Crosswalk proposes a set from the approved mappings (equal and equivalent requirements share a control, and so does the same harmonized-structure clause of two ISO standards, as one process written for both subjects; a superset’s control covers its subsets); adopt it, then
        rename, merge and split controls until it matches how you work.
      </p>
      <TokenNote token={action.token} what="Adopting, renaming, merging and splitting controls" />
      <section aria-labelledby="propose-h" className="panel">
        <h2 id="propose-h">Propose a control set</h2>
        <form className="controls report-form" aria-label="Propose" onSubmit={(e) => e.preventDefault()}>
          <FrameworkPicker name="ucs-frameworks" legend="Frameworks to cover (the first names the controls)" selected={frameworks} onChange={(ids) => setParams({ fw: ids.join(',') || 'none', sel: null })} />
          <label className="check">
            <input type="checkbox" checked={includeProposed} onChange={(e) => setParams({ proposed: e.target.checked ? 'true' : null })} /> include proposed mappings
          </label>
          <button type="button" aria-expanded={showProposal} aria-controls="proposal" disabled={!frameworks.length} onClick={() => setParams({ proposal: showProposal ? null : '1' }, { replace: false })}>
            {showProposal ? 'Hide the proposal' : 'Propose'}
          </button>
          {!confirmAdopt ? (
            <button type="button" className="primary" disabled={!frameworks.length || !!action.busy} onClick={() => (savedCount ? setConfirmAdopt(true) : void adopt())}>
              Adopt the proposal
            </button>
          ) : (
            <span className="confirm" role="group" aria-label="Confirm adoption">
              This replaces your {plural(savedCount, 'saved control')}.{' '}
              <button type="button" className="danger" onClick={() => void adopt()} autoFocus>
                Replace them
              </button>{' '}
              <button type="button" onClick={() => setConfirmAdopt(false)}>
                Keep them
              </button>
            </span>
          )}
        </form>
        {!frameworks.length && <Empty>Tick at least one framework.</Empty>}
        {showProposal && frameworks.length > 0 && (
          <div id="proposal">
            {proposal.status === 'loading' && <Loading what="the proposed control set" />}
            {proposal.status === 'error' && <ErrorBox what="the proposed control set" error={proposal.error} retry={proposal.reload} />}
            {proposal.status === 'ok' && <Proposal data={proposal.data} frameworks={frameworks} text={text} />}
          </div>
        )}
      </section>
      <ActionStatus state={action} />
      <section aria-labelledby="saved-h">
        <h2 id="saved-h">Your control set {saved.status === 'ok' && <span className="muted">({plural(savedCount, 'control')})</span>}</h2>
        {saved.status === 'loading' && <Loading what="your control set" />}
        {saved.status === 'error' && <ErrorBox what="your control set" error={saved.error} retry={saved.reload} />}
        {saved.status === 'ok' && savedCount === 0 && <Empty>No control set saved yet. Propose one for the frameworks you work with, then adopt it.</Empty>}
        {saved.status === 'ok' && savedCount > 0 && (
          <>
            <Downloads label="Download your control set" downloads={controlDownloads()} />
            <div className="controls toolbar" role="group" aria-label="Filter and merge">
              <label>
                Filter <input type="search" value={text} onChange={(e) => setParams({ q: e.target.value || null })} placeholder="id, title or requirement" />
              </label>
              <span aria-live="polite" className="selection">
                {plural(selected.length, 'control')} selected
              </span>
              <label>
                Title for the merged control <input value={mergeTitle} onChange={(e) => setMergeTitle(e.target.value)} placeholder={selected[0] ? `(keeps ${selected[0]}’s)` : '(optional)'} />
              </label>
              <button type="button" className="primary" disabled={selected.length < 2 || !!action.busy} onClick={() => void merge()}>
                Merge selected
              </button>
              <button type="button" disabled={!selected.length} onClick={() => setParams({ sel: null })}>
                Clear selection
              </button>
            </div>
            {controls.length === 0 && <Empty>No control matches “{text}”.</Empty>}
            {controls.length > 0 && (
              <table className="controls-table">
                <caption className="sr-only">Your controls: select two or more to merge; each row can be renamed, split or deleted.</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="sr-only">Select</span>
                    </th>
                    <th scope="col">Control</th>
                    <th scope="col">Cites</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {controls.map((c) => (
                    <ControlRow
                      key={c.id}
                      control={c}
                      order={frameworks}
                      selected={selected.includes(c.id)}
                      onSelect={(on) => toggleSelect(c.id, on)}
                      mode={route.params.edit === c.id ? 'rename' : route.params.split === c.id ? 'split' : null}
                      busy={!!action.busy}
                      onMode={(m) => setParams({ edit: m === 'rename' ? c.id : null, split: m === 'split' ? c.id : null })}
                      onRename={(title, description) =>
                        change(`rename ${c.id}`, (call) => call(RENAME_CONTROL, { id: c.id, title, description }), () => `Renamed ${c.id} to “${title}”.`, { edit: null })
                      }
                      onSplit={(parts) =>
                        change(
                          `split ${c.id}`,
                          (call) => call<{ splitOrgControl: Array<{ id: string }> }>(SPLIT_CONTROL, { id: c.id, parts }),
                          (r) => `Split ${c.id} in two; ${plural(r.splitOrgControl.length, 'control')} now.`,
                          { split: null },
                        )
                      }
                      onDelete={() => change(`delete ${c.id}`, (call) => call(DELETE_CONTROL, { id: c.id }), () => `Deleted ${c.id}.`, { sel: selected.filter((x) => x !== c.id).join(',') || null })}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </section>
  );
}

function Cites({ groups }: { groups: ReturnType<typeof citationsByFramework> }) {
  const fw = useFrameworks();
  return (
    <ul className="cites">
      {groups.map((g) => (
        <li key={g.frameworkId}>
          <FrameworkSwatch id={g.frameworkId} /> <span className="cites-fw">{fw.name(g.frameworkId)}:</span>{' '}
          {g.requirements.map((r, i) => (
            <span key={r.id}>
              {i > 0 && ', '}
              <Link href={requirementHref(r.id)} title={r.title}>
                {r.ref}
              </Link>
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function ControlRow({
  control,
  order,
  selected,
  onSelect,
  mode,
  busy,
  onMode,
  onRename,
  onSplit,
  onDelete,
}: {
  control: OrgControl;
  order: string[];
  selected: boolean;
  onSelect: (on: boolean) => void;
  mode: 'rename' | 'split' | null;
  busy: boolean;
  onMode: (mode: 'rename' | 'split' | null) => void;
  onRename: (title: string, description: string) => Promise<unknown>;
  onSplit: (parts: Array<{ title: string; requirementIds: string[] }>) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}) {
  const fw = useFrameworks();
  const groups = citationsByFramework(control, order);
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <>
      <tr data-control={control.id} className={selected ? 'selected-row' : undefined}>
        <td>
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${control.id} ${control.title}`} />
        </td>
        <th scope="row" className="control-cell">
          {mode === 'rename' ? (
            <RenameForm control={control} onSave={onRename} onCancel={() => onMode(null)} busy={busy} />
          ) : (
            <>
              <span className="control-title">{control.title}</span> <span className={`badge origin-${control.origin}`}>{control.origin === 'user' ? 'edited' : 'proposed'}</span>
              <br />
              <code className="muted">{control.id}</code>
              {control.description && <p className="control-desc">{humanizeIds(control.description, fw.byId)}</p>}
            </>
          )}
        </th>
        <td>
          <Cites groups={groups} />
        </td>
        <td className="row-actions">
          {mode === null && !confirmDelete && (
            <>
              <button type="button" onClick={() => onMode('rename')} aria-label={`Rename ${control.id}`}>
                Rename
              </button>
              <button type="button" onClick={() => onMode('split')} disabled={control.requirementIds.length < 2} aria-label={`Split ${control.id}`}>
                Split
              </button>
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)} aria-label={`Delete ${control.id}`}>
                Delete
              </button>
            </>
          )}
          {confirmDelete && (
            <span role="group" aria-label={`Confirm deleting ${control.id}`}>
              Delete it?{' '}
              <button type="button" className="danger" autoFocus disabled={busy} onClick={() => void onDelete().then(() => setConfirmDelete(false))}>
                Yes, delete
              </button>{' '}
              <button type="button" onClick={() => setConfirmDelete(false)}>
                No
              </button>
            </span>
          )}
        </td>
      </tr>
      {mode === 'split' && (
        <tr className="split-row">
          <td />
          <td colSpan={3}>
            <SplitForm control={control} onSave={onSplit} onCancel={() => onMode(null)} busy={busy} />
          </td>
        </tr>
      )}
    </>
  );
}

function RenameForm({ control, onSave, onCancel, busy }: { control: OrgControl; onSave: (title: string, description: string) => Promise<unknown>; onCancel: () => void; busy: boolean }) {
  const [title, setTitle] = useState(control.title);
  const [description, setDescription] = useState(control.description);
  const [problem, setProblem] = useState('');
  return (
    <form
      className="inline-form"
      aria-label={`Rename ${control.id}`}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return setProblem('a control needs a title');
        void onSave(title.trim(), description);
      }}
    >
      <label>
        Title <input autoFocus value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!problem} />
      </label>
      <FieldError message={problem} inline />
      <label>
        Description <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <span className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </form>
  );
}

function SplitForm({ control, onSave, onCancel, busy }: { control: OrgControl; onSave: (parts: Array<{ title: string; requirementIds: string[] }>) => Promise<unknown>; onCancel: () => void; busy: boolean }) {
  const fw = useFrameworks();
  const [assignment, setAssignment] = useState<Record<string, number>>({});
  const [titles, setTitles] = useState<[string, string]>([control.title, '']);
  const [problem, setProblem] = useState('');
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  const known = new Map(control.requirements.map((r) => [r.id, r]));
  return (
    <form
      ref={ref}
      className="split-form"
      aria-label={`Split ${control.id}`}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        const result = splitParts(control, assignment, titles);
        if ('error' in result) return setProblem(result.error);
        setProblem('');
        void onSave(result.parts);
      }}
    >
      <p>Choose which requirements move to a new control; the rest stay in {control.id}.</p>
      <div className="split-titles">
        <label>
          Title of {control.id} <input value={titles[0]} onChange={(e) => setTitles([e.target.value, titles[1]])} />
        </label>
        <label>
          Title of the new control <input value={titles[1]} onChange={(e) => setTitles([titles[0], e.target.value])} aria-invalid={problem.includes('title')} />
        </label>
      </div>
      <table className="split-table">
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Stays</th>
            <th scope="col">Moves to the new control</th>
          </tr>
        </thead>
        <tbody>
          {control.requirementIds.map((id) => {
            const r = known.get(id);
            const name = `${r ? fw.name(r.frameworkId) : ''} ${r?.ref ?? id}`.trim();
            return (
              <tr key={id}>
                <th scope="row">
                  {r && <FrameworkSwatch id={r.frameworkId} />} {name} <span className="muted">{r?.title}</span>
                </th>
                <td>
                  <input type="radio" name={`split-${id}`} checked={assignment[id] !== 1} onChange={() => setAssignment({ ...assignment, [id]: 0 })} aria-label={`${name} stays in ${control.id}`} />
                </td>
                <td>
                  <input type="radio" name={`split-${id}`} checked={assignment[id] === 1} onChange={() => setAssignment({ ...assignment, [id]: 1 })} aria-label={`${name} moves to the new control`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError message={problem} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Split
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Proposal({ data, frameworks, text }: { data: ProposedControlsData; frameworks: string[]; text: string }) {
  const fw = useFrameworks();
  const p = data.proposedControls;
  const [onlyShared, setOnlyShared] = useState(true);
  const list = filterControls(
    p.controls.map((c) => ({ ...c.control, citations: c.citations, frameworks: c.frameworks })),
    text,
  ).filter((c) => !onlyShared || c.frameworks.length > 1);
  return (
    <div className="proposal">
      <Downloads label="Download this proposal" downloads={controlDownloads({ frameworks })} />
      <div className="summary-counts">
        <div>
          <strong>{p.summary.controls}</strong> controls
        </div>
        <div>
          <strong>{p.summary.requirements}</strong> requirements cited
        </div>
        <div>
          <strong>{p.summary.crossFramework}</strong> span frameworks
        </div>
        <div>
          <strong>{p.summary.singletons}</strong> cite one requirement
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={onlyShared} onChange={(e) => setOnlyShared(e.target.checked)} /> only controls that span frameworks
      </label>
      <table className="controls-table proposal-table">
        <caption className="sr-only">Proposed controls (not saved until adopted)</caption>
        <thead>
          <tr>
            <th scope="col">Proposed control</th>
            <th scope="col">Cites, and why</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.title}
                <br />
                <code className="muted">{c.id}</code>
              </th>
              <td>
                <ul className="cites">
                  {c.citations.map((ci) => (
                    <li key={ci.requirementId}>
                      <Link href={requirementHref(ci.requirementId)}>
                        {fw.name(ci.requirementId.slice(0, ci.requirementId.indexOf(':')))} {ci.requirementId.slice(ci.requirementId.indexOf(':') + 1)}
                      </Link>{' '}
                      <span className="muted">{BASIS_LABELS[ci.basis]}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
