import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { frameworkCitation } from '../../../server/domain/citation.js';
import { FRAMEWORKS, type Framework } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';
import { FALLBACK_STYLE, frameworkStyles, type FrameworkStyle } from '../graph/palette.js';
import { ErrorBox, Loading } from './Status.js';

export interface FrameworkIndex {
  list: Framework[];
  byId: Map<string, Framework>;
  styles: Map<string, FrameworkStyle>;
  style: (id: string) => FrameworkStyle;
  name: (id: string) => string;
  /** A label for graph nodes and table headers ("NIST AI RMF 1.0"), from the server. */
  shortLabel: (id: string) => string;
}

interface FrameworkState {
  index: FrameworkIndex | null;
  gate: ReactNode;
  reload: () => void;
}

const Context = createContext<FrameworkState>({ index: null, gate: null, reload: () => undefined });

/** Asks for the framework list again, after a change that may add frameworks (an import). */
export const useReloadFrameworks = (): (() => void) => useContext(Context).reload;

export function useFrameworks(): FrameworkIndex {
  const { index } = useContext(Context);
  if (!index) throw new Error('useFrameworks outside <FrameworksGate>: this is a bug in the explorer');
  return index;
}

/** The index once loaded, else null (for parts of the page that work without it). */
export const useFrameworksMaybe = (): FrameworkIndex | null => useContext(Context).index;

/** Loads the framework list once; everything else is drawn in its colours and named by it. */
export function FrameworksProvider({ children }: { children: ReactNode }) {
  const q = useQuery<{ frameworks: Framework[] }>(FRAMEWORKS, {}, { cached: false });
  const empty = q.status === 'ok' && q.data.frameworks.length === 0;
  // A first start loads the shipped content after the server starts listening: ask again until it is there.
  useEffect(() => {
    if (!empty && q.status !== 'error') return;
    const t = setTimeout(q.reload, 3000);
    return () => clearTimeout(t);
  }, [empty, q.status, q.reload]);
  const index = useMemo<FrameworkIndex | null>(() => {
    if (q.status !== 'ok' || !q.data.frameworks.length) return null;
    const list = q.data.frameworks;
    const byId = new Map(list.map((f) => [f.id, f]));
    const styles = frameworkStyles(list);
    return {
      list,
      byId,
      styles,
      style: (id) => styles.get(id) ?? FALLBACK_STYLE,
      name: (id) => {
        const f = byId.get(id);
        return f ? frameworkCitation(f) : id;
      },
      shortLabel: (id) => byId.get(id)?.shortLabel ?? id,
    };
  }, [q.status, q.data]);
  const gate =
    q.status === 'loading' ? (
      <Loading what="the frameworks" />
    ) : q.status === 'error' ? (
      <ErrorBox what="the frameworks" error={q.error} retry={q.reload} />
    ) : empty ? (
      <p className="status loading" role="status">
        <span className="spinner" aria-hidden="true" /> The service holds no frameworks yet. On a first start it loads the shipped catalogs and crosswalks, which takes a few seconds; this page checks again every 3 seconds.
      </p>
    ) : null;
  const value = useMemo(() => ({ index, gate, reload: q.reload }), [index, gate, q.reload]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Shows what is happening until the frameworks are there, then its children. */
export function FrameworksGate({ children }: { children: ReactNode }) {
  const { index, gate } = useContext(Context);
  return <>{index ? children : gate}</>;
}

/** A framework's colour and shape as a small inline key. */
export function FrameworkSwatch({ id }: { id: string }) {
  const index = useFrameworksMaybe();
  const s = index?.style(id) ?? FALLBACK_STYLE;
  return (
    <svg className="swatch" width="12" height="12" viewBox="-7 -7 14 14" aria-hidden="true">
      <path d={swatchPath(s.shape)} fill={s.color} stroke="#333" strokeWidth="1" />
    </svg>
  );
}

const swatchPath = (shape: FrameworkStyle['shape']) =>
  shape === 'square' ? 'M-5,-5H5V5H-5Z' : shape === 'diamond' ? 'M0,-6L6,0L0,6L-6,0Z' : shape === 'triangle' ? 'M0,-6L5.5,4.5H-5.5Z' : 'M-5,0A5,5 0 1,0 5,0A5,5 0 1,0 -5,0Z';
