import { useEffect, useState } from 'react';
import type { ActionState } from '../api/useAction.js';

/** Seconds since `busy` began (null while idle), so a long run (a suggestion run takes half a minute) shows it is alive. */
function useSecondsBusy(busy: string | null | undefined): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (!busy) return void setSeconds(null);
    const started = Date.now();
    setSeconds(0);
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [busy]);
  return seconds;
}

/** "Create EV-0012" → "create EV-0012": only the verb changes case, never the ids and names after it. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What the last change did, or why it failed; announced to screen readers. */
export function ActionStatus({ state }: { state: ActionState }) {
  const seconds = useSecondsBusy(state.busy);
  return (
    <div className="action-status" aria-live="polite">
      {state.busy && (
        <p className="status loading" role="status">
          <span className="spinner" aria-hidden="true" /> {state.busy}…
          {seconds !== null && seconds >= 3 && <span className="muted elapsed" aria-hidden="true"> {seconds} s</span>}
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
