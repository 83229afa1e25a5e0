import { forwardRef, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { rowLabel } from '../../../server/domain/analysis/rowLabel.js';
import { gql, type ApiError } from '../api/graphql.js';
import type { RequirementRef } from '../api/queries.js';
import { searchRequest } from '../lib/searchScope.js';
import { FrameworkSwatch, useFrameworksMaybe } from './Frameworks.js';

export interface SearchBoxProps {
  label: string;
  placeholder?: string;
  onPick: (requirement: RequirementRef) => void;
  /** Enter with no suggestion chosen. */
  onSubmit?: (text: string) => void;
  className?: string;
  initial?: string;
  /** Visible label or only for screen readers. */
  hideLabel?: boolean;
  /** Empty the box once a choice is made (the header's search, which stays on screen across views). */
  clearOnPick?: boolean;
  /** Requirements not to offer (the one a form is about, when it asks for another). */
  exclude?: readonly string[];
  /** The form's message about this field, when it has one (its element id), so screen readers read it with the box. */
  errorId?: string;
}

/** A combobox over the service's search: ids, titles and summaries. Arrow keys choose, Enter opens, Escape closes. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox({ label, placeholder, onPick, onSubmit, className, initial = '', hideLabel, clearOnPick = false, exclude, errorId }, ref) {
  const id = useId();
  const fw = useFrameworksMaybe();
  const [text, setText] = useState(initial);
  const [hits, setHits] = useState<RequirementRef[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Leaving the box closes the list a moment later (so a click on an option lands first). Coming back before then
  // must cancel that: otherwise the list someone is typing into closes under them.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const openList = () => {
    clearTimeout(closeTimer.current);
    setOpen(true);
  };
  useEffect(() => () => clearTimeout(closeTimer.current), []);
  const excludeKey = (exclude ?? []).join('\u0000');
  const excluded = new Set(exclude ?? []);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setHits([]);
      setError(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      const request = searchRequest(q, { limit: 8, frameworks: fw?.list });
      gql<Parameters<typeof request.hits>[0]>(request.query, request.variables, { signal: controller.signal })
        .then((d) => {
          setHits(request.hits(d).map((h) => h.requirement).filter((r) => !excluded.has(r.id)));
          setError(null);
          setActive(-1);
        })
        .catch((e: ApiError) => {
          if (e.kind !== 'aborted') setError(`Search failed: ${e.message}`);
        })
        .finally(() => setBusy(false));
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, fw, excludeKey]);

  const pick = (r: RequirementRef) => {
    setOpen(false);
    setActive(-1);
    if (clearOnPick) setText('');
    onPick(r);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openList();
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(-1, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = active >= 0 ? hits[active] : undefined;
      if (chosen) pick(chosen);
      else if (onSubmit && text.trim()) {
        setOpen(false);
        if (clearOnPick) setText('');
        onSubmit(text.trim());
      } else if (hits[0] && !onSubmit) pick(hits[0]);
    } else if (e.key === 'Escape') {
      if (open) {
        e.stopPropagation();
        setOpen(false);
      } else (e.target as HTMLInputElement).blur();
    }
  };

  const listId = `${id}-list`;
  const showList = open && text.trim().length >= 2;
  return (
    <div className={`searchbox ${className ?? ''}`}>
      <label htmlFor={`${id}-input`} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      <input
        ref={ref}
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          openList();
        }}
        onFocus={openList}
        onBlur={() => (closeTimer.current = setTimeout(() => setOpen(false), 150))}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul id={listId} role="listbox" className="searchbox-list" aria-label={`${label}: suggestions`}>
          {error && <li className="searchbox-note" role="presentation">{error}</li>}
          {!error && busy && !hits.length && <li className="searchbox-note" role="presentation">Searching…</li>}
          {!error && !busy && !hits.length && <li className="searchbox-note" role="presentation">No requirement matches “{text.trim()}”.</li>}
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <FrameworkSwatch id={h.frameworkId} /> <span className="hit-fw">{fw?.name(h.frameworkId) ?? h.frameworkId}</span> <strong>{h.ref}</strong> {rowLabel(h)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
