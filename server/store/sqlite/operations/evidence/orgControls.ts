import type { Database } from 'better-sqlite3';
import { NotFoundError } from '../../../../domain/errors.js';
import type { OrgControl } from '../../../../domain/schemas/orgControl.js';
import type { OrgControlSaveOptions } from '../../../types.js';
import { requireOrgControls, requireRequirements } from './checks.js';
import { toOrgControl, type DbOrgControlRow } from './rows.js';

export function listOrgControls({ db, id }: { db: Database; id?: string }): OrgControl[] {
  const rows = (id === undefined
    ? db.prepare('SELECT * FROM org_controls ORDER BY ord, id').all()
    : db.prepare('SELECT * FROM org_controls WHERE id = ?').all(id)) as DbOrgControlRow[];
  const citations = new Map<string, string[]>();
  const cited = (id === undefined
    ? db.prepare('SELECT control_id, requirement_id FROM org_control_citations ORDER BY control_id, ord').all()
    : db.prepare('SELECT control_id, requirement_id FROM org_control_citations WHERE control_id = ? ORDER BY ord').all(id)) as Array<{ control_id: string; requirement_id: string }>;
  for (const row of cited) {
    let list = citations.get(row.control_id);
    if (!list) citations.set(row.control_id, (list = []));
    list.push(row.requirement_id);
  }
  return rows.map((row) => toOrgControl(row, citations.get(row.id) ?? []));
}

/** See EvidenceStore.saveOrgControls. */
export function saveOrgControls({ db, controls, remove = [], moveLinks = [] }: { db: Database; controls: OrgControl[] } & OrgControlSaveOptions) {
  db.transaction(() => {
    requireRequirements(db, controls.flatMap((c) => c.requirementIds));
    requireOrgControls(db, remove.filter((id) => !controls.some((c) => c.id === id)));
    const upsert = db.prepare(
      `INSERT INTO org_controls VALUES (@id, @title, @description, @origin, @created_at, @updated_at, @ord)
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, origin = excluded.origin,
       created_at = excluded.created_at, updated_at = excluded.updated_at, ord = excluded.ord`,
    );
    const clear = db.prepare('DELETE FROM org_control_citations WHERE control_id = ?');
    const cite = db.prepare('INSERT INTO org_control_citations VALUES (?, ?, ?)');
    controls.forEach((c, ord) => {
      upsert.run({ id: c.id, title: c.title, description: c.description, origin: c.origin, created_at: c.createdAt, updated_at: c.updatedAt, ord });
      clear.run(c.id);
      c.requirementIds.forEach((r, i) => cite.run(c.id, r, i));
    });
    for (const { from, to } of moveLinks) {
      if (!db.prepare('SELECT 1 FROM org_controls WHERE id = ?').get(to)) throw new NotFoundError(`unknown control "${to}" to move evidence links to`);
      // A link to both controls becomes one link.
      db.prepare(
        `INSERT OR IGNORE INTO evidence_links SELECT evidence_id, target_kind, ?, note FROM evidence_links WHERE target_kind = 'org-control' AND target_id = ?`,
      ).run(to, from);
      db.prepare(`DELETE FROM evidence_links WHERE target_kind = 'org-control' AND target_id = ?`).run(from);
    }
    for (const id of remove) deleteOrgControl({ db, id });
  })();
}

export function deleteOrgControl({ db, id }: { db: Database; id: string }): boolean {
  return db.transaction(() => {
    db.prepare(`DELETE FROM evidence_links WHERE target_kind = 'org-control' AND target_id = ?`).run(id);
    return db.prepare('DELETE FROM org_controls WHERE id = ?').run(id).changes > 0;
  })();
}
