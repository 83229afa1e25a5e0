import type { ActionState } from '../api/useAction.js';

/** "Create EV-0012" → "create EV-0012": only the verb changes case, never the ids and names after it. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What the last change did, or why it failed; announced to screen readers. */
export function ActionStatus({ state }: { state: ActionState }) {
  return (
    <div className="action-status" aria-live="polite">
      {state.busy && (
        <p className="status loading" role="status">
          <span className="spinner" aria-hidden="true" /> {state.busy}…
        </p>
      )}
      {state.error && (
        <div className="status error" role="alert">
          <p>
            <strong>Could not {lowerFirst(state.error.what)}.</strong> {state.error.error.message}
          </p>
        </div>
      )}
      {state.message && <p className="flash">{state.message}</p>}
    </div>
  );
}

/** Said once, where a view offers changes, when no token is set. */
export function TokenNote({ token, what }: { token: string; what: string }) {
  if (token) return null;
  return (
    <p className="status empty token-note">
      {what} needs an analyst token: choose <strong>Set token</strong> at the top of the page and paste one from <code>CROSSWALK_TOKENS</code>. Reading needs none.
    </p>
  );
}
