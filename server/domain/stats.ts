import { differingSources } from './disputed.js';
import { frameworkOf } from './ids.js';
import type { ContentBundle } from './schemas/content.js';

export interface FrameworkStats {
  id: string;
  name: string;
  edition: string;
  total: number;
  counts: Record<string, number>;
}

export interface PairStats {
  source: string;
  target: string;
  total: number;
  byRelationship: Record<string, number>;
  byStatus: Record<string, number>;
  /** Mappings that another source also states, and those of them it states with another relationship. */
  alsoStated: number;
  disputed: number;
}

export interface ContentStats {
  frameworks: FrameworkStats[];
  mappings: PairStats[];
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Requirements by kind per framework, and mappings by relationship and status per framework pair (as stored). */
export function computeStats(bundle: Pick<ContentBundle, 'frameworks' | 'requirements' | 'mappings'>): ContentStats {
  const frameworks = new Map<string, FrameworkStats>(
    bundle.frameworks.map((f) => [f.id, { id: f.id, name: f.name, edition: f.edition, total: 0, counts: {} }]),
  );
  for (const requirement of bundle.requirements) {
    const stats = frameworks.get(requirement.frameworkId);
    if (!stats) continue;
    stats.total++;
    increment(stats.counts, requirement.kind);
  }
  const pairs = new Map<string, PairStats>();
  for (const mapping of bundle.mappings) {
    const source = frameworkOf(mapping.source);
    const target = frameworkOf(mapping.target);
    const key = `${source}\u0000${target}`;
    let stats = pairs.get(key);
    if (!stats) pairs.set(key, (stats = { source, target, total: 0, byRelationship: {}, byStatus: {}, alsoStated: 0, disputed: 0 }));
    stats.total++;
    increment(stats.byRelationship, mapping.relationship);
    increment(stats.byStatus, mapping.status);
    if (mapping.alsoStatedBy?.length) stats.alsoStated++;
    if (differingSources(mapping).length) stats.disputed++;
  }
  const byKey = <T extends { id?: string; source?: string; target?: string }>(a: T, b: T) =>
    `${a.id ?? a.source}\u0000${a.target ?? ''}`.localeCompare(`${b.id ?? b.source}\u0000${b.target ?? ''}`);
  return { frameworks: [...frameworks.values()].sort(byKey), mappings: [...pairs.values()].sort(byKey) };
}
