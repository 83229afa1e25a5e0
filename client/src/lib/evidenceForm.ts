import { EVIDENCE_TYPES, type EvidenceType } from '../api/analysis.js';

/** The evidence hub's "new item" form: checked here before it is sent, with the server's own rules restated. */
export interface EvidenceDraft {
  id: string;
  title: string;
  type: string;
  owner: string;
  locationUri: string;
  collected: string;
  expires: string;
  scope: string[];
  description: string;
  requirementId: string;
  note: string;
}

export const emptyEvidenceDraft = (today: string): EvidenceDraft => ({
  id: '',
  title: '',
  type: 'policy',
  owner: '',
  locationUri: '',
  collected: today,
  expires: '',
  scope: [],
  description: '',
  requirementId: '',
  note: '',
});

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** A message per field that is wrong; empty when the draft can be sent. */
export function validateEvidenceDraft(d: EvidenceDraft, { requireLink = true } = {}): Partial<Record<keyof EvidenceDraft, string>> {
  const problems: Partial<Record<keyof EvidenceDraft, string>> = {};
  const id = d.id.trim();
  if (!id) problems.id = 'give the item an id, e.g. "EV-0012"';
  else if (!ID.test(id)) problems.id = `an id starts with a letter or digit and has no spaces, got "${id}"`;
  else if (id.length > 200) problems.id = 'an id is at most 200 characters';
  if (!d.title.trim()) problems.title = 'an evidence item needs a title';
  if (!(EVIDENCE_TYPES as readonly string[]).includes(d.type)) problems.type = `invalid type "${d.type}" (expected: ${EVIDENCE_TYPES.join(', ')})`;
  if (!d.owner.trim()) problems.owner = 'an evidence item needs an owner (a person or team)';
  if (!URI.test(d.locationUri.trim())) problems.locationUri = 'the location must be a URI such as "https://…" or "file:///…"';
  if (!DATE.test(d.collected)) problems.collected = 'the collection date is YYYY-MM-DD';
  if (d.expires && !DATE.test(d.expires)) problems.expires = 'the expiry date is YYYY-MM-DD (or leave it empty)';
  else if (d.expires && DATE.test(d.collected) && d.expires < d.collected) problems.expires = 'the item cannot expire before it was collected';
  if (requireLink && !d.requirementId.trim()) problems.requirementId = 'choose the requirement this item is evidence for';
  return problems;
}

/** The saveEvidence input (empty optional fields left out). */
export function toEvidenceInput(d: EvidenceDraft) {
  return {
    id: d.id.trim(),
    title: d.title.trim(),
    type: d.type as EvidenceType,
    owner: d.owner.trim(),
    locationUri: d.locationUri.trim(),
    collected: d.collected,
    ...(d.expires ? { expires: d.expires } : {}),
    scope: d.scope,
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
  };
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function isoToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
