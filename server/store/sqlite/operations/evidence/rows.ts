import type { Evidence, EvidenceLink } from '../../../../domain/schemas/evidence.js';
import type { OrgControl } from '../../../../domain/schemas/orgControl.js';
import type { SoaEntry } from '../../../../domain/schemas/soa.js';

/** Row shapes of migrations/0003_evidence.sql; NULL columns become absent properties. */
export interface DbEvidenceRow {
  id: string; title: string; type: string; owner: string; location_uri: string; collected: string; expires: string | null;
  scope: string; description: string;
}
export interface DbEvidenceLinkRow { evidence_id: string; target_kind: 'requirement' | 'org-control'; target_id: string; note: string | null }
export interface DbOrgControlRow { id: string; title: string; description: string; origin: string; created_at: string; updated_at: string; ord: number }
export interface DbSoaEntryRow {
  framework_id: string; requirement_id: string; applicable: number; justification: string; implementation_status: string; updated_at: string | null;
}

export const toEvidence = (r: DbEvidenceRow): Evidence => ({
  id: r.id, title: r.title, type: r.type as Evidence['type'], owner: r.owner, locationUri: r.location_uri, collected: r.collected,
  ...(r.expires ? { expires: r.expires } : {}), scope: JSON.parse(r.scope) as string[], description: r.description,
});

export const fromEvidence = (e: Evidence): DbEvidenceRow => ({
  id: e.id, title: e.title, type: e.type, owner: e.owner, location_uri: e.locationUri, collected: e.collected, expires: e.expires ?? null,
  scope: JSON.stringify(e.scope), description: e.description,
});

export const toEvidenceLink = (r: DbEvidenceLinkRow): EvidenceLink =>
  r.target_kind === 'requirement'
    ? { kind: 'requirement', evidenceId: r.evidence_id, requirementId: r.target_id, ...(r.note !== null ? { note: r.note } : {}) }
    : { kind: 'org-control', evidenceId: r.evidence_id, orgControlId: r.target_id, ...(r.note !== null ? { note: r.note } : {}) };

export const fromEvidenceLink = (l: EvidenceLink): DbEvidenceLinkRow => ({
  evidence_id: l.evidenceId, target_kind: l.kind, target_id: l.kind === 'requirement' ? l.requirementId : l.orgControlId, note: l.note ?? null,
});

export const toOrgControl = (r: DbOrgControlRow, requirementIds: string[]): OrgControl => ({
  id: r.id, title: r.title, description: r.description, requirementIds, origin: r.origin as OrgControl['origin'], createdAt: r.created_at, updatedAt: r.updated_at,
});

export const toSoaEntry = (r: DbSoaEntryRow): SoaEntry => ({
  frameworkId: r.framework_id, requirementId: r.requirement_id, applicable: r.applicable === 1, justification: r.justification,
  implementationStatus: r.implementation_status as SoaEntry['implementationStatus'], ...(r.updated_at ? { updatedAt: r.updated_at } : {}),
});

export const fromSoaEntry = (e: SoaEntry): DbSoaEntryRow => ({
  framework_id: e.frameworkId, requirement_id: e.requirementId, applicable: e.applicable ? 1 : 0, justification: e.justification,
  implementation_status: e.implementationStatus, updated_at: e.updatedAt ?? null,
});
