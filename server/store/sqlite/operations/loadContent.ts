import type { Database } from 'better-sqlite3';
import { fingerprintBundle } from '../../../domain/fingerprint.js';
import { applyReview } from '../../../domain/review.js';
import type { ContentBundle } from '../../../domain/schemas/content.js';
import type { LoadCounts, LoadProgress, LoadSummary } from '../../types.js';
import {
  fromFramework, fromMapping, fromNoCounterpart, fromRequirement, toReview, type DbReviewRow,
} from '../conversion.js';

const FILE_ORIGINS = `('reference', 'import')`;
const BATCH = 5000;

type Row = Record<string, unknown>;

interface TableSync<T> {
  name: keyof Omit<LoadSummary, 'changed' | 'fingerprint' | 'reviewsKept' | 'requirementsKept' | 'proposalsDropped'>;
  items: T[];
  key: (row: Row) => string;
  toRow: (item: T, index: number) => Row;
  existing: string;
  insert: string;
  /** Columns the insert takes, when the compared row carries more (e.g. members of a clause). */
  columns?: string[];
  /** Deletes a vanished row; without it, vanished keys are returned for the caller to handle. */
  remove?: string;
}

const pick = (row: Row, columns: string[]) => Object.fromEntries(columns.map((c) => [c, row[c]]));
const sameRow = (a: Row, b: Row) => Object.keys(a).every((k) => a[k] === b[k]);

/** Upserts changed rows and deletes vanished ones; returns what it did. Runs inside the caller's transaction. */
function syncTable<T>(db: Database, sync: TableSync<T>, progress: (p: LoadProgress) => void): LoadCounts & { vanished: string[] } {
  const counts: LoadCounts = { added: 0, updated: 0, removed: 0 };
  const stored = new Map<string, Row>();
  for (const row of db.prepare(sync.existing).iterate() as Iterable<Row>) stored.set(sync.key(row), row);
  const insert = db.prepare(sync.insert);
  const total = sync.items.length;
  sync.items.forEach((item, index) => {
    const row = sync.toRow(item, index);
    const key = sync.key(row);
    const before = stored.get(key);
    if (!before) counts.added++;
    else if (!sameRow(row, before)) counts.updated++;
    stored.delete(key);
    if (!before || !sameRow(row, before)) insert.run(sync.columns ? pick(row, sync.columns) : row);
    if ((index + 1) % BATCH === 0) progress({ phase: sync.name, done: index + 1, total });
  });
  const vanished = [...stored.keys()];
  if (sync.remove) {
    const remove = db.prepare(sync.remove);
    for (const row of stored.values()) counts.removed += remove.run(row).changes > 0 ? 1 : 0;
  }
  progress({ phase: sync.name, done: total, total });
  return { ...counts, vanished: sync.remove ? [] : vanished };
}

