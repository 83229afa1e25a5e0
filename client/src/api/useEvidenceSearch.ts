import { useCallback, useEffect, useRef, useState } from 'react';
import { EVIDENCE_ITEMS, type EvidenceItem, type EvidenceItemsData } from './analysis.js';
import { type ApiError, gql } from './graphql.js';

/** How many matches the evidence picker lists; the rest are counted, and more words narrow them. */
export const EVIDENCE_PICKER_LIMIT = 200;
/** Typing waits this long after the last key before asking the server. */
export const EVIDENCE_SEARCH_DELAY_MS = 250;

export interface EvidenceSearch {
  /** The (trimmed) text the shown answer is for; null before the first answer. */
  answeredText: string | null;
  /** The first EVIDENCE_PICKER_LIMIT matches, sorted by id. */
  items: EvidenceItem[];
  /** How many items match in all. */
  total: number;
  /** A newer answer is on its way (the previous one stays on screen meanwhile). */
  loading: boolean;
  error: ApiError | null;
  /** Ask again now (after a change to the register). */
  reload: () => void;
}

/**
 * Searches the evidence register on the server as a person types: every word in an item's id, title, owner or
 * description, ignoring case. Debounced; stale answers are dropped, and the last answer stays until the next arrives.
 */
export function useEvidenceSearch(text: string, { limit = EVIDENCE_PICKER_LIMIT, delay = EVIDENCE_SEARCH_DELAY_MS } = {}): EvidenceSearch {
  const q = text.trim();
  const [answer, setAnswer] = useState<{ text: string; items: EvidenceItem[]; total: number } | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [nonce, setNonce] = useState(0);
  const answered = useRef(false);
  const lastNonce = useRef(nonce);

  useEffect(() => {
    const controller = new AbortController();
    // The first answer and reloads go at once; typing waits for a pause.
    const wait = !answered.current || nonce !== lastNonce.current ? 0 : delay;
    lastNonce.current = nonce;
    setLoading(true);
    const timer = setTimeout(() => {
      gql<EvidenceItemsData>(EVIDENCE_ITEMS, { text: q || null, limit, offset: 0 }, { signal: controller.signal })
        .then((data) => {
          answered.current = true;
          setAnswer({ text: q, items: data.evidenceItems, total: data.evidenceCount });
          setError(null);
          setLoading(false);
        })
        .catch((e: ApiError) => {
          if (e.kind === 'aborted' || controller.signal.aborted) return;
          setError(e);
          setLoading(false);
        });
    }, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, nonce, limit, delay]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { answeredText: answer?.text ?? null, items: answer?.items ?? [], total: answer?.total ?? 0, loading, error, reload };
}
