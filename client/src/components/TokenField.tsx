import { useEffect, useState } from 'react';
import { gql } from '../api/graphql.js';
import { ME } from '../api/queries.js';
import { getToken, onTokenChange, setToken } from '../api/token.js';

/** The bearer token field: kept in sessionStorage for this tab; shows whom the server says it belongs to. */
export function TokenField() {
  const [token, setLocal] = useState(getToken);
  const [draft, setDraft] = useState('');
  const [who, setWho] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => onTokenChange(setLocal), []);
  useEffect(() => {
    if (!token) {
      setWho(null);
      return;
    }
    let live = true;
    gql<{ me: { name: string; role: string } | null }>(ME, {}, { token })
      .then((d) => live && setWho(d.me ? `${d.me.name} (${d.me.role})` : 'unknown token'))
      .catch((e: Error) => live && setWho(`could not check: ${e.message}`));
    return () => {
      live = false;
    };
  }, [token]);

  if (!open)
    return (
      <div className="token">
        <button type="button" onClick={() => setOpen(true)} title={token ? 'Change or forget the bearer token' : 'A bearer token lets you review mappings'}>
          {token ? `Token: ${who ?? '…'}` : 'Set token'}
        </button>
      </div>
    );
  return (
    <form
      className="token open"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(draft.trim());
        setDraft('');
        setOpen(false);
      }}
    >
      <label htmlFor="token-input">Bearer token (kept for this tab only)</label>
      <input id="token-input" type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus placeholder="paste a token from CROSSWALK_TOKENS" />
      <button type="submit">Save</button>
      {token && (
        <button
          type="button"
          onClick={() => {
            setToken('');
            setOpen(false);
          }}
        >
          Forget
        </button>
      )}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
