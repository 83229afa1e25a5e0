import { RELATIONSHIPS, type Relationship } from '../graph/types.js';
import { formatRoute } from './route.js';

/**
 * The requirement page's "Map to…" form (createMapping): checked here before it is sent, with the server's own rules
 * restated (MappingInputSchema in server/api/graphql/args.ts).
 */

/** What a person can state by hand: NIST IR 8477's five relationships ("no relationship" is a no-counterpart record). */
export const MAPPING_RELATIONSHIPS = RELATIONSHIPS.filter((r) => r !== 'no_relationship') as Exclude<Relationship, 'no_relationship'>[];
export const RATIONALES = ['syntactic', 'semantic', 'functional'] as const;
export type Rationale = (typeof RATIONALES)[number];

export const RATIONALE_HINTS: Record<Rationale, string> = {
  syntactic: 'the wording matches',
  semantic: 'the meaning matches',
  functional: 'they achieve the same outcome',
};

/**
 * The strength a mapping gets when none is stated, on the OLIR scale as the importers use it (defaultStrength in
 * server/interop/maybeRelationship.ts): 10 for equal or equivalent, 0 for no relationship, 5 for the partial ones.
 */
export const defaultStrength = (relationship: Relationship): number =>
  relationship === 'equal_to' || relationship === 'equivalent_to' ? 10 : relationship === 'no_relationship' ? 0 : 5;

export interface MappingDraft {
  targetId: string;
  relationship: Relationship;
  rationale: string;
  /** As typed (a number input's text). */
  strength: string;
  note: string;
  provenanceSource: string;
  provenanceUrl: string;
}

export type MappingField = keyof MappingDraft;
/** The form's fields in the order they are shown: the first with a problem takes the focus. */
export const MAPPING_FIELDS: readonly MappingField[] = ['targetId', 'relationship', 'rationale', 'strength', 'note', 'provenanceSource', 'provenanceUrl'];
export type MappingProblems = Partial<Record<MappingField, string>>;

export const emptyMappingDraft = (relationship: Relationship = 'intersects_with'): MappingDraft => ({
  targetId: '',
  relationship,
  rationale: 'semantic',
  strength: String(defaultStrength(relationship)),
  note: '',
  provenanceSource: '',
  provenanceUrl: '',
});

/** A new relationship brings its default strength, unless the person has typed one of their own. */
export function withRelationship(d: MappingDraft, relationship: Relationship): MappingDraft {
  const untouched = d.strength.trim() === '' || d.strength.trim() === String(defaultStrength(d.relationship));
  return { ...d, relationship, strength: untouched ? String(defaultStrength(relationship)) : d.strength };
}

/** A mapping already on the page, seen from this requirement. */
export interface MappedPair {
  otherId: string;
  direction: 'outgoing' | 'incoming';
  mapping: { id: string; status: string; origin: string; provenance: { author: string } };
}

/** The mapping that already joins this requirement and `targetId`, either way round (one direction per pair is kept). */
export const existingPair = <T extends MappedPair>(mapped: readonly T[], targetId: string): T | undefined => mapped.find((m) => m.otherId === targetId);

export const alreadyMappedMessage = (m: MappedPair) =>
  `already mapped: ${m.mapping.id} is ${m.mapping.status} (${m.mapping.origin}, by ${m.mapping.provenance.author})${m.direction === 'incoming' ? ', stated from the other end' : ''}. Review it rather than map the pair again.`;

