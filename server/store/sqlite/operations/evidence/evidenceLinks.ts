import type { Database } from 'better-sqlite3';
import type { EvidenceLink } from '../../../../domain/schemas/evidence.js';
import type { EvidenceLinkFilter, EvidenceLinkKey } from '../../../types.js';
import { requireEvidence, requireOrgControls, requireRequirements } from './checks.js';
import { fromEvidenceLink, toEvidenceLink, type DbEvidenceLinkRow } from './rows.js';

const UPSERT = `INSERT INTO evidence_links VALUES (@evidence_id, @target_kind, @target_id, @note)
  ON CONFLICT(evidence_id, target_kind, target_id) DO UPDATE SET note = excluded.note`;

/** Writes links after checking that every item, requirement and control exists. Runs inside the caller's transaction. */
export function writeEvidenceLinks({ db, links }: { db: Database; links: EvidenceLink[] }) {
  requireEvidence(db, links.map((l) => l.evidenceId));
  requireRequirements(db, links.flatMap((l) => (l.kind === 'requirement' ? [l.requirementId] : [])));
  requireOrgControls(db, links.flatMap((l) => (l.kind === 'org-control' ? [l.orgControlId] : [])));
  const upsert = db.prepare(UPSERT);
  for (const link of links) upsert.run(fromEvidenceLink(link));
}

export function deleteEvidenceLink({ db, key }: { db: Database; key: EvidenceLinkKey }): boolean {
  const target = key.kind === 'requirement' ? key.requirementId : key.orgControlId;
  return db.prepare('DELETE FROM evidence_links WHERE evidence_id = ? AND target_kind = ? AND target_id = ?').run(key.evidenceId, key.kind, target).changes > 0;
}

export function listEvidenceLinks({ db, filter = {} }: { db: Database; filter?: EvidenceLinkFilter }): EvidenceLink[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.evidenceId) where.push('evidence_id = ?') && params.push(filter.evidenceId);
  if (filter.requirementId) where.push(`target_kind = 'requirement' AND target_id = ?`) && params.push(filter.requirementId);
  if (filter.orgControlId) where.push(`target_kind = 'org-control' AND target_id = ?`) && params.push(filter.orgControlId);
  const sql = `SELECT * FROM evidence_links ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY evidence_id, target_kind DESC, target_id`;
  return (db.prepare(sql).all(...params) as DbEvidenceLinkRow[]).map(toEvidenceLink);
}
