import { randomLcg } from 'd3';
import { RELATIONSHIPS } from './types.js';
import type { FrameworkInfo, GraphMapping, GraphRequirement } from './types.js';

export interface SyntheticOptions {
  nodes?: number;
  frameworks?: number;
  /** Average mappings per requirement. */
  edgesPerNode?: number;
  seed?: number;
}

/**
 * A seeded stand-in for a large crosswalk (benchmarks and the /lab page): requirements spread over frameworks,
 * each mapped to a few others, mostly within a neighbourhood of ids so the graph has structure to lay out.
 */
export function syntheticGraph({ nodes = 5000, frameworks = 8, edgesPerNode = 1.5, seed = 1 }: SyntheticOptions = {}) {
  const random = randomLcg(seed);
  const fws: FrameworkInfo[] = Array.from({ length: frameworks }, (_, i) => ({ id: `synthetic-${i + 1}`, name: `Synthetic framework ${i + 1}`, edition: '1', family: `synthetic-${i + 1}` }));
  const requirements: GraphRequirement[] = Array.from({ length: nodes }, (_, i) => {
    const f = fws[i % frameworks]!;
    return { id: `${f.id}:R${i}`, frameworkId: f.id, ref: `R${i}`, title: `Synthetic requirement ${i}` };
  });
  const relationships = RELATIONSHIPS.filter((r) => r !== 'no_relationship');
  const mappings: GraphMapping[] = [];
  const seen = new Set<string>();
  const total = Math.round(nodes * edgesPerNode);
  for (let k = 0; nodes > 1 && mappings.length < total && k < total * 4; k++) {
    const i = k < nodes - 1 ? k + 1 : Math.floor(random() * nodes);
    const span = Math.max(2, Math.floor(random() * 60));
    const j = Math.max(0, Math.min(nodes - 1, i - 1 - Math.floor(random() * span)));
    if (i === j) continue;
    const a = requirements[Math.min(i, j)]!;
    const b = requirements[Math.max(i, j)]!;
    const id = `${a.id} -> ${b.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    mappings.push({
      id,
      sourceId: a.id,
      targetId: b.id,
      relationship: relationships[Math.floor(random() * relationships.length)]!,
      strength: 1 + Math.floor(random() * 10),
      status: random() < 0.9 ? 'approved' : 'proposed',
    });
  }
  return { frameworks: fws, requirements, mappings };
}
