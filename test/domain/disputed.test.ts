import { describe, expect, it } from 'vitest';
import { differingSources } from '../../server/domain/disputed.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';

const provenance = (source: string) => ({ source, author: 'someone', created: '2026-01-01' });
const mapping = (source: string, target: string, alsoStatedBy?: Mapping['alsoStatedBy']): Mapping => ({
  id: `${source} -> ${target}`, source, target, relationship: 'intersects-with', strength: 5, rationale: 'semantic', method: 'human', status: 'approved', origin: 'reference', provenance: provenance('First'),
  ...(alsoStatedBy ? { alsoStatedBy } : {}),
});

describe('differingSources', () => {
  it('gives only the further sources that state another relationship than the mapping', () => {
    const agreeing = { relationship: 'intersects-with' as const, provenance: provenance('Agrees') };
    const differing = { relationship: 'subset-of' as const, strength: 6, provenance: provenance('Differs') };
    expect(differingSources(mapping('a:1', 'b:1', [agreeing, differing]))).toEqual([differing]);
    expect(differingSources(mapping('a:2', 'b:2', [agreeing]))).toEqual([]);
    expect(differingSources(mapping('a:3', 'b:3'))).toEqual([]);
  });
});

