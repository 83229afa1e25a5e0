/** The review queue's keyboard: what a key does in each mode. Pure, so it is tested without a browser. */
export type QueueMode = 'browse' | 'reject' | 'edit' | 'busy';
export type QueueCommand = 'next' | 'prev' | 'first' | 'last' | 'nextPage' | 'prevPage' | 'accept' | 'reject' | 'edit' | 'open' | 'help' | 'cancel';

export function queueCommand(key: string, mode: QueueMode, { inField = false, ctrl = false, meta = false, alt = false } = {}): QueueCommand | null {
  if (ctrl || meta || alt) return null;
  if (key === 'Escape') return mode === 'browse' ? null : 'cancel';
  if (mode !== 'browse' || inField) return null;
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'n':
    case 'PageDown':
      return 'nextPage';
    case 'p':
    case 'PageUp':
      return 'prevPage';
    case 'a':
      return 'accept';
    case 'r':
      return 'reject';
    case 'e':
      return 'edit';
    case 'o':
    case 'Enter':
      return 'open';
    case '?':
      return 'help';
    default:
      return null;
  }
}

export function moveIndex(index: number, length: number, command: 'next' | 'prev' | 'first' | 'last'): number {
  if (length === 0) return 0;
  switch (command) {
    case 'next':
      return Math.min(length - 1, index + 1);
    case 'prev':
      return Math.max(0, index - 1);
    case 'first':
      return 0;
    case 'last':
      return length - 1;
  }
}

/** After an item leaves the queue, the selection stays on the item that took its place (or the new last one). */
export function indexAfterRemoval(ids: string[], index: number, removedId: string): { ids: string[]; index: number } {
  const at = ids.indexOf(removedId);
  if (at < 0) return { ids, index };
  const next = ids.filter((id) => id !== removedId);
  const shifted = at < index ? index - 1 : index;
  return { ids: next, index: Math.max(0, Math.min(next.length - 1, shifted)) };
}

/** The review queue's page size, unless the URL asks for another (`size`, 1–500). */
export const QUEUE_PAGE_SIZE = 100;
export const QUEUE_PAGE_SIZE_MAX = 500;

export interface QueuePage {
  /** 1-based positions of the first and last item shown in the whole queue (0 and 0 when the page is empty). */
  first: number;
  last: number;
  /** Proposals still waiting, decisions made on this page taken off. */
  total: number;
  /** Offsets of the previous and next pages; null when there is none. */
  prevFrom: number | null;
  nextFrom: number | null;
}

/**
 * Where a page of the queue sits. A decision takes a mapping out of the queue on the server, so everything after it
 * moves up one: the next page starts right after the mappings still shown (`from + shown`), never skipping one.
 */
export function queuePage({ from, size, shown, serverTotal, decided }: { from: number; size: number; shown: number; serverTotal: number; decided: number }): QueuePage {
  const total = Math.max(0, serverTotal - decided);
  return {
    first: shown ? from + 1 : 0,
    last: from + shown,
    total,
    prevFrom: from > 0 ? Math.max(0, from - size) : null,
    nextFrom: from + shown < total ? from + shown : null,
  };
}

export const STRENGTH_RANGE = { min: 0, max: 10 } as const;

/** Checks an edit before it is sent; returns a message per field. */
export function validateEdit({ strength, reason, rejecting }: { strength?: number | string; reason?: string; rejecting?: boolean }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (strength !== undefined) {
    const n = Number(strength);
    if (!Number.isInteger(n) || n < STRENGTH_RANGE.min || n > STRENGTH_RANGE.max) problems.strength = `strength must be a whole number from 0 to 10, got "${strength}"`;
  }
  if (rejecting && !String(reason ?? '').trim()) problems.reason = 'a rejection needs a reason';
  return problems;
}
