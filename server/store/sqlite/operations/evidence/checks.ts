import type { Database } from 'better-sqlite3';
import { NotFoundError } from '../../../../domain/errors.js';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Throws NotFoundError naming the first few ids that are not in `table`. */
function requireIds(db: Database, table: 'requirements' | 'frameworks' | 'evidence' | 'org_controls', ids: Iterable<string>, what: string) {
  const wanted = [...new Set(ids)];
  const missing: string[] = [];
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const found = new Set((db.prepare(`SELECT id FROM ${table} WHERE id IN (${placeholders(chunk.length)})`).all(...chunk) as Array<{ id: string }>).map((r) => r.id));
    missing.push(...chunk.filter((id) => !found.has(id)));
  }
  if (missing.length)
    throw new NotFoundError(`unknown ${what}${missing.length === 1 ? '' : 's'} ${missing.slice(0, 5).map((id) => `"${id}"`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
}

export const requireRequirements = (db: Database, ids: Iterable<string>) => requireIds(db, 'requirements', ids, 'requirement');
export const requireFrameworks = (db: Database, ids: Iterable<string>) => requireIds(db, 'frameworks', ids, 'framework');
export const requireEvidence = (db: Database, ids: Iterable<string>) => requireIds(db, 'evidence', ids, 'evidence item');
export const requireOrgControls = (db: Database, ids: Iterable<string>) => requireIds(db, 'org_controls', ids, 'control');
export { placeholders };