const WEB_URL = /^https?:\/\/[^\s/?#]+\.?[^\s]*$/i;

/** A message per field that is wrong, in the form's order; empty when the draft can be sent. */
export function validateMappingDraft(d: MappingDraft, { sourceId, mapped = [] }: { sourceId: string; mapped?: readonly MappedPair[] }): MappingProblems {
  const problems: MappingProblems = {};
  const targetId = d.targetId.trim();
  const existing = targetId ? existingPair(mapped, targetId) : undefined;
  if (!targetId) problems.targetId = 'choose the requirement to map to: search for it and pick it from the list';
  else if (targetId === sourceId) problems.targetId = 'a requirement cannot be mapped to itself: choose another';
  else if (existing) problems.targetId = alreadyMappedMessage(existing);
  if (!(MAPPING_RELATIONSHIPS as readonly string[]).includes(d.relationship))
    problems.relationship = `invalid relationship "${d.relationship}" (expected: ${MAPPING_RELATIONSHIPS.join(', ')})`;
  if (!(RATIONALES as readonly string[]).includes(d.rationale)) problems.rationale = `invalid rationale "${d.rationale}" (expected: ${RATIONALES.join(', ')})`;
  const strength = d.strength.trim();
  const n = Number(strength);
  if (!strength || !Number.isInteger(n) || n < 0 || n > 10) problems.strength = `strength is a whole number from 0 to 10${strength ? `, got "${strength}"` : ''}`;
  const note = d.note.trim();
  if (!note) problems.note = 'say why the two relate, in your own words: the reviewer decides on it';
  else if (note.length > 4000) problems.note = `a note is at most 4,000 characters (this one has ${note.length.toLocaleString('en')})`;
  if (d.provenanceSource.trim().length > 500) problems.provenanceSource = 'a source name is at most 500 characters';
  const url = d.provenanceUrl.trim();
  if (url && !WEB_URL.test(url)) problems.provenanceUrl = `the source URL must be an http(s) address such as "https://…", got "${url}"`;
  else if (url.length > 2000) problems.provenanceUrl = 'a URL is at most 2,000 characters';
  return problems;
}

/** The createMapping input (empty optional fields left out). */
export function toMappingInput(sourceId: string, d: MappingDraft) {
  const source = d.provenanceSource.trim();
  const url = d.provenanceUrl.trim();
  return {
    sourceId,
    targetId: d.targetId.trim(),
    relationship: d.relationship,
    rationale: d.rationale as Rationale,
    strength: Number(d.strength.trim()),
    note: d.note.trim(),
    ...(source ? { provenanceSource: source } : {}),
    ...(url ? { provenanceUrl: url } : {}),
  };
}

/**
 * Where a refusal from the service belongs on the form: a pair already mapped (CONFLICT) or an unknown requirement
 * (NOT_FOUND) on the target; "field: message" parts of a BAD_USER_INPUT on their fields. Null when it names no field.
 */
export function locateServerError(error: { code?: string; message: string }): MappingProblems | null {
  if (error.code === 'CONFLICT') {
    // createMapping says: the pair is already mapped ("<id>", <status>, by <author>); review it (…) to change it
    const m = /already mapped \("(.+?)", (\w+), by (.+?)\)/.exec(error.message);
    return { targetId: m ? `already mapped: ${m[1]} is ${m[2]} (by ${m[3]}). Review it rather than map the pair again.` : `already mapped: ${error.message}` };
  }
  if (error.code === 'NOT_FOUND') return { targetId: error.message };
  if (error.code !== 'BAD_USER_INPUT') return null;
  const problems: MappingProblems = {};
  for (const part of error.message.split('; ')) {
    const m = /^(?:input\.)?(\w+): (.*)$/s.exec(part);
    const field = m?.[1] === 'sourceId' ? undefined : (m?.[1] as MappingField | undefined);
    if (field && (MAPPING_FIELDS as readonly string[]).includes(field)) problems[field] ??= m![2]!;
    else return null;
  }
  return Object.keys(problems).length ? problems : null;
}

/** The review queue, showing people's proposals with this one selected (when it is on the queue's first page). */
/** The review queue on one mapping: narrowed to the mappings of its requirement, so the mapping is on the first page. */
export const reviewHref = (mappingId: string, { origin = 'user', requirementId }: { origin?: string; requirementId?: string } = {}) =>
  formatRoute({ view: 'review', params: { origin, ...(requirementId ? { req: requirementId } : {}), id: mappingId } });

/** An id for a row of the requirement page's mapping list, safe in a URL fragment. */
export const mappingAnchor = (mappingId: string) => `mapping-${mappingId.replace(/[^A-Za-z0-9_.:-]+/g, '_')}`;
