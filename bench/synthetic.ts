import { mappingId } from '../server/domain/ids.js';
import { RATIONALES, RELATIONSHIPS, STATUSES } from '../server/domain/schemas/mapping.js';
import type { ContentBundle } from '../server/domain/schemas/content.js';
import type { Mapping } from '../server/domain/schemas/mapping.js';
import type { Requirement } from '../server/domain/schemas/requirement.js';

/** Small seeded PRNG so every run builds the same graph. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['risk', 'policy', 'data', 'access', 'logging', 'supplier', 'incident', 'model', 'privacy', 'quality', 'audit', 'training',
  'monitoring', 'impact', 'assessment', 'documentation', 'transparency', 'security', 'governance', 'competence', 'change', 'asset'];

export interface SyntheticOptions {
  frameworks: number;
  requirementsPerFramework: number;
  mappings: number;
  seed?: number;
}

/**
 * A meta-framework-like graph: many frameworks with a two-level hierarchy and random cross-framework
 * mappings (no duplicate pairs, no pair in both directions), for benchmarks and interrupted-load tests.
 */
export function syntheticBundle({ frameworks, requirementsPerFramework, mappings, seed = 42 }: SyntheticOptions): ContentBundle {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const bundle: ContentBundle = { frameworks: [], requirements: [], mappings: [], noCounterparts: [], harmonizedClauses: [] };
  for (let f = 0; f < frameworks; f++) {
    const id = `synthetic-${f}`;
    bundle.frameworks.push({ id, name: `Synthetic framework ${f}`, edition: '1', publisher: 'Crosswalk benchmarks', licence: 'synthetic' });
    for (let r = 0; r < requirementsPerFramework; r++) {
      const isGroup = r % 10 === 0;
      const requirement: Requirement = {
        id: `${id}:R-${r}`, frameworkId: id, ref: `R-${r}`, kind: isGroup ? 'category' : 'control',
        title: `${pick(WORDS)} ${pick(WORDS)} ${r}`, summary: `Synthetic requirement about ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}.`,
        order: r, tags: ['synthetic'], ...(isGroup ? {} : { parentId: `${id}:R-${r - (r % 10)}` }),
      };
      bundle.requirements.push(requirement);
    }
  }
  const seen = new Set<string>();
  const total = bundle.requirements.length;
  const provenance = { source: 'Synthetic benchmark data', author: 'bench', created: '2026-01-01' };
  while (bundle.mappings.length < mappings) {
    const a = Math.floor(random() * total);
    const b = Math.floor(random() * total);
    const source = bundle.requirements[a]!;
    const target = bundle.requirements[b]!;
    if (source.frameworkId === target.frameworkId) continue;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const relationship = pick(RELATIONSHIPS.filter((r) => r !== 'no-relationship'));
    const mapping: Mapping = {
      id: mappingId(source.id, target.id), source: source.id, target: target.id, relationship, rationale: pick(RATIONALES),
      strength: 1 + Math.floor(random() * 10), method: 'human', status: random() < 0.8 ? 'approved' : pick(STATUSES), origin: 'reference', provenance,
    };
    bundle.mappings.push(mapping);
  }
  return bundle;
}
