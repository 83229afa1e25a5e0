import { describe, expect, it } from 'vitest';
import { MappingInputSchema } from '../../server/api/graphql/args.js';
import { RATIONALES as SERVER_RATIONALES, RELATIONSHIPS as SERVER_RELATIONSHIPS, type Relationship as ServerRelationship } from '../../server/domain/schemas/mapping.js';
import { defaultStrength as serverDefaultStrength } from '../../server/interop/maybeRelationship.js';
import { RELATIONSHIPS } from '../../client/src/graph/types.js';
import {
  defaultStrength,
  emptyMappingDraft,
  locateServerError,
  MAPPING_FIELDS,
  MAPPING_RELATIONSHIPS,
  mappingAnchor,
  RATIONALES,
  reviewHref,
  toMappingInput,
  validateMappingDraft,
  withRelationship,
  type MappedPair,
  type MappingDraft,
} from '../../client/src/lib/mappingForm.js';

const SOURCE = 'iso42001-2023:A.6.2.8';
const TARGET = 'iso27001-2022:A.8.15';
const draft = (over: Partial<MappingDraft> = {}): MappingDraft => ({ ...emptyMappingDraft(), targetId: TARGET, note: 'Both ask for event logs.', ...over });
const pair = (over: Partial<MappedPair> = {}): MappedPair => ({
  otherId: TARGET,
  direction: 'outgoing',
  mapping: { id: `${SOURCE} -> ${TARGET}`, status: 'proposed', origin: 'user', provenance: { author: 'bob' } },
  ...over,
});

/** GraphQL hands the resolver its enum's internal values ("intersects-with"); the explorer sends the names. */
const serverAccepts = (input: ReturnType<typeof toMappingInput>) => MappingInputSchema.safeParse({ ...input, relationship: input.relationship.replace(/_/g, '-') }).success;

