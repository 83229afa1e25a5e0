import { useMemo, type ReactNode } from 'react';
import { setParams } from '../router.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';

/**
 * Items grouped by framework, one collapsible section each (in first-seen order), the `focus` framework open: the
 * list form of a reach picture, which screen-reader and keyboard users read instead of the graph.
 */
export function FrameworkGroups<T>({ items, frameworkOf, idPrefix, focus, children }: {
  items: readonly T[];
  frameworkOf: (item: T) => string;
  /** Section ids are `${idPrefix}${frameworkId}`, so a URL can point at one. */
  idPrefix: string;
  focus?: string;
  children: (list: T[]) => ReactNode;
}) {
  const fw = useFrameworks();
  const groups = useMemo(() => {
    const byFramework = new Map<string, T[]>();
    for (const item of items) {
      const f = frameworkOf(item);
      (byFramework.get(f) ?? byFramework.set(f, []).get(f)!).push(item);
    }
    return [...byFramework.entries()];
  }, [items, frameworkOf]);
  return (
    <>
      {groups.map(([f, list]) => (
        <details key={f} id={`${idPrefix}${f}`} open={focus === f}>
          <summary>
            <FrameworkSwatch id={f} /> {fw.name(f)} ({list.length})
          </summary>
          {children(list)}
        </details>
      ))}
    </>
  );
}

/** Opens a framework's section (its node was chosen in the picture) and scrolls it into view. */
export function focusFrameworkGroup(idPrefix: string, frameworkId: string) {
  setParams({ sel: null, focus: frameworkId });
  document.getElementById(`${idPrefix}${frameworkId}`)?.scrollIntoView({ block: 'nearest' });
}
