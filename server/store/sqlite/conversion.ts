import type { Framework } from '../../domain/schemas/framework.js';
import type { HarmonizedClause } from '../../domain/schemas/harmonizedClause.js';
import type { Mapping, NoCounterpart, Provenance } from '../../domain/schemas/mapping.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import type { ReviewDecision } from '../types.js';

/** Row shapes, snake_case as in the tables. NULL columns become absent properties, never `null`. */
export interface DbFrameworkRow {
  id: string; name: string; edition: string; publisher: string; url: string | null; licence: string;
  description: string | null; family: string | null; ord: number; short_name: string | null;
}
export interface DbRequirementRow {
  id: string; framework_id: string; ref: string; kind: string; title: string; summary: string | null;
  parent_id: string | null; ord: number; tags: string;
}
interface DbProvenanceColumns {
  prov_source: string; prov_url: string | null; prov_author: string; prov_reviewer: string | null;
  prov_created: string; prov_reviewed: string | null;
}
export interface DbMappingRow extends DbProvenanceColumns {
  id: string; source: string; target: string; source_fw: string; target_fw: string; relationship: string;
  rationale: string; strength: number; method: string; status: string; origin: string; note: string | null;
  review_note: string | null;
  /** JSON of Mapping['alsoStatedBy']. */
  also_stated_by: string | null;
}
export interface DbNoCounterpartRow extends DbProvenanceColumns {
  requirement_id: string; other_framework_id: string; note: string; status: string; origin: string;
}
export interface DbReviewRow {
  seq: number; mapping_id: string; status: string; reviewer: string; at: string; note: string | null; edits: string | null; replaced: string | null;
}

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const toFramework = (r: DbFrameworkRow): Framework =>
  defined({ id: r.id, name: r.name, edition: r.edition, publisher: r.publisher, url: opt(r.url), licence: r.licence, description: opt(r.description), family: opt(r.family), shortName: opt(r.short_name) });

export const fromFramework = (f: Framework, ord: number): DbFrameworkRow => ({
  id: f.id, name: f.name, edition: f.edition, publisher: f.publisher, url: f.url ?? null, licence: f.licence,
  description: f.description ?? null, family: f.family ?? null, ord, short_name: f.shortName ?? null,
});

export const toRequirement = (r: DbRequirementRow): Requirement =>
  defined({
    id: r.id, frameworkId: r.framework_id, ref: r.ref, kind: r.kind, title: r.title, summary: opt(r.summary),
    parentId: opt(r.parent_id), order: r.ord, tags: JSON.parse(r.tags) as string[],
  });

export const fromRequirement = (r: Requirement): DbRequirementRow => ({
  id: r.id, framework_id: r.frameworkId, ref: r.ref, kind: r.kind, title: r.title, summary: r.summary ?? null,
  parent_id: r.parentId ?? null, ord: r.order, tags: JSON.stringify(r.tags),
});

const toProvenance = (r: DbProvenanceColumns): Provenance =>
  defined({ source: r.prov_source, url: opt(r.prov_url), author: r.prov_author, reviewer: opt(r.prov_reviewer), created: r.prov_created, reviewed: opt(r.prov_reviewed) });

const fromProvenance = (p: Provenance): DbProvenanceColumns => ({
  prov_source: p.source, prov_url: p.url ?? null, prov_author: p.author, prov_reviewer: p.reviewer ?? null,
  prov_created: p.created, prov_reviewed: p.reviewed ?? null,
});

export const toMapping = (r: DbMappingRow): Mapping =>
  defined({
    id: r.id, source: r.source, target: r.target, relationship: r.relationship as Mapping['relationship'],
    rationale: r.rationale as Mapping['rationale'], strength: r.strength, method: r.method as Mapping['method'],
    status: r.status as Mapping['status'], origin: r.origin as Mapping['origin'], provenance: toProvenance(r),
    note: opt(r.note), reviewNote: opt(r.review_note), alsoStatedBy: r.also_stated_by ? (JSON.parse(r.also_stated_by) as Mapping['alsoStatedBy']) : undefined,
  });

export const fromMapping = (m: Mapping): DbMappingRow => ({
  id: m.id, source: m.source, target: m.target, source_fw: m.source.slice(0, m.source.indexOf(':')),
  target_fw: m.target.slice(0, m.target.indexOf(':')), relationship: m.relationship, rationale: m.rationale,
  strength: m.strength, method: m.method, status: m.status, origin: m.origin, note: m.note ?? null,
  review_note: m.reviewNote ?? null, ...fromProvenance(m.provenance),
  also_stated_by: m.alsoStatedBy?.length ? JSON.stringify(m.alsoStatedBy) : null,
});

export const toNoCounterpart = (r: DbNoCounterpartRow): NoCounterpart => ({
  requirementId: r.requirement_id, otherFrameworkId: r.other_framework_id, note: r.note,
  status: r.status as NoCounterpart['status'], origin: r.origin as NoCounterpart['origin'], provenance: toProvenance(r),
});

export const fromNoCounterpart = (n: NoCounterpart): DbNoCounterpartRow => ({
  requirement_id: n.requirementId, other_framework_id: n.otherFrameworkId, note: n.note, status: n.status,
  origin: n.origin, ...fromProvenance(n.provenance),
});

export const toReview = (r: DbReviewRow): ReviewDecision =>
  defined({
    mappingId: r.mapping_id, status: r.status as ReviewDecision['status'], reviewer: r.reviewer, at: r.at,
    note: opt(r.note), edits: r.edits ? (JSON.parse(r.edits) as ReviewDecision['edits']) : undefined,
    replaced: r.replaced ? (JSON.parse(r.replaced) as ReviewDecision['replaced']) : undefined,
  });

export const toHarmonizedClause = (r: { id: string; title: string; summary: string; ord: number; members: string }): HarmonizedClause => ({
  id: r.id, title: r.title, summary: r.summary, order: r.ord, requirementIds: r.members ? (JSON.parse(r.members) as string[]) : [],
});