describe('the "Map to…" form', () => {
  it('offers the five NIST IR 8477 relationships and the domain rationales', () => {
    expect(MAPPING_RELATIONSHIPS).toEqual(['equal_to', 'equivalent_to', 'subset_of', 'superset_of', 'intersects_with']);
    expect([...RATIONALES]).toEqual([...SERVER_RATIONALES]);
  });

  it('suggests the strength the importers give when none is stated', () => {
    for (const r of RELATIONSHIPS) expect(defaultStrength(r), r).toBe(serverDefaultStrength(r.replace(/_/g, '-') as ServerRelationship));
    expect(RELATIONSHIPS.map((r) => r.replace(/_/g, '-'))).toEqual([...SERVER_RELATIONSHIPS]);
    expect(emptyMappingDraft('equal_to').strength).toBe('10');
  });

  it('moves the strength with the relationship until the analyst types their own', () => {
    const d = withRelationship(emptyMappingDraft('intersects_with'), 'equivalent_to');
    expect(d).toMatchObject({ relationship: 'equivalent_to', strength: '10' });
    expect(withRelationship(d, 'subset_of').strength).toBe('5');
    expect(withRelationship({ ...d, strength: '7' }, 'subset_of')).toMatchObject({ relationship: 'subset_of', strength: '7' });
    expect(withRelationship({ ...d, strength: '' }, 'subset_of').strength).toBe('5');
  });

  it('accepts a complete draft and sends what the server accepts, empty optional fields left out', () => {
    expect(validateMappingDraft(draft(), { sourceId: SOURCE })).toEqual({});
    const input = toMappingInput(SOURCE, draft({ strength: ' 6 ', note: '  Both ask for event logs. ', provenanceSource: ' ', provenanceUrl: '' }));
    expect(input).toEqual({ sourceId: SOURCE, targetId: TARGET, relationship: 'intersects_with', rationale: 'semantic', strength: 6, note: 'Both ask for event logs.' });
    expect(serverAccepts(input)).toBe(true);
    const full = toMappingInput(SOURCE, draft({ provenanceSource: 'Our 2026 gap study', provenanceUrl: 'https://example.org/study' }));
    expect(full).toMatchObject({ provenanceSource: 'Our 2026 gap study', provenanceUrl: 'https://example.org/study' });
    expect(serverAccepts(full)).toBe(true);
  });

  it('says what is wrong with each field, in the order the fields are shown', () => {
    const p = validateMappingDraft(
      { targetId: '', relationship: 'no_relationship', rationale: 'vibes', strength: '11', note: ' ', provenanceSource: 'x'.repeat(501), provenanceUrl: 'ftp://example.org/x' },
      { sourceId: SOURCE },
    );
    expect(Object.keys(p)).toEqual([...MAPPING_FIELDS]);
    expect(p).toEqual({
      targetId: expect.stringMatching(/^choose the requirement to map to/),
      relationship: expect.stringMatching(/^invalid relationship "no_relationship" \(expected: equal_to, /),
      rationale: 'invalid rationale "vibes" (expected: syntactic, semantic, functional)',
      strength: 'strength is a whole number from 0 to 10, got "11"',
      note: expect.stringMatching(/^say why the two relate/),
      provenanceSource: 'a source name is at most 500 characters',
      provenanceUrl: 'the source URL must be an http(s) address such as "https://…", got "ftp://example.org/x"',
    });
    expect(validateMappingDraft(draft({ strength: '2.5' }), { sourceId: SOURCE }).strength).toBe('strength is a whole number from 0 to 10, got "2.5"');
    expect(validateMappingDraft(draft({ strength: '' }), { sourceId: SOURCE }).strength).toBe('strength is a whole number from 0 to 10');
    expect(validateMappingDraft(draft({ strength: '0' }), { sourceId: SOURCE })).toEqual({});
    expect(validateMappingDraft(draft({ note: 'x'.repeat(4001) }), { sourceId: SOURCE }).note).toMatch(/at most 4,000 characters \(this one has 4,001\)/);
  });

  it('refuses a requirement mapped to itself, and a pair already mapped either way round', () => {
    expect(validateMappingDraft(draft({ targetId: SOURCE }), { sourceId: SOURCE }).targetId).toMatch(/cannot be mapped to itself/);
    expect(validateMappingDraft(draft(), { sourceId: SOURCE, mapped: [pair()] }).targetId).toBe(
      `already mapped: ${SOURCE} -> ${TARGET} is proposed (user, by bob). Review it rather than map the pair again.`,
    );
    const incoming = pair({ direction: 'incoming', mapping: { id: `${TARGET} -> ${SOURCE}`, status: 'approved', origin: 'reference', provenance: { author: 'Crosswalk' } } });
    expect(validateMappingDraft(draft(), { sourceId: SOURCE, mapped: [incoming] }).targetId).toMatch(/^already mapped: .* is approved \(reference, by Crosswalk\), stated from the other end\./);
    expect(validateMappingDraft(draft(), { sourceId: SOURCE, mapped: [pair({ otherId: 'iso27001-2022:A.5.1' })] })).toEqual({});
  });

  it('puts the service’s refusals on the field they concern', () => {
    expect(locateServerError({ code: 'CONFLICT', message: 'the pair is already mapped ("a:1 -> b:2", approved, by Crosswalk team); review it (reviewMapping, POST /api/mappings/:id/review) to change it' })).toEqual({
      targetId: 'already mapped: a:1 -> b:2 is approved (by Crosswalk team). Review it rather than map the pair again.',
    });
    expect(locateServerError({ code: 'CONFLICT', message: 'taken' })).toEqual({ targetId: 'already mapped: taken' });
    expect(locateServerError({ code: 'NOT_FOUND', message: 'unknown requirement "x:y"' })).toEqual({ targetId: 'unknown requirement "x:y"' });
    expect(locateServerError({ code: 'BAD_USER_INPUT', message: 'provenanceUrl: expected an http(s) URL; strength: Too big' })).toEqual({ provenanceUrl: 'expected an http(s) URL', strength: 'Too big' });
    // Nothing to point at: shown as the form's error instead.
    expect(locateServerError({ code: 'BAD_USER_INPUT', message: 'sourceId: unknown' })).toBeNull();
    expect(locateServerError({ code: 'FORBIDDEN', message: 'needs the analyst role' })).toBeNull();
    expect(locateServerError({ message: 'Unexpected error.' })).toBeNull();
  });

  it('links to the review queue and to a row of the mapping list', () => {
    expect(reviewHref(`${SOURCE} -> ${TARGET}`)).toBe('/review?origin=user&id=iso42001-2023%3AA.6.2.8+-%3E+iso27001-2022%3AA.8.15');
    // Narrowed to the requirement's mappings, so the mapping is on the first page however long the queue is.
    expect(reviewHref(`${SOURCE} -> ${TARGET}`, { origin: 'import', requirementId: SOURCE })).toBe(
      '/review?origin=import&req=iso42001-2023%3AA.6.2.8&id=iso42001-2023%3AA.6.2.8+-%3E+iso27001-2022%3AA.8.15',
    );
    expect(mappingAnchor(`${SOURCE} -> ${TARGET}`)).toBe('mapping-iso42001-2023:A.6.2.8_-_iso27001-2022:A.8.15');
  });
});
