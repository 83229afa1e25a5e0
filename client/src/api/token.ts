/** The bearer token for mutations, kept for this tab only (sessionStorage), never in the URL. */
const KEY = 'crosswalk.token';
const listeners = new Set<(token: string) => void>();

export function getToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage can be disabled; the token then lasts until the page is reloaded.
  }
  for (const l of listeners) l(token);
}

export function onTokenChange(listener: (token: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
