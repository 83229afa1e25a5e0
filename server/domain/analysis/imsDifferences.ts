import type { ImsProcess } from './imsPlan.js';

/** One mapping between two clauses of a shared process, read from the clause of the standard listed first. */
export interface ProcessDifference {
  mappingId: string;
  from: string;
  to: string;
  relationship: string;
  /** The reviewer's note: what one clause asks for that the other does not. */
  note: string;
}

/**
 * What the standards of a shared process ask for differently: each mapping between its clauses that has a note, once,
 * in the order of the standards chosen.
 */
export function processDifferences(process: ImsProcess): ProcessDifference[] {
  const seen = new Map<string, ProcessDifference>();
  for (const { items } of process.clauses)
    for (const clause of items)
      for (const c of clause.counterparts)
        if (c.note && !seen.has(c.mappingId)) seen.set(c.mappingId, { mappingId: c.mappingId, from: clause.requirementId, to: c.requirementId, relationship: c.relationship, note: c.note });
  return [...seen.values()];
}
