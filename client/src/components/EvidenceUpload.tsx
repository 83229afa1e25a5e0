import { useState } from 'react';
import { ApiError } from '../api/graphql.js';
import { ImportRefused, uploadEvidenceRegister, type EvidenceImportAnswer } from '../api/upload.js';
import { useToken } from '../api/useAction.js';
import { TokenNote } from './ActionStatus.js';
import { ProblemList } from './ProblemList.js';

type Outcome = { kind: 'done'; answer: EvidenceImportAnswer; fileName: string } | { kind: 'refused'; message: string; problems: string[] } | null;

/**
 * Upload an evidence register (the CSV `crosswalk evidence export` writes, or an XLSX workbook with its header): items
 * with ids already in the register are replaced, links included. A file with a wrong row imports nothing and each
 * problem names its line.
 */
export function EvidenceUpload({ id, onImported }: { id: string; onImported: () => void }) {
  const token = useToken();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await uploadEvidenceRegister(file, token);
      setOutcome({ kind: 'done', answer, fileName: file.name });
      onImported();
    } catch (e) {
      setOutcome({ kind: 'refused', message: e instanceof ApiError ? e.message : String(e), problems: e instanceof ImportRefused ? e.problems : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      id={id}
      className="evidence-upload"
      aria-label="Import an evidence register"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Import an evidence register</h2>
      <p className="hint">
        A CSV or XLSX with the columns <code>id, title, type, owner, location_uri, collected</code> and optionally <code>expires, scope, description, requirements, org_controls, link_note</code>{' '}
        (requirement ids separated by semicolons), as <code>crosswalk evidence export</code> writes it. An item whose id is already in the register is replaced with its links.
      </p>
      <TokenNote token={token} what="Importing evidence" />
      <label htmlFor={`${id}-file`}>Register file</label>{' '}
      <input id={`${id}-file`} type="file" accept=".csv,.tsv,.txt,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />{' '}
      <button type="submit" disabled={!file || busy}>
        {busy ? 'Importing…' : 'Import'}
      </button>
      <div aria-live="polite">
        {outcome?.kind === 'done' && (
          <>
            <p className="flash" role="status">
              Imported {outcome.fileName}: {outcome.answer.added} new item(s), {outcome.answer.updated} replaced, {outcome.answer.links} link(s).
            </p>
            {outcome.answer.warnings.length > 0 && <ProblemList problems={outcome.answer.warnings} />}
          </>
        )}
        {outcome?.kind === 'refused' && (
          <div className="status error" role="alert">
            <p>
              <strong>Nothing was imported. </strong>
              {outcome.message}
            </p>
            <ProblemList problems={outcome.problems} />
          </div>
        )}
      </div>
    </form>
  );
}
