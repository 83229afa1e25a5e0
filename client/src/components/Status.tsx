import type { ReactNode } from 'react';
import type { ApiError } from '../api/graphql.js';

/** A loading line that says what is being loaded; announced politely to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** What failed, why, and a way to try again. */
export function ErrorBox({ what, error, retry }: { what: string; error: ApiError | Error; retry?: () => void }) {
  return (
    <div className="status error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {error.message}
      </p>
      {retry && (
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
