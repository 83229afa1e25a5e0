import { useEffect, useRef, useState } from 'react';
import { IMPLEMENTATION_STATUSES, SAVE_SOA, SOA, type ImplementationStatus, type SoaData, type SoaRow, type StatementOfApplicability } from '../api/analysis.js';
import { useAction } from '../api/useAction.js';
import { uploadSoa } from '../api/upload.js';
import { useQuery } from '../api/useQuery.js';
import { ActionStatus, TokenNote } from '../components/ActionStatus.js';
import { FileUpload } from '../components/FileUpload.js';
import { Downloads } from '../components/Downloads.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { soaDownloads } from '../lib/downloads.js';
import { formatRoute, requirementHref, type Route } from '../lib/route.js';
import {
  APPLICABILITY_LABELS, applicabilityOf, draftOf, filterSoaRows, groupByObjective, IMPLEMENTATION_LABELS, SOA_FILTERS, SOA_FRAMEWORKS, toSoaEntry, validateSoaDraft, type SoaDraft, type SoaFilter,
} from '../lib/soa.js';
import { Link, setParams } from '../router.js';
import { FieldError } from '../components/FieldError.js';

const FILTER_LABELS: Record<SoaFilter, string> = { all: 'every control', undecided: 'undecided only', issues: 'with issues only', excluded: 'not applicable only' };

/** The Statement of Applicability: per Annex A control, the decision, why, how far it is implemented and the evidence. */
export function SoaView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const frameworkId = route.params.fw || SOA_FRAMEWORKS.find((f) => fw.byId.has(f)) || fw.list[0]!.id;
  const filter = (SOA_FILTERS as readonly string[]).includes(route.params.show ?? '') ? (route.params.show as SoaFilter) : 'all';
  const q = useQuery<SoaData>(SOA, { frameworkId }, { cached: false });
  const action = useAction();
  const uploading = route.params.upload === '1';
  const choices = [...SOA_FRAMEWORKS.filter((f) => fw.byId.has(f)), ...(SOA_FRAMEWORKS.includes(frameworkId) ? [] : [frameworkId])];
  return (
    <section className="view report soa">
      <h1>Statement of Applicability</h1>
      <p className="lede">
        For each Annex A control: whether it applies, why (an exclusion must be justified), how far it is implemented, and the evidence linked to it directly or through a control of your unified set. Issues are what an auditor would ask about.
      </p>
      <form className="controls report-form" aria-label="Which statement" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Controls of</legend>
          {choices.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="soa-framework" checked={f === frameworkId} onChange={() => setParams({ fw: f, edit: null }, { replace: false })} /> <FrameworkSwatch id={f} /> {fw.name(f)} Annex A
            </label>
          ))}
        </fieldset>
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => setParams({ show: e.target.value === 'all' ? null : e.target.value })}>
            {SOA_FILTERS.map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={uploading} aria-controls="soa-upload" onClick={() => setParams({ upload: uploading ? null : '1' })}>
          {uploading ? 'Close the import' : 'Import decisions from a file'}
        </button>
      </form>
      {uploading && (
        <FileUpload
          id="soa-upload"
          heading={`Import applicability decisions for ${fw.name(frameworkId)}`}
          action="Importing decisions"
          hint={
            <>
              A CSV or XLSX with a control column (<code>requirement_id</code>, or the control’s ref such as “A.5.15”, alone or followed by its title) and an <code>applicable</code> column, and
              optionally the justification and the implementation status: the file <code>crosswalk soa export</code> writes, or another tool’s SoA with its own column names and status words.
              Decisions in the file replace those recorded for the same controls.
            </>
          }
          upload={(file, token) => uploadSoa(file, frameworkId, token)}
          describe={(a, name) => `Imported ${name}: ${a.saved} decision(s) saved.`}
          onImported={q.reload}
        />
      )}
      <TokenNote token={action.token} what="Recording decisions" />
      {q.status === 'loading' && <Loading what={`the Statement of Applicability for ${fw.name(frameworkId)}`} />}
      {q.status === 'error' && <ErrorBox what={`the Statement of Applicability for ${fw.name(frameworkId)}`} error={q.error} retry={q.reload} />}
      {q.status === 'ok' && (
        <Statement
          soa={q.data.statementOfApplicability}
          filter={filter}
          editing={route.params.edit ?? null}
          action={action}
          onSave={async (row, draft) => {
            const ok = await action.run(
              `save the decision on ${row.ref}`,
              (call) => call(SAVE_SOA, { entries: [toSoaEntry(frameworkId, row.requirementId, draft)] }),
              () => `Saved ${row.ref} ${row.title}: ${draft.applicability === 'applicable' ? 'applicable' : 'not applicable'}, ${IMPLEMENTATION_LABELS[draft.implementationStatus]}.`,
            );
            q.reload();
            if (ok !== undefined) setParams({ edit: null });
            return ok !== undefined;
          }}
        />
      )}
    </section>
  );
}

