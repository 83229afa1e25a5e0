import type { ReactNode } from 'react';
import type { ApiError } from '../api/graphql.js';

/** A loading line that says what is being loaded (or, with `action`, saved); announced politely to screen readers. */
export function Loading({ what, action = 'Loading' }: { what: string; action?: string }) {
  return (
    <p className="status loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {action} {what}…
    </p>
  );
}

/** Refusals that asking again cannot change: an id nothing has (a stale link), or input the service cannot read. */
const FINAL_CODES = new Set(['NOT_FOUND', 'BAD_USER_INPUT']);

/**
 * What failed, why, and a way to try again (unless trying again cannot help). `action` is what was being done: loading
 * unless said otherwise.
 */
export function ErrorBox({ what, error, retry, action = 'load' }: { what: string; error: ApiError | Error; retry?: () => void; action?: string }) {
  const final = 'code' in error && error.code !== undefined && FINAL_CODES.has(error.code);
  return (
    <div className="status error" role="alert">
      <p>
        <strong>Could not {action} {what}.</strong> {error.message}
      </p>
      {retry && !final && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status empty">{children}</p>;
}

/** Visually hidden text for screen readers. */
export function SrOnly({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
