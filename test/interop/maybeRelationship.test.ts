import { describe, expect, it } from 'vitest';
import { InputError } from '../../server/domain/errors.js';
import { attempt, defaultStrength, maybeMethod, maybeRationale, maybeRelationship, maybeStatus, maybeStrength, slugify } from '../../server/interop/maybeRelationship.js';

describe('maybeRelationship', () => {
  it('maps OSCAL names and the loose forms other tools write to the canonical relationship', () => {
    const cases: Array<[string, string]> = [
      ['equal', 'equal-to'], ['Equal To', 'equal-to'], ['equivalent', 'equivalent-to'], ['subset', 'subset-of'], ['Subset Of', 'subset-of'],
      ['superset', 'superset-of'], ['superset_of', 'superset-of'], ['intersects', 'intersects-with'], ['intersect', 'intersects-with'],
      ['intersects with', 'intersects-with'], ['no relationship', 'no-relationship'], ['not_related', 'no-relationship'],
      ['not related to', 'no-relationship'], [' no-relationship ', 'no-relationship'],
    ];
    for (const [input, expected] of cases) expect([input, maybeRelationship(input)]).toEqual([input, expected]);
  });

  it('rejects anything else with a message that lists the allowed values', () => {
    expect(() => maybeRelationship('equivalnt')).toThrow(InputError);
    expect(() => maybeRelationship('equivalnt')).toThrow(
      'invalid relationship: "equivalnt" (expected: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)',
    );
    expect(() => maybeRelationship(undefined)).toThrow('invalid relationship: ""');
    expect(attempt(() => maybeRelationship(42))).toEqual({ error: expect.stringContaining('invalid relationship: 42') });
  });

  it('normalises rationale, method and status, and names the field in errors', () => {
    expect(maybeRationale(' Semantic ')).toBe('semantic');
    expect(maybeMethod('Automated')).toBe('automation');
    expect(maybeMethod('manual')).toBe('human');
    expect(maybeStatus('APPROVED')).toBe('approved');
    expect(() => maybeStatus('accepted')).toThrow('invalid status: "accepted" (expected: proposed, approved, rejected)');
    expect(() => maybeRationale('logical')).toThrow('invalid rationale: "logical" (expected: syntactic, semantic, functional)');
  });

  it('reads strengths 0–10, leaves blanks undefined and rejects the rest', () => {
    expect(maybeStrength('7')).toBe(7);
    expect(maybeStrength(0)).toBe(0);
    expect(maybeStrength(' ')).toBeUndefined();
    for (const bad of ['11', '-1', '4.5', 'high', 10.5]) expect(() => maybeStrength(bad)).toThrow('expected an integer from 0 to 10');
    expect([defaultStrength('equal-to'), defaultStrength('equivalent-to'), defaultStrength('subset-of'), defaultStrength('no-relationship')]).toEqual([10, 10, 5, 0]);
  });

  it('slugifies names into framework ids', () => {
    expect(slugify('AI Act')).toBe('ai-act');
    expect(slugify('ISO/IEC 27001:2022')).toBe('iso-iec-27001-2022');
    expect(slugify('CSF_2_0_0')).toBe('csf-2-0-0');
    expect(slugify('Réglement général')).toBe('reglement-general');
  });
});
