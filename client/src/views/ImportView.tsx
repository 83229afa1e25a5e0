import { useState } from 'react';
import { ApiError } from '../api/graphql.js';
import { keptRequirementsNote } from '../../../server/services/keptRequirements.js';
import { ImportRefused, uploadImport, type ImportAnswer } from '../api/upload.js';
import { ProblemList } from '../components/ProblemList.js';
import { useToken } from '../api/useAction.js';
import { TokenNote } from '../components/ActionStatus.js';
import { FieldError } from '../components/FieldError.js';
import { useFrameworks, useReloadFrameworks } from '../components/Frameworks.js';
import type { ImportFormat } from '../../../server/services/importContent.js';
import { carriesMappings, fieldsOf, guessFormat, guessWorkbookFormat, IMPORT_CHOICES, IMPORT_FIELD_LABELS, importQuery, validateImportDraft, type ImportDraft, type ImportField } from '../lib/importForm.js';
import { workbookSheetNames } from '../lib/workbookSheets.js';
import { formatRoute, type Route } from '../lib/route.js';
import { Link } from '../router.js';

type Outcome = { kind: 'done'; answer: ImportAnswer; fileName: string } | { kind: 'refused'; message: string; problems: string[] } | null;

const FORMATS = Object.keys(IMPORT_CHOICES) as ImportFormat[];
const TEXT_FIELDS: ImportField[] = ['frameworkId', 'name', 'edition', 'publisher', 'shortName', 'sheet', 'elementTypes'];

