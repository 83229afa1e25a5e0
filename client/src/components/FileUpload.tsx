import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/graphql.js';
import { ImportRefused } from '../api/upload.js';
import { useToken } from '../api/useAction.js';
import { TokenNote } from './ActionStatus.js';
import { ProblemList } from './ProblemList.js';

type Outcome = { kind: 'done'; summary: string; warnings: string[] } | { kind: 'refused'; message: string; problems: string[] } | null;

/**
 * A form that uploads one file (an evidence register, a Statement of Applicability) and says what came of it: what
 * was imported and the warnings, or, when the service refused the file, that nothing was imported and each problem
 * with its line.
 */
export function FileUpload<T extends { warnings: string[] }>({ id, heading, hint, action, accept = '.csv,.tsv,.txt,.xlsx', upload, describe, onImported }: {
  id: string;
  heading: string;
  hint: ReactNode;
  /** What the upload does, for the token note: "Importing evidence". */
  action: string;
  accept?: string;
  upload: (file: File, token: string) => Promise<T>;
  describe: (answer: T, fileName: string) => string;
  onImported: () => void;
}) {
  const token = useToken();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await upload(file, token);
      setOutcome({ kind: 'done', summary: describe(answer, file.name), warnings: answer.warnings });
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
      className="file-upload"
      aria-label={heading}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{heading}</h2>
      <p className="hint">{hint}</p>
      <TokenNote token={token} what={action} />
      <label htmlFor={`${id}-file`}>File</label> <input id={`${id}-file`} type="file" accept={accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />{' '}
      <button type="submit" disabled={!file || busy}>
        {busy ? 'Importing…' : 'Import'}
      </button>
      <div aria-live="polite">
        {outcome?.kind === 'done' && (
          <>
            <p className="flash" role="status">
              {outcome.summary}
            </p>
            <ProblemList problems={outcome.warnings} />
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