function Statement({
  soa,
  filter,
  editing,
  action,
  onSave,
}: {
  soa: StatementOfApplicability;
  filter: SoaFilter;
  editing: string | null;
  action: ReturnType<typeof useAction>;
  onSave: (row: SoaRow, draft: SoaDraft) => Promise<boolean>;
}) {
  const s = soa.summary;
  const rows = filterSoaRows(soa.rows, filter);
  const lastEdited = useRef<string | null>(null);
  // After a save or cancel, the keyboard returns to the row's Edit button.
  useEffect(() => {
    if (editing) {
      lastEdited.current = editing;
      return;
    }
    const id = lastEdited.current;
    lastEdited.current = null;
    if (id) document.querySelector<HTMLButtonElement>(`tr[data-requirement="${CSS.escape(id)}"] button.edit`)?.focus();
  }, [editing]);
  return (
    <>
      <Downloads label="Download this statement" downloads={soaDownloads(soa.frameworkId)} />
      <div className="summary-counts">
        <div>
          <strong>{s.controls}</strong> controls
        </div>
        <div>
          <strong>{s.decided}</strong> decided
        </div>
        <div>
          <strong>{s.applicable}</strong> applicable
        </div>
        <div>
          <strong>{s.excluded}</strong> not applicable
        </div>
        <div>
          <strong>{s.implemented}</strong> implemented
        </div>
        <div>
          <strong>{s.withEvidence}</strong> with current evidence
        </div>
        <div>
          <strong>{s.withIssues}</strong> with issues
        </div>
      </div>
      <p className="muted">Evidence and expiry as of {soa.asOf}.</p>
      {soa.orphanEntries.length > 0 && <p className="warning">Decisions recorded for requirements that are not controls here (kept, not shown): {soa.orphanEntries.join(', ')}.</p>}
      <ActionStatus state={action} />
      {rows.length === 0 && <Empty>No control is {FILTER_LABELS[filter].replace(' only', '')}.</Empty>}
      {rows.length > 0 && (
        <table className="soa-table">
          <caption className="sr-only">Controls by objective: applicability, justification, implementation, evidence and issues. Each row has an Edit button.</caption>
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Applicable?</th>
              <th scope="col">Justification</th>
              <th scope="col">Implementation</th>
              <th scope="col">Evidence</th>
              <th scope="col">Issues</th>
              <th scope="col">
                <span className="sr-only">Edit</span>
              </th>
            </tr>
          </thead>
          {groupByObjective(rows).map((g) => (
            <tbody key={g.objective || 'none'}>
              {g.objective && (
                <tr className="objective">
                  <th scope="colgroup" colSpan={7}>
                    {g.objective}
                  </th>
                </tr>
              )}
              {g.rows.map((r) =>
                editing === r.requirementId ? (
                  <EditRow key={r.requirementId} row={r} busy={!!action.busy} onSave={(d) => onSave(r, d)} onCancel={() => setParams({ edit: null })} />
                ) : (
                  <SoaRowView key={r.requirementId} row={r} />
                ),
              )}
            </tbody>
          ))}
        </table>
      )}
    </>
  );
}

