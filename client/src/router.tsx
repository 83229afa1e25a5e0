import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { formatRoute, parseRoute, type Route, type ViewName } from './lib/route.js';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(href: string, { replace = false } = {}) {
  if (href === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', href);
  notify();
}

/** Changes some query parameters of the current view, replacing the history entry (filters, selections). */
export function setParams(changes: Record<string, string | number | null | undefined>, { replace = true } = {}) {
  const route = parseRoute(location.pathname, location.search);
  const params: Record<string, string | number | null | undefined> = { ...route.params, ...changes };
  navigate(formatRoute({ view: route.view === 'not-found' ? 'hub' : route.view, id: route.id, params }), { replace });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => location.pathname + location.search;

export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, snapshot);
  const q = url.indexOf('?');
  return parseRoute(q < 0 ? url : url.slice(0, q), q < 0 ? '' : url.slice(q));
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export const viewHref = (view: ViewName, params?: Record<string, string | number | undefined>) => formatRoute({ view, params });
