import { describe, expect, it } from 'vitest';
import { attachRestatements } from '../../server/content/restatements.js';
import { emptyBundle } from '../../server/domain/schemas/content.js';
import type { Mapping, SourceStatement } from '../../server/domain/schemas/mapping.js';

const provenance = (source: string) => ({ source, author: 'someone', created: '2026-01-01' });
const mapping = (source: string, target: string, relationship: Mapping['relationship']): Mapping => ({
  id: `${source}>${target}`, source, target, relationship, strength: 7, rationale: 'semantic', method: 'human', status: 'approved', origin: 'reference', provenance: provenance('First'),
});
const statement = (relationship: SourceStatement['relationship'], source = 'Second'): SourceStatement => ({ relationship, strength: 5, provenance: provenance(source) });
const at = (line: number) => ({ file: 'second.yaml', line });

describe('attachRestatements', () => {
  it('attaches further sources to the mapping of their pair, turning the relationship round when the mapping runs the other way', () => {
    const bundle = emptyBundle();
    const forward = mapping('a:1', 'b:1', 'subset-of');
    const other = mapping('a:2', 'b:2', 'intersects-with');
    bundle.mappings.push(forward, other);
    const locations = new Map<object, { file: string; line?: number }>([[forward, { file: 'first.yaml', line: 7 }]]);
    const problems = attachRestatements(bundle, [
      { source: 'a:1', target: 'b:1', statement: statement('subset-of'), at: at(3) },
      { source: 'b:1', target: 'a:1', statement: statement('superset-of', 'Third'), at: at(4) },
      // The same source stated twice for one pair is kept once.
      { source: 'a:1', target: 'b:1', statement: statement('subset-of'), at: at(5) },
    ], locations);
    expect(problems).toEqual([]);
    expect(bundle.mappings[0]!.alsoStatedBy).toEqual([statement('subset-of'), statement('subset-of', 'Third')]);
    expect(bundle.mappings[1]).toBe(other);
    // The parsed object is left as it was (it is cached and shared); the new one keeps its place for messages.
    expect(forward.alsoStatedBy).toBeUndefined();
    expect(locations.get(bundle.mappings[0]!)).toEqual({ file: 'first.yaml', line: 7 });
  });

  it('reports once per file, at the first line, further sources whose pair no mapping holds, and loads nothing for them', () => {
    const bundle = emptyBundle();
    bundle.mappings.push(mapping('a:1', 'b:1', 'equal-to'));
    const unheld = ['a:9', 'a:8', 'a:7', 'a:6'].map((source, i) => ({ source, target: 'b:1', statement: statement('equal-to'), at: at(12 + i) }));
    const problems = attachRestatements(bundle, unheld, new Map());
    expect(problems).toEqual([
      { file: 'second.yaml', line: 12, severity: 'warning', message: '4 further source(s) of a mapping name a pair that no mapping holds, so they were not loaded (a:9 → b:1; a:8 → b:1; a:7 → b:1; and 1 more); import the crosswalk again to bring these pairs in as mappings' },
    ]);
    expect(bundle.mappings[0]!.alsoStatedBy).toBeUndefined();
  });
});
