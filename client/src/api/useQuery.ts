import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql } from './graphql.js';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ok'; data: T; error?: undefined };

const cache = new Map<string, unknown>();
const MAX_CACHE = 200;

/** Forget cached answers (after a mutation changes what they said). */
export function invalidateQueries(match?: (query: string) => boolean) {
  for (const key of [...cache.keys()]) if (!match || match(key)) cache.delete(key);
}

/**
 * Runs a GraphQL query when its variables change; `skip` waits. Answers are cached by query and variables so
 * going back to a view is instant; `reload()` asks again.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, { skip = false, cached = true } = {}): QueryState<T> & { reload: () => void } {
  const key = `${query}\u0000${JSON.stringify(variables)}`;
  const [state, setState] = useState<QueryState<T>>(() => (cached && cache.has(key) ? { status: 'ok', data: cache.get(key) as T } : { status: 'loading' }));
  const [nonce, setNonce] = useState(0);
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    if (skip) return;
    const fresh = nonce > 0 || !cached;
    if (!fresh && cache.has(key)) {
      setState({ status: 'ok', data: cache.get(key) as T });
      lastKey.current = key;
      return;
    }
    const controller = new AbortController();
    if (lastKey.current !== key || nonce > 0) setState((s) => (s.status === 'ok' && lastKey.current === key ? s : { status: 'loading' }));
    gql<T>(query, variables, { signal: controller.signal })
      .then((data) => {
        if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(key, data);
        lastKey.current = key;
        setState({ status: 'ok', data });
      })
      .catch((error: ApiError) => {
        if (error.kind === 'aborted' || controller.signal.aborted) return;
        setState({ status: 'error', error });
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, skip, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload } as QueryState<T> & { reload: () => void };
}
