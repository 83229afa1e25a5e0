import type { Database } from 'better-sqlite3';
import type { Evidence } from '../../../../domain/schemas/evidence.js';
import { evidenceSearchWords } from '../../../evidenceSearch.js';
import type { EvidenceCriteria, EvidenceFilter } from '../../../types.js';
import { toEvidence, type DbEvidenceRow } from './rows.js';

/** What a text filter searches: the item's descriptive fields, one per line so no word spans two of them. */
const HAYSTACK = `(id || char(10) || title || char(10) || owner || char(10) || description)`;
/** SQLite's LIKE and lower() fold ASCII only; words with other letters go through this (JavaScript's lower case). */
const LOWER = 'crosswalk_lower';
const withLower = new WeakSet<Database>();
const isAscii = (word: string) => /^[\x00-\x7f]*$/.test(word);
/** Escapes a word for `LIKE … ESCAPE '\'`: `%`, `_` and the escape character itself match only themselves. */
const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(db: Database, filter: EvidenceCriteria): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.requirementId)
    where.push(`id IN (SELECT evidence_id FROM evidence_links WHERE target_kind = 'requirement' AND target_id = ?)`) && params.push(filter.requirementId);
  if (filter.orgControlId)
    where.push(`id IN (SELECT evidence_id FROM evidence_links WHERE target_kind = 'org-control' AND target_id = ?)`) && params.push(filter.orgControlId);
  if (filter.frameworkId) where.push(`(scope = '[]' OR EXISTS (SELECT 1 FROM json_each(evidence.scope) WHERE value = ?))`) && params.push(filter.frameworkId);
  if (filter.expiredAsOf) where.push('expires IS NOT NULL AND expires < ?') && params.push(filter.expiredAsOf);
  for (const word of evidenceSearchWords(filter.text)) {
    if (isAscii(word)) where.push(`${HAYSTACK} LIKE ? ESCAPE '\\'`) && params.push(`%${escapeLike(word)}%`);
    else {
      if (!withLower.has(db)) {
        db.function(LOWER, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
        withLower.add(db);
      }
      where.push(`instr(${LOWER}(${HAYSTACK}), ?) > 0`) && params.push(word.toLowerCase());
    }
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function listEvidence({ db, filter = {} }: { db: Database; filter?: EvidenceFilter }): Evidence[] {
  const { sql, params } = whereOf(db, filter);
  return (db.prepare(`SELECT * FROM evidence ${sql} ORDER BY id LIMIT ? OFFSET ?`).all(...params, filter.limit ?? 100_000, filter.offset ?? 0) as DbEvidenceRow[]).map(toEvidence);
}

export function countEvidence({ db, filter = {} }: { db: Database; filter?: EvidenceCriteria }): number {
  const { sql, params } = whereOf(db, filter);
  return (db.prepare(`SELECT count(*) AS n FROM evidence ${sql}`).get(...params) as { n: number }).n;
}

export function getEvidence({ db, id }: { db: Database; id: string }): Evidence | undefined {
  const row = db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as DbEvidenceRow | undefined;
  return row && toEvidence(row);
}
