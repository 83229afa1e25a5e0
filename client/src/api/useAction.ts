import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql } from './graphql.js';
import { getToken, onTokenChange } from './token.js';
import { invalidateQueries } from './useQuery.js';

/** The bearer token, kept current when it is set or forgotten in the header. */
export function useToken(): string {
  const [token, setToken] = useState(getToken);
  useEffect(() => onTokenChange(setToken), []);
  return token;
}

export interface ActionState {
  busy: string | null;
  error: { what: string; error: ApiError } | null;
  message: string;
}

/**
 * Runs mutations with the tab's token. While one runs, `busy` names it; afterwards `message` says what happened, or
 * `error` what failed and why. Cached query answers are dropped after every change.
 */
export function useAction() {
  const token = useToken();
  const [state, setState] = useState<ActionState>({ busy: null, error: null, message: '' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const run = useCallback(
    async <T,>(what: string, steps: (call: <R>(query: string, variables?: Record<string, unknown>) => Promise<R>) => Promise<T>, done?: (result: T) => string): Promise<T | undefined> => {
      setState({ busy: what, error: null, message: '' });
      try {
        const result = await steps((query, variables) => gql(query, variables ?? {}, { token }));
        invalidateQueries();
        if (live.current) setState({ busy: null, error: null, message: done ? done(result) : '' });
        return result;
      } catch (e) {
        invalidateQueries();
        const error = e instanceof ApiError ? e : new ApiError((e as Error).message, 'graphql');
        if (live.current) setState({ busy: null, error: { what, error }, message: '' });
        return undefined;
      }
    },
    [token],
  );
  const clear = useCallback(() => setState({ busy: null, error: null, message: '' }), []);
  return { ...state, run, clear, token };
}