/** Bring another tool's file in: a catalog, a crosswalk, an OLIR table, OSCAL, CISO Assistant, CPRT or a bundle. */
export function ImportView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const reloadFrameworks = useReloadFrameworks();
  const token = useToken();
  const [file, setFile] = useState<File | null>(null);
  const [draft, setDraft] = useState<ImportDraft>(() => ({ format: FORMATS.includes(route.params.format as ImportFormat) ? (route.params.format as ImportFormat) : 'csv', fileName: '', replace: false, skipConflicts: false, values: {} }));
  const [errors, setErrors] = useState<ReturnType<typeof validateImportDraft>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  /** The file's name and first characters said nothing about its format: the form says so instead of guessing. */
  const [unsure, setUnsure] = useState(false);
  const choice = IMPORT_CHOICES[draft.format];
  const setValue = (field: ImportField, value: string) => setDraft((d) => ({ ...d, values: { ...d.values, [field]: value } }));

  const pick = async (picked: File | null) => {
    setFile(picked);
    setOutcome(null);
    setUnsure(false);
    if (!picked) return setDraft((d) => ({ ...d, fileName: '' }));
    const head = await picked.slice(0, 4096).text();
    const sheets = /\.xlsx$/i.test(picked.name) ? await workbookSheetNames(await picked.arrayBuffer()) : undefined;
    const guessed = sheets ? guessWorkbookFormat(sheets) : guessFormat(picked.name, head);
    // A workbook that is neither CISO Assistant's nor a Crosswalk export is usually a catalog or crosswalk table: no note.
    setUnsure(guessed === undefined && !sheets);
    setDraft((d) => ({ ...d, fileName: picked.name, format: guessed ?? d.format }));
  };

  const submit = async () => {
    const problems = validateImportDraft(draft);
    setErrors(problems);
    if (Object.keys(problems).length) {
      document.getElementById(`import-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await uploadImport(importQuery(draft), file!, token);
      setOutcome({ kind: 'done', answer, fileName: draft.fileName });
      reloadFrameworks();
    } catch (e) {
      const problems = e instanceof ImportRefused ? e.problems : [];
      setOutcome({ kind: 'refused', message: e instanceof ApiError ? e.message : String(e), problems });
    } finally {
      setBusy(false);
    }
  };

  const described = (field: ImportField | 'file') => ({
    id: `import-${field}`,
    'aria-invalid': !!errors[field],
    ...(errors[field] ? { 'aria-describedby': `import-${field}-error` } : {}),
  });

  return (
    <section className="view report import">
      <h1>Import</h1>
      <p className="lede">
        Bring in a framework or a crosswalk from another tool. The file is checked together with everything already loaded, and nothing is kept unless all of it fits; imported mappings arrive as
        proposed, for the <Link href={formatRoute({ view: 'review' })}>review queue</Link>.
      </p>
      <TokenNote token={token} what="Importing" />
      <form
        className="import-form"
        aria-label="Import a file"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="import-file">File</label>
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.json,.yaml,.yml,.xml" onChange={(e) => void pick(e.target.files?.[0] ?? null)} {...described('file')} />
          <FieldError message={errors.file} id="import-file-error" inline />
        </div>
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select
            id="import-format"
            value={draft.format}
            onChange={(e) => {
              setUnsure(false);
              setDraft((d) => ({ ...d, format: e.target.value as ImportFormat }));
            }}
            aria-describedby="import-format-hint"
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {IMPORT_CHOICES[f].label}
              </option>
            ))}
          </select>
          {unsure && (
            <span className="field-error inline import-format-unsure" role="status">
              Crosswalk could not tell the format of {draft.fileName} from its name and first lines: choose it here (now “{choice.label}”).
            </span>
          )}
          <span className="hint" id="import-format-hint">
            {choice.hint}
          </span>
        </div>
        {TEXT_FIELDS.filter((f) => fieldsOf(draft).some(([shown]) => shown === f)).map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`import-${f}`}>
              {IMPORT_FIELD_LABELS[f]}
              {choice.fields[f] ? '' : ' (optional)'}
            </label>
            <input type="text" value={draft.values[f] ?? ''} onChange={(e) => setValue(f, e.target.value)} {...described(f)} />
            <FieldError message={errors[f]} id={`import-${f}-error`} inline />
          </div>
        ))}
        {(['from', 'to'] as const).filter((f) => f in choice.fields).map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`import-${f}`}>
              {(f === 'from' ? choice.fromLabel : choice.toLabel) ?? IMPORT_FIELD_LABELS[f]}
              {choice.fields[f] ? '' : ' (optional)'}
            </label>
            <select value={draft.values[f] ?? ''} onChange={(e) => setValue(f, e.target.value)} {...described(f)}>
              <option value="">{choice.fields[f] ? 'Choose a framework' : 'As the file says'}</option>
              {fw.list.map((framework) => (
                <option key={framework.id} value={framework.id}>
                  {fw.name(framework.id)} ({framework.id})
                </option>
              ))}
            </select>
            <FieldError message={errors[f]} id={`import-${f}-error`} inline />
          </div>
        ))}
        <label className="check">
          <input type="checkbox" checked={draft.replace} onChange={(e) => setDraft((d) => ({ ...d, replace: e.target.checked }))} /> Replace what an earlier import of this file wrote
        </label>
        {carriesMappings(draft.format) && (
          <label className="check">
            <input type="checkbox" checked={draft.skipConflicts} onChange={(e) => setDraft((d) => ({ ...d, skipConflicts: e.target.checked }))} /> Import the rest when the file states a pair two
            ways: those pairs are left out for you to map
          </label>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      <div aria-live="polite">{outcome && <OutcomeReport outcome={outcome} />}</div>
    </section>
  );
}

const counted = (what: string, c: { added: number; updated: number; removed: number }) =>
  c.added || c.updated || c.removed ? [`${what}: ${c.added} added, ${c.updated} updated, ${c.removed} removed`] : [];

function OutcomeReport({ outcome }: { outcome: NonNullable<Outcome> }) {
  if (outcome.kind === 'refused')
    return (
      <div className="status error" role="alert">
        <p>
          {/* A refused file's message already says so; a refusal for another reason does not. */}
          {!/nothing was imported/i.test(outcome.message) && <strong>Nothing was imported. </strong>}
          {outcome.message}
        </p>
        <ProblemList problems={outcome.problems} />
      </div>
    );
  const { answer } = outcome;
  const load = answer.load;
  const changes = load ? [...counted('Frameworks', load.frameworks), ...counted('Requirements', load.requirements), ...counted('Mappings', load.mappings), ...counted('No-counterpart statements', load.noCounterparts)] : [];
  return (
    <div className="import-result">
      <p className="flash" role="status">
        Imported {outcome.fileName}: {answer.written} content file(s) written{answer.reviewsApplied ? `, ${answer.reviewsApplied} review decision(s) applied` : ''}.
      </p>
      {changes.length > 0 && (
        <ul>
          {changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {load?.proposalsDropped ? <p>{load.proposalsDropped} unreviewed suggestion(s) were removed with the requirements they pointed at.</p> : null}
      {load?.requirementsKept.length ? <p className="kept-requirements">{keptRequirementsNote(load.requirementsKept)}</p> : null}
      {answer.warnings.length > 0 && (
        <>
          <h2>Warnings ({answer.warnings.length})</h2>
          <p>Imported anyway; check these before approving what came in.</p>
          <ProblemList problems={answer.warnings} />
        </>
      )}
    </div>
  );
}
