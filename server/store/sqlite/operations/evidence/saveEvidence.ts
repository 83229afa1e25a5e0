import type { Database } from 'better-sqlite3';
import type { Evidence } from '../../../../domain/schemas/evidence.js';
import { requireFrameworks } from './checks.js';
import { fromEvidence } from './rows.js';

const UPSERT = `INSERT INTO evidence VALUES (@id, @title, @type, @owner, @location_uri, @collected, @expires, @scope, @description)
  ON CONFLICT(id) DO UPDATE SET title = excluded.title, type = excluded.type, owner = excluded.owner, location_uri = excluded.location_uri,
  collected = excluded.collected, expires = excluded.expires, scope = excluded.scope, description = excluded.description`;

/** Creates or replaces items (links untouched); returns whether each was new. Runs inside the caller's transaction. */
export function saveEvidence({ db, items }: { db: Database; items: Evidence[] }): { added: number; updated: number } {
  requireFrameworks(db, items.flatMap((e) => e.scope));
  const exists = db.prepare('SELECT 1 FROM evidence WHERE id = ?');
  const upsert = db.prepare(UPSERT);
  let added = 0;
  for (const item of items) {
    if (!exists.get(item.id)) added++;
    upsert.run(fromEvidence(item));
  }
  return { added, updated: items.length - added };
}
