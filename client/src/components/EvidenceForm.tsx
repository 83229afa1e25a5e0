import { useRef, useState } from 'react';
import { EVIDENCE_EXISTS, EVIDENCE_TYPES, LINK_EVIDENCE, REQUIREMENT_EXISTS, SAVE_EVIDENCE, type EvidenceExistsData, type RequirementExistsData } from '../api/analysis.js';
import { gql } from '../api/graphql.js';
import type { RequirementRef } from '../api/queries.js';
import { useAction } from '../api/useAction.js';
import { emptyEvidenceDraft, isoToday, toEvidenceInput, validateEvidenceDraft, type EvidenceDraft } from '../lib/evidenceForm.js';
import { ActionStatus, TokenNote } from './ActionStatus.js';
import { FrameworkPicker } from './FrameworkPicker.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';
import { SearchBox } from './SearchBox.js';
import { FieldError } from './FieldError.js';
import { formFields } from './formFields.js';

/** Whether an item has this id; when the server cannot say, the save goes ahead (and reports its own errors). */
const idTaken = (evidenceId: string) =>
  gql<EvidenceExistsData>(EVIDENCE_EXISTS, { id: evidenceId }).then((d) => d.evidence !== null, () => false);

/**
 * Whether a requirement has this id. The item is saved before it is linked, so a typed id that names nothing would
 * leave an unlinked item behind (and its id taken): it is checked first. When the server cannot say, the save goes ahead.
 */
const requirementExists = (requirementId: string) =>
  gql<RequirementExistsData>(REQUIREMENT_EXISTS, { id: requirementId }).then((d) => d.requirement !== null, () => true);

/** Describe a new evidence item and link it to the requirement it is evidence for (saveEvidence, then linkEvidence). */
export function EvidenceForm({ id, onCreated, onCancel }: { id: string; onCreated: (id: string) => void; onCancel?: () => void }) {
  const fw = useFrameworks();
  const action = useAction();
  const [draft, setDraft] = useState<EvidenceDraft>(() => emptyEvidenceDraft(isoToday()));
  const [picked, setPicked] = useState<RequirementRef | null>(null);
  const [problems, setProblems] = useState<Partial<Record<keyof EvidenceDraft, string>>>({});
  const searchRef = useRef<HTMLInputElement>(null);
  const set = <K extends keyof EvidenceDraft>(key: K, value: EvidenceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async () => {
    const p = validateEvidenceDraft(draft);
    // The register may be far larger than any list on screen: ask the server whether the id is taken.
    if (!p.id && (await idTaken(draft.id.trim()))) p.id = `"${draft.id.trim()}" is taken: saving would replace that item. Choose another id.`;
    if (!p.requirementId && !picked && !(await requirementExists(draft.requirementId.trim())))
      p.requirementId = `no requirement has the id "${draft.requirementId.trim()}": search for it and choose it from the list`;
    setProblems(p);
    const first = Object.keys(p)[0];
    if (first) {
      // The requirement is chosen in a search box until one is picked: that box is where to go.
      if (first === 'requirementId' && !picked) searchRef.current?.focus();
      else document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const input = toEvidenceInput(draft);
    const requirementId = draft.requirementId.trim();
    const done = await action.run(
      `create ${input.id}`,
      async (call) => {
        await call(SAVE_EVIDENCE, { input });
        await call(LINK_EVIDENCE, { evidenceId: input.id, requirementId, ...(draft.note.trim() ? { note: draft.note.trim() } : {}) });
        return input.id;
      },
      (created) => `Created ${created} and linked it to ${requirementId}.`,
    );
    if (done) onCreated(done);
  };

  const { field, described } = formFields<keyof EvidenceDraft>(id, problems);

  return (
    <form
      id={id}
      className="evidence-form"
      aria-label="New evidence item"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New evidence item</h2>
      <TokenNote token={action.token} what="Creating an evidence item" />
      <div className="form-grid">
        {field('id', 'Id', <input {...described('id')} value={draft.id} onChange={(e) => set('id', e.target.value)} placeholder="EV-0012" autoComplete="off" />, 'short, no spaces')}
        {field('title', 'Title', <input {...described('title')} value={draft.title} onChange={(e) => set('title', e.target.value)} placeholder="AI policy, approved by the board" />)}
        {field(
          'type',
          'Type',
          <select {...described('type')} value={draft.type} onChange={(e) => set('type', e.target.value)}>
            {EVIDENCE_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>,
        )}
        {field('owner', 'Owner', <input {...described('owner')} value={draft.owner} onChange={(e) => set('owner', e.target.value)} placeholder="person or team" />)}
        {field('locationUri', 'Where it lives (URI)', <input {...described('locationUri')} type="url" value={draft.locationUri} onChange={(e) => set('locationUri', e.target.value)} placeholder="https://intranet/policies/ai" />)}
        {field('collected', 'Collected', <input {...described('collected')} type="date" value={draft.collected} onChange={(e) => set('collected', e.target.value)} />)}
        {field('expires', 'Expires (optional)', <input {...described('expires')} type="date" value={draft.expires} onChange={(e) => set('expires', e.target.value)} />, 'after this date it counts for nothing')}
      </div>
      <FrameworkPicker name={`${id}-scope`} legend="Counts only for (none ticked: every framework)" selected={draft.scope} onChange={(ids) => set('scope', ids)} />
      <div className="form-grid">
        <div className={`field field-requirementId ${problems.requirementId ? 'invalid' : ''}`}>
          {picked ? (
            <p className="picked" id={`${id}-requirementId`} tabIndex={-1}>
              Evidence for: <FrameworkSwatch id={picked.frameworkId} /> <strong>{fw.name(picked.frameworkId)} {picked.ref}</strong> {picked.title}{' '}
              <button
                type="button"
                onClick={() => {
                  setPicked(null);
                  set('requirementId', '');
                }}
              >
                Change
              </button>
            </p>
          ) : (
            <SearchBox
              ref={searchRef}
              errorId={problems.requirementId ? `${id}-requirementId-error` : undefined}
              label="Evidence for requirement"
              placeholder="search, e.g. 42001 A.2.2 or “AI policy”"
              onPick={(r) => {
                setPicked(r);
                set('requirementId', r.id);
                setProblems((p) => ({ ...p, requirementId: undefined }));
              }}
              onSubmit={(text) => {
                if (text.includes(':')) set('requirementId', text);
              }}
            />
          )}
          {!picked && draft.requirementId && (
            <span className="hint">
              Will link to <code>{draft.requirementId}</code>
            </span>
          )}
          <FieldError message={problems.requirementId} id={`${id}-requirementId-error`} inline />
        </div>
        {field('note', 'Link note (optional)', <input {...described('note')} value={draft.note} onChange={(e) => set('note', e.target.value)} placeholder="which section answers it" />)}
      </div>
      <div className={`field field-description`}>
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        <textarea id={`${id}-description`} rows={2} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={!!action.busy}>
          Create and link
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ActionStatus state={action} />
    </form>
  );
}
