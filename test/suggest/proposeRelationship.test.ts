import { describe, expect, it } from 'vitest';
import type { GraphEvidence } from '../../server/suggest/graphSignals.js';
import { composePath, composeRelationships, proposedStrength, proposeRelationship } from '../../server/suggest/proposeRelationship.js';

const side = (title: string, summary = '', hasChildren = false) => ({ title, summary, hasChildren });
const path = (weight: number, ...relationships: Array<'equivalent-to' | 'subset-of' | 'superset-of' | 'intersects-with' | 'equal-to'>): GraphEvidence => ({
  kind: 'path',
  weight,
  steps: relationships.map((relationship, i) => ({ from: `x-1:${i}`, to: `x-1:${i + 1}`, relationship, strength: 8, reviewed: true })),
});

describe('proposed relationship', () => {
  it('composes relationships along a path', () => {
    expect(composeRelationships('equivalent-to', 'subset-of')).toBe('subset-of');
    expect(composeRelationships('superset-of', 'equal-to')).toBe('superset-of');
    expect(composeRelationships('subset-of', 'subset-of')).toBe('subset-of');
    expect(composeRelationships('subset-of', 'superset-of')).toBe('intersects-with');
    expect(composeRelationships('equal-to', 'equal-to')).toBe('equal-to');
    expect(composeRelationships('equal-to', 'equivalent-to')).toBe('equivalent-to');
    const long = path(1, 'equivalent-to', 'equivalent-to', 'superset-of');
    expect(long.kind === 'path' && composePath(long.steps)).toBe('superset-of');
  });

  it('a shared harmonized concept means the same process for another management system: intersects-with', () => {
    const p = proposeRelationship(side('Internal audit'), side('Internal audit programme'), [{ kind: 'harmonized', conceptId: 'hs:internal-audit', conceptTitle: 'Internal audit', weight: 0.9 }]);
    expect(p).toEqual({ relationship: 'intersects-with', rationale: 'functional', reason: 'both realise the harmonized-structure concept "Internal audit", each for its own management system' });
    const editions = proposeRelationship(side('Internal audit'), side('Internal audit programme'), [{ kind: 'harmonized', conceptId: 'hs:internal-audit', conceptTitle: 'Internal audit', weight: 0.9 }], { sameStandard: true });
    expect(editions).toMatchObject({ relationship: 'equivalent-to', reason: 'the harmonized-structure concept "Internal audit" in another edition of the standard' });
  });

  it('a strong path decides; a weak one does not', () => {
    expect(proposeRelationship(side('A'), side('B'), [path(0.6, 'equivalent-to', 'subset-of')]).relationship).toBe('subset-of');
    expect(proposeRelationship(side('A'), side('B'), [path(0.6, 'equivalent-to', 'equivalent-to')])).toMatchObject({ relationship: 'equivalent-to', reason: 'both are mapped as equivalent to x-1:1' });
    expect(proposeRelationship(side('Alpha'), side('Beta'), [path(0.1, 'equivalent-to', 'equivalent-to')]).relationship).toBe('intersects-with');
  });

  it('same title, headings and word coverage', () => {
    expect(proposeRelationship(side('AI policy', 'Write it down'), side('AI Policy', 'write it down')).relationship).toBe('equal-to');
    expect(proposeRelationship(side('Competence', 'one'), side('Competence', 'two'))).toMatchObject({ relationship: 'intersects-with', rationale: 'syntactic', reason: 'same title: the same topic, which each framework asks about for its own subject' });
    expect(proposeRelationship(side('AI policy', 'one'), side('AI policy', 'two'), [], { sameStandard: true })).toMatchObject({ relationship: 'equivalent-to', rationale: 'syntactic' });
    expect(proposeRelationship(side('Support', '', true), side('Competence')).relationship).toBe('superset-of');
    expect(proposeRelationship(side('Competence'), side('Support', '', true)).relationship).toBe('subset-of');
    expect(proposeRelationship(side('Supplier risk'), side('Supplier risk assessment', 'contracts, monitoring, audits and exit plans')).relationship).toBe('subset-of');
    expect(proposeRelationship(side('Logging', 'Keep event logs'), side('Monitoring', 'Watch networks')).relationship).toBe('intersects-with');
  });

  it('proposed strength stays below the top of the scale', () => {
    expect(proposedStrength('equivalent-to', 1)).toBe(8);
    expect(proposedStrength('intersects-with', 0.5)).toBe(3);
    expect(proposedStrength('intersects-with', 0)).toBe(1);
  });
});
