import { mappingId } from '../../../server/domain/ids.js';
import type { ContentBundle } from '../../../server/domain/schemas/content.js';
import { EvidenceSchema, type Evidence, type EvidenceInput } from '../../../server/domain/schemas/evidence.js';
import type { Mapping, Relationship } from '../../../server/domain/schemas/mapping.js';
import type { Requirement } from '../../../server/domain/schemas/requirement.js';

const provenance = { source: 'Algebra fixture', author: 'tests', created: '2026-01-01' };

/** Requirements of one framework from refs; "a.b" is a child of "a" when "a" is listed. */
export function framework(frameworkId: string, refs: string[], { informative = [] as string[] } = {}): Requirement[] {
  return refs.map((ref, order) => {
    const parentRef = ref.includes('.') ? ref.slice(0, ref.lastIndexOf('.')) : undefined;
    return {
      id: `${frameworkId}:${ref}`, frameworkId, ref, kind: 'clause', title: `Title ${ref}`, order, tags: informative.includes(ref) ? ['informative'] : [],
      ...(parentRef && refs.includes(parentRef) ? { parentId: `${frameworkId}:${parentRef}` } : {}),
    };
  });
}

export const map = (source: string, relationship: Relationship, target: string, extra: Partial<Mapping> = {}): Mapping => ({
  id: mappingId(source, target), source, target, relationship, rationale: 'semantic', strength: relationship === 'intersects-with' ? 4 : 8,
  method: 'human', status: 'approved', origin: 'reference', provenance, note: `${source} ${relationship} ${target}`, ...extra,
});

export const bundleOf = (requirements: Requirement[], mappings: Mapping[], noCounterparts: ContentBundle['noCounterparts'] = []): ContentBundle => ({
  frameworks: [...new Set(requirements.map((r) => r.frameworkId))].map((id) => ({ id, name: id, edition: '1', publisher: 'Tests', licence: 'test' })),
  requirements, mappings, noCounterparts, harmonizedClauses: [],
});

export const noCounterpart = (requirementId: string, otherFrameworkId: string, note = 'Reviewed: nothing there.') => ({
  requirementId, otherFrameworkId, note, status: 'approved' as const, origin: 'reference' as const, provenance,
});

export const evidence = (id: string, extra: Partial<EvidenceInput> = {}): Evidence =>
  EvidenceSchema.parse({ id, title: `Evidence ${id}`, type: 'record', owner: 'GRC', locationUri: `https://docs.example.org/${id}`, collected: '2026-01-01', ...extra });