function SoaRowView({ row }: { row: SoaRow }) {
  const a = applicabilityOf(row);
  return (
    <tr data-requirement={row.requirementId} data-applicability={a}>
      <th scope="row">
        <Link href={requirementHref(row.requirementId)}>
          <span className="ref">{row.ref}</span> {row.title}
        </Link>
      </th>
      <td>
        <span className={`applicability ${a}`}>
          <span aria-hidden="true">{a === 'applicable' ? '✓ ' : a === 'excluded' ? '✗ ' : '? '}</span>
          {APPLICABILITY_LABELS[a]}
        </span>
      </td>
      <td className="justification">{row.justification || <span className="muted">—</span>}</td>
      <td>
        <span className={`impl impl-${row.implementationStatus}`}>{IMPLEMENTATION_LABELS[row.implementationStatus]}</span>
      </td>
      <td>
        {row.evidence.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="soa-evidence">
            {row.evidence.map((e) => (
              <li key={`${e.evidenceId}|${e.orgControlId ?? ''}`}>
                <Link href={formatRoute({ view: 'hub', params: { ev: e.evidenceId } })}>{e.evidenceId}</Link> {e.title}
                {e.via === 'org-control' && <span className="muted"> (through {e.orgControlId})</span>}
                {e.expired && <span className="badge expired"> expired {e.expires}</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="issues">
        {row.issues.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul>
            {row.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <button type="button" className="edit" onClick={() => setParams({ edit: row.requirementId })} aria-label={`Edit the decision on ${row.ref} ${row.title}`}>
          Edit
        </button>
      </td>
    </tr>
  );
}

function EditRow({ row, busy, onSave, onCancel }: { row: SoaRow; busy: boolean; onSave: (d: SoaDraft) => Promise<boolean>; onCancel: () => void }) {
  const [draft, setDraft] = useState<SoaDraft>(() => draftOf(row));
  const [problems, setProblems] = useState<Partial<Record<keyof SoaDraft, string>>>({});
  const id = `soa-edit-${row.requirementId.replace(/[^A-Za-z0-9]/g, '-')}`;
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input:checked')?.focus(), []);
  return (
    <tr data-requirement={row.requirementId} className="editing">
      <th scope="row">
        <span className="ref">{row.ref}</span> {row.title}
      </th>
      <td colSpan={6}>
        <form
          ref={ref}
          className="soa-form"
          aria-label={`Decision on ${row.ref} ${row.title}`}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
          onSubmit={(e) => {
            e.preventDefault();
            const p = validateSoaDraft(draft);
            setProblems(p);
            if (Object.keys(p).length) return document.getElementById(`${id}-${Object.keys(p)[0]}`)?.focus();
            void onSave(draft);
          }}
        >
          <fieldset>
            <legend>Applicable?</legend>
            <label className="check">
              <input type="radio" name={`${id}-a`} checked={draft.applicability === 'applicable'} onChange={() => setDraft({ ...draft, applicability: 'applicable' })} /> applicable
            </label>
            <label className="check">
              <input
                type="radio"
                name={`${id}-a`}
                checked={draft.applicability === 'excluded'}
                onChange={() => setDraft({ ...draft, applicability: 'excluded', implementationStatus: 'not-started' })}
              />{' '}
              not applicable
            </label>
          </fieldset>
          <label className="wide">
            Justification {draft.applicability === 'excluded' ? '(required for an exclusion)' : ''}
            <textarea
              id={`${id}-justification`}
              rows={2}
              value={draft.justification}
              onChange={(e) => setDraft({ ...draft, justification: e.target.value })}
              aria-invalid={!!problems.justification}
              aria-describedby={problems.justification ? `${id}-justification-error` : undefined}
            />
          </label>
          <FieldError message={problems.justification} id={`${id}-justification-error`} />
          <label>
            Implementation
            <select id={`${id}-implementationStatus`} value={draft.implementationStatus} onChange={(e) => setDraft({ ...draft, implementationStatus: e.target.value as ImplementationStatus })} aria-invalid={!!problems.implementationStatus}>
              {IMPLEMENTATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {IMPLEMENTATION_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <FieldError message={problems.implementationStatus} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Save decision
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
