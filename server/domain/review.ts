import type { Mapping, Rationale, Relationship, Status } from './schemas/mapping.js';

export interface ReviewEdits {
  relationship?: Relationship;
  rationale?: Rationale;
  strength?: number;
  note?: string;
}

export interface ReviewEffect {
  status: Status;
  reviewer: string;
  /** ISO timestamp of the decision. */
  at: string;
  note?: string;
  edits?: ReviewEdits;
}

/**
 * What a review's corrections replaced: the mapping's values, before the review, of the fields it changed (a field
 * edited to the value it already had replaced nothing). Kept with the decision, so the history shows what a mapping
 * said before someone corrected it; undefined when nothing was changed.
 */
export function replacedBy(mapping: Mapping, edits: ReviewEdits | undefined): ReviewEdits | undefined {
  if (!edits) return undefined;
  const replaced: ReviewEdits = {};
  if (edits.relationship !== undefined && edits.relationship !== mapping.relationship) replaced.relationship = mapping.relationship;
  if (edits.rationale !== undefined && edits.rationale !== mapping.rationale) replaced.rationale = mapping.rationale;
  if (edits.strength !== undefined && edits.strength !== mapping.strength) replaced.strength = mapping.strength;
  if (edits.note !== undefined && edits.note !== (mapping.note ?? '')) replaced.note = mapping.note ?? '';
  return Object.keys(replaced).length ? replaced : undefined;
}

/**
 * The mapping as a person's review leaves it: their status, name and date, their note, and any corrections. The review
 * note is this decision's: a decision without one leaves none, rather than an earlier reviewer's reason under a new name.
 */
export function applyReview(mapping: Mapping, review: ReviewEffect): Mapping {
  const { note: editedNote, ...edits } = review.edits ?? {};
  const { reviewNote: _earlier, ...rest } = mapping;
  return {
    ...rest,
    ...edits,
    ...(editedNote !== undefined ? { note: editedNote } : {}),
    status: review.status,
    provenance: { ...mapping.provenance, reviewer: review.reviewer, reviewed: review.at.slice(0, 10) },
    ...(review.note !== undefined ? { reviewNote: review.note } : {}),
  };
}

export const REVIEW_POLICIES = ['single', 'four-eyes'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/**
 * Under the four-eyes policy, nobody approves their own work: the approver must not be the person who created the
 * mapping (a mapping someone made through the API carries their name as author), nor one who changed what it says
 * (a review with corrections), nor be correcting it while approving it. Returns why an approval is refused, or
 * undefined when it may go ahead. Under the single policy any analyst may approve.
 */
export function selfApprovalRefusal(
  policy: ReviewPolicy,
  mapping: Pick<Mapping, 'origin' | 'provenance'>,
  history: ReadonlyArray<Pick<ReviewEffect, 'reviewer' | 'edits'>>,
  decision: Pick<ReviewEffect, 'status' | 'reviewer' | 'edits'>,
): string | undefined {
  if (policy !== 'four-eyes' || decision.status !== 'approved') return undefined;
  const hasEdits = (edits?: ReviewEffect['edits']) => !!edits && Object.values(edits).some((v) => v !== undefined);
  if (mapping.origin === 'user' && mapping.provenance.author === decision.reviewer)
    return `${decision.reviewer} created this mapping; under the four-eyes review policy another analyst approves it`;
  if (history.some((r) => r.reviewer === decision.reviewer && hasEdits(r.edits)))
    return `${decision.reviewer} corrected this mapping; under the four-eyes review policy another analyst approves it`;
  if (hasEdits(decision.edits))
    return 'under the four-eyes review policy a correction is saved as proposed (status: proposed), and another analyst approves it';
  return undefined;
}
