import type { Database } from 'better-sqlite3';
import { InputError } from '../../../../domain/errors.js';
import type { SoaEntry } from '../../../../domain/schemas/soa.js';
import { requireFrameworks, requireRequirements } from './checks.js';
import { fromSoaEntry, toSoaEntry, type DbSoaEntryRow } from './rows.js';

export function listSoaEntries({ db, frameworkId }: { db: Database; frameworkId: string }): SoaEntry[] {
  return (db.prepare('SELECT * FROM soa_entries WHERE framework_id = ? ORDER BY requirement_id').all(frameworkId) as DbSoaEntryRow[]).map(toSoaEntry);
}

export function saveSoaEntries({ db, entries }: { db: Database; entries: SoaEntry[] }) {
  db.transaction(() => {
    requireFrameworks(db, entries.map((e) => e.frameworkId));
    requireRequirements(db, entries.map((e) => e.requirementId));
    const frameworkOf = db.prepare('SELECT framework_id FROM requirements WHERE id = ?');
    const upsert = db.prepare(
      `INSERT INTO soa_entries VALUES (@framework_id, @requirement_id, @applicable, @justification, @implementation_status, @updated_at)
       ON CONFLICT(framework_id, requirement_id) DO UPDATE SET applicable = excluded.applicable, justification = excluded.justification,
       implementation_status = excluded.implementation_status, updated_at = excluded.updated_at`,
    );
    for (const entry of entries) {
      const { framework_id } = frameworkOf.get(entry.requirementId) as { framework_id: string };
      if (framework_id !== entry.frameworkId) throw new InputError(`"${entry.requirementId}" is a requirement of ${framework_id}, not of ${entry.frameworkId}`);
      upsert.run(fromSoaEntry(entry));
    }
  })();
}

export function deleteSoaEntry({ db, frameworkId, requirementId }: { db: Database; frameworkId: string; requirementId: string }): boolean {
  return db.prepare('DELETE FROM soa_entries WHERE framework_id = ? AND requirement_id = ?').run(frameworkId, requirementId).changes > 0;
}
