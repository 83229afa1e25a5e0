/** The explorer's URLs: one path per view, state in the query string, so every view can be linked and reloaded. */
export const VIEWS = ['hub', 'matrix', 'framework', 'requirement', 'review', 'search', 'gaps', 'controls', 'ims', 'soa', 'import', 'lab'] as const;
export type ViewName = (typeof VIEWS)[number] | 'not-found';

export interface Route {
  view: ViewName;
  /** The requirement id for /requirement/:id, the framework id for /framework/:id (none: the list of frameworks). */
  id?: string;
  params: Record<string, string>;
}

export function parseRoute(pathname: string, search = ''): Route {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) params[k] = v;
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts.length === 0) return { view: 'hub', params };
  const [head, ...rest] = parts;
  if (head === 'requirement' || (head === 'framework' && rest.length)) {
    if (!rest.length) return { view: 'not-found', params };
    let id = rest.join('/');
    try {
      id = decodeURIComponent(id);
    } catch {
      return { view: 'not-found', params };
    }
    return { view: head, id, params };
  }
  if ((VIEWS as readonly string[]).includes(head!) && rest.length === 0) return { view: head as ViewName, params };
  return { view: 'not-found', params };
}

export function formatRoute(route: { view: ViewName; id?: string; params?: Record<string, string | number | undefined | null> }): string {
  const path =
    route.view === 'requirement' || (route.view === 'framework' && route.id)
      ? `/${route.view}/${encodeURIComponent(route.id ?? '')}`
      : route.view === 'hub'
        ? '/hub'
        : `/${route.view}`;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(route.params ?? {})) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

export const requirementHref = (id: string, params?: Record<string, string | number | undefined>) => formatRoute({ view: 'requirement', id, params });

export const frameworkHref = (id: string, params?: Record<string, string | number | undefined>) => formatRoute({ view: 'framework', id, params });

/** Comma lists in query parameters. */
export const listParam = (value: string | undefined): string[] => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

export function intParam(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}