/** See GraphStore.loadContent: one transaction, only changed rows written, people's work kept. */
export function loadContent(db: Database, bundle: ContentBundle, onProgress: (p: LoadProgress) => void = () => {}): LoadSummary {
  const fingerprint = fingerprintBundle(bundle);
  const previous = (db.prepare(`SELECT value FROM meta WHERE key = 'content_fingerprint'`).get() as { value: string } | undefined)?.value;
  const none: LoadCounts = { added: 0, updated: 0, removed: 0 };
  if (previous === fingerprint)
    return { changed: false, fingerprint, frameworks: none, requirements: none, mappings: none, noCounterparts: none, harmonizedClauses: none, reviewsKept: 0, requirementsKept: [], proposalsDropped: 0 };

  const latestReviews = new Map(
    (db.prepare(`SELECT r.* FROM reviews r JOIN (SELECT mapping_id, max(seq) AS seq FROM reviews GROUP BY mapping_id) l USING (mapping_id, seq)`).all() as DbReviewRow[])
      .map((row) => [row.mapping_id, toReview(row)]),
  );
  let reviewsKept = 0;
  const mappings = bundle.mappings.map((m) => {
    const review = latestReviews.get(m.id);
    if (!review) return m;
    reviewsKept++;
    return applyReview(m, review);
  });

  return db.transaction((): LoadSummary => {
    const frameworks = syncTable(db, {
      name: 'frameworks',
      items: bundle.frameworks,
      key: (r) => r.id as string,
      toRow: (f, i) => ({ ...fromFramework(f, i) }),
      existing: 'SELECT * FROM frameworks',
      insert: `INSERT INTO frameworks (id, name, edition, publisher, url, licence, description, family, ord, short_name)
               VALUES (@id, @name, @edition, @publisher, @url, @licence, @description, @family, @ord, @short_name)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name, edition = excluded.edition, publisher = excluded.publisher,
               url = excluded.url, licence = excluded.licence, description = excluded.description, family = excluded.family, ord = excluded.ord,
               short_name = excluded.short_name`,
    }, onProgress);
    const requirements = syncTable(db, {
      name: 'requirements',
      items: bundle.requirements,
      key: (r) => r.id as string,
      toRow: (r) => ({ ...fromRequirement(r) }),
      existing: 'SELECT id, framework_id, ref, kind, title, summary, parent_id, ord, tags FROM requirements',
      insert: `INSERT INTO requirements (id, framework_id, ref, kind, title, summary, parent_id, ord, tags)
               VALUES (@id, @framework_id, @ref, @kind, @title, @summary, @parent_id, @ord, @tags)
               ON CONFLICT(id) DO UPDATE SET framework_id = excluded.framework_id, ref = excluded.ref, kind = excluded.kind,
               title = excluded.title, summary = excluded.summary, parent_id = excluded.parent_id, ord = excluded.ord, tags = excluded.tags`,
    }, onProgress);
    const mappingCounts = syncTable(db, {
      name: 'mappings',
      items: mappings,
      key: (r) => r.id as string,
      toRow: (m) => ({ ...fromMapping(m) }),
      existing: `SELECT * FROM mappings WHERE origin IN ${FILE_ORIGINS}`,
      insert: `INSERT INTO mappings VALUES (@id, @source, @target, @source_fw, @target_fw, @relationship, @rationale, @strength, @method,
               @status, @origin, @prov_source, @prov_url, @prov_author, @prov_reviewer, @prov_created, @prov_reviewed, @note, @review_note,
               @also_stated_by)
               ON CONFLICT(id) DO UPDATE SET source = excluded.source, target = excluded.target, source_fw = excluded.source_fw,
               target_fw = excluded.target_fw, relationship = excluded.relationship, rationale = excluded.rationale,
               strength = excluded.strength, method = excluded.method, status = excluded.status, origin = excluded.origin,
               prov_source = excluded.prov_source, prov_url = excluded.prov_url, prov_author = excluded.prov_author,
               prov_reviewer = excluded.prov_reviewer, prov_created = excluded.prov_created, prov_reviewed = excluded.prov_reviewed,
               note = excluded.note, review_note = excluded.review_note, also_stated_by = excluded.also_stated_by
               WHERE mappings.origin IN ${FILE_ORIGINS}`,
      remove: `DELETE FROM mappings WHERE id = @id AND origin IN ${FILE_ORIGINS}`,
    }, onProgress);
    const noCounterparts = syncTable(db, {
      name: 'noCounterparts',
      items: bundle.noCounterparts,
      key: (r) => `${r.requirement_id}\u0000${r.other_framework_id}`,
      toRow: (n) => ({ ...fromNoCounterpart(n) }),
      existing: `SELECT * FROM no_counterparts WHERE origin IN ${FILE_ORIGINS}`,
      insert: `INSERT OR REPLACE INTO no_counterparts VALUES (@requirement_id, @other_framework_id, @note, @status, @origin,
               @prov_source, @prov_url, @prov_author, @prov_reviewer, @prov_created, @prov_reviewed)`,
      remove: `DELETE FROM no_counterparts WHERE requirement_id = @requirement_id AND other_framework_id = @other_framework_id`,
    }, onProgress);
    const harmonizedClauses = syncTable(db, {
      name: 'harmonizedClauses',
      items: bundle.harmonizedClauses,
      key: (r) => r.id as string,
      toRow: (c) => ({ id: c.id, title: c.title, summary: c.summary, ord: c.order, members: JSON.stringify(c.requirementIds) }),
      existing: `SELECT c.id, c.title, c.summary, c.ord, (SELECT json_group_array(requirement_id) FROM
                   (SELECT requirement_id FROM harmonized_members m WHERE m.clause_id = c.id ORDER BY ord)) AS members
                 FROM harmonized_clauses c`,
      columns: ['id', 'title', 'summary', 'ord'],
      insert: `INSERT INTO harmonized_clauses (id, title, summary, ord) VALUES (@id, @title, @summary, @ord)
               ON CONFLICT(id) DO UPDATE SET title = excluded.title, summary = excluded.summary, ord = excluded.ord`,
      remove: `DELETE FROM harmonized_clauses WHERE id = @id`,
    }, onProgress);
    const setMembers = db.prepare(`INSERT INTO harmonized_members VALUES (?, ?, ?)`);
    for (const clause of bundle.harmonizedClauses) {
      db.prepare(`DELETE FROM harmonized_members WHERE clause_id = ?`).run(clause.id);
      clause.requirementIds.forEach((id, i) => setMembers.run(clause.id, id, i));
    }

    // Requirements and frameworks no longer in any file go, unless something people made (a mapping, an evidence
    // link, a control citation, a SoA decision) still points at them. The suggester's proposals that nobody has
    // reviewed do not keep a requirement: they go with it (a new run proposes again from what is there).
    const dropProposals = db.prepare(
      `DELETE FROM mappings WHERE (source = @id OR target = @id) AND origin = 'suggestion' AND status = 'proposed'
         AND NOT EXISTS (SELECT 1 FROM reviews WHERE reviews.mapping_id = mappings.id)`,
    );
    const removeRequirement = db.prepare(
      `DELETE FROM requirements WHERE id = @id AND NOT EXISTS (SELECT 1 FROM mappings WHERE source = @id OR target = @id)
         AND NOT EXISTS (SELECT 1 FROM no_counterparts WHERE requirement_id = @id)
         AND NOT EXISTS (SELECT 1 FROM harmonized_members WHERE requirement_id = @id)
         AND NOT EXISTS (SELECT 1 FROM evidence_links WHERE target_kind = 'requirement' AND target_id = @id)
         AND NOT EXISTS (SELECT 1 FROM org_control_citations WHERE requirement_id = @id)
         AND NOT EXISTS (SELECT 1 FROM soa_entries WHERE requirement_id = @id)`,
    );
    let proposalsDropped = 0;
    const requirementsKept: string[] = [];
    for (const id of requirements.vanished) {
      proposalsDropped += dropProposals.run({ id }).changes;
      if (removeRequirement.run({ id }).changes) requirements.removed++;
      else requirementsKept.push(id);
    }
    const removeFramework = db.prepare(`DELETE FROM frameworks WHERE id = @id AND NOT EXISTS (SELECT 1 FROM requirements WHERE framework_id = @id)`);
    for (const id of frameworks.vanished) frameworks.removed += removeFramework.run({ id }).changes;
    db.prepare(`INSERT INTO meta VALUES ('content_fingerprint', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(fingerprint);
    const counts = ({ added, updated, removed }: LoadCounts) => ({ added, updated, removed });
    const all = [frameworks, requirements, mappingCounts, noCounterparts, harmonizedClauses];
    return {
      changed: all.some((c) => c.added + c.updated + c.removed > 0) || proposalsDropped > 0, fingerprint, frameworks: counts(frameworks), requirements: counts(requirements), mappings: counts(mappingCounts),
      noCounterparts: counts(noCounterparts), harmonizedClauses: counts(harmonizedClauses), reviewsKept, requirementsKept: requirementsKept.sort(), proposalsDropped,
    };
  })();
}
