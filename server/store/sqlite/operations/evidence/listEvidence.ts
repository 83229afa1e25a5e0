import type { Database } from 'better-sqlite3';
import type { Evidence } from '../../../../domain/schemas/evidence.js';
import type { EvidenceFilter } from '../../../types.js';
import { toEvidence, type DbEvidenceRow } from './rows.js';

export function listEvidence({ db, filter = {} }: { db: Database; filter?: EvidenceFilter }): Evidence[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.requirementId)
    where.push(`id IN (SELECT evidence_id FROM evidence_links WHERE target_kind = 'requirement' AND target_id = ?)`) && params.push(filter.requirementId);
  if (filter.orgControlId)
    where.push(`id IN (SELECT evidence_id FROM evidence_links WHERE target_kind = 'org-control' AND target_id = ?)`) && params.push(filter.orgControlId);
  if (filter.frameworkId) where.push(`(scope = '[]' OR EXISTS (SELECT 1 FROM json_each(evidence.scope) WHERE value = ?))`) && params.push(filter.frameworkId);
  if (filter.expiredAsOf) where.push('expires IS NOT NULL AND expires < ?') && params.push(filter.expiredAsOf);
  const sql = `SELECT * FROM evidence ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ? OFFSET ?`;
  return (db.prepare(sql).all(...params, filter.limit ?? 100_000, filter.offset ?? 0) as DbEvidenceRow[]).map(toEvidence);
}

export function getEvidence({ db, id }: { db: Database; id: string }): Evidence | undefined {
  const row = db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as DbEvidenceRow | undefined;
  return row && toEvidence(row);
}
