import type { Mapping, Rationale, Relationship, Status } from './schemas/mapping.js';

export interface ReviewEffect {
  status: Status;
  reviewer: string;
  /** ISO timestamp of the decision. */
  at: string;
  note?: string;
  edits?: { relationship?: Relationship; rationale?: Rationale; strength?: number; note?: string };
}

/** The mapping as a person's review leaves it: their status, name and date, and any corrections. */
export function applyReview(mapping: Mapping, review: ReviewEffect): Mapping {
  const { note: editedNote, ...edits } = review.edits ?? {};
  return {
    ...mapping,
    ...edits,
    ...(editedNote !== undefined ? { note: editedNote } : {}),
    status: review.status,
    provenance: { ...mapping.provenance, reviewer: review.reviewer, reviewed: review.at.slice(0, 10) },
    ...(review.note !== undefined ? { reviewNote: review.note } : {}),
  };
}
