import { frameworkCitation } from '../../../server/domain/citation.js';
import type { Relationship } from '../graph/types.js';

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  equal_to: 'equal to',
  equivalent_to: 'equivalent to',
  subset_of: 'subset of',
  superset_of: 'superset of',
  intersects_with: 'intersects with',
  no_relationship: 'no relationship',
};

export const relationshipLabel = (r: string) => RELATIONSHIP_LABELS[r as Relationship] ?? r.replace(/_/g, ' ');

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The "ISO/IEC 42001:2023 6.1.4" form used in graph labels and lists. */
export function requirementLabel(r: { ref: string; frameworkId: string }, frameworks?: Map<string, { name: string; edition: string }>): string {
  const f = frameworks?.get(r.frameworkId);
  return f ? `${frameworkCitation(f)} ${r.ref}` : `${r.frameworkId} ${r.ref}`;
}

/**
 * Server-written sentences name frameworks and requirements by id ("no counterpart in iso27001-2022",
 * "iso27001-2022:6.1 → …"); this puts the names people know in their place ("ISO/IEC 27001:2022 6.1").
 */
export function humanizeIds(text: string, frameworks: Map<string, { name: string; edition: string }>): string {
  const ids = [...frameworks.keys()].sort((a, b) => b.length - a.length);
  if (!ids.length) return text;
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w-])(${escaped.join('|')})(?::([^\\s,;\\]]+))?(?![\\w-])`, 'g');
  return text.replace(pattern, (_, id: string, ref?: string) => {
    const f = frameworks.get(id)!;
    return ref ? `${frameworkCitation(f)} ${ref}` : frameworkCitation(f);
  });
}
