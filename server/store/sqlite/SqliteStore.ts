import fs from 'node:fs';
import path from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { ConflictError, InputError, NotFoundError } from '../../domain/errors.js';
import { EXACT_MATCH_SCORE, type CoverageCell, type EdgeFilter, type MappingPath, type Neighbourhood, type NeighbourhoodQuery, type PathQuery, type RequirementDetail, type SearchHit, type SearchQuery } from '../../domain/graph.js';
import { compareViews, matchesFilter, neighbourhoodVia, pathsVia, viewFrom, type Adjacency } from '../../domain/graphAlgorithms.js';
import { applyReview, replacedBy } from '../../domain/review.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import type { HarmonizedClause } from '../../domain/schemas/harmonizedClause.js';
import type { Mapping, NoCounterpart, Relationship } from '../../domain/schemas/mapping.js';
import { WITHDRAWN_TAG, type Requirement } from '../../domain/schemas/requirement.js';
import type { EmbeddingModelInfo, EmbeddingStore, FrameworkSummary, GraphStore, NearestHit, StoredEmbedding, LoadProgress, LoadSummary, MappingCriteria, MappingFilter, RequirementFilter, ReviewDecision } from '../types.js';
import type {
  EvidenceCriteria, EvidenceFilter, EvidenceImportSummary, EvidenceLinkFilter, EvidenceLinkKey, EvidenceStore, OrgControlSaveOptions,
} from '../types.js';
import type { Evidence, EvidenceLink } from '../../domain/schemas/evidence.js';
import type { OrgControl } from '../../domain/schemas/orgControl.js';
import type { SoaEntry } from '../../domain/schemas/soa.js';
import { deleteEvidenceLink, listEvidenceLinks, writeEvidenceLinks } from './operations/evidence/evidenceLinks.js';
import { importEvidence } from './operations/evidence/importEvidence.js';
import { countEvidence, getEvidence, listEvidence } from './operations/evidence/listEvidence.js';
import { deleteOrgControl, listOrgControls, saveOrgControls } from './operations/evidence/orgControls.js';
import { saveEvidence } from './operations/evidence/saveEvidence.js';
import { deleteSoaEntry, listSoaEntries, saveSoaEntries } from './operations/evidence/soaEntries.js';
import {
  fromMapping, toFramework, toHarmonizedClause, toMapping, toNoCounterpart, toRequirement, toReview,
  type DbFrameworkRow, type DbMappingRow, type DbNoCounterpartRow, type DbRequirementRow, type DbReviewRow,
} from './conversion.js';
import { applyMigrations } from './migrations.js';
import { loadContent } from './operations/loadContent.js';
import { ftsQuery } from './operations/search.js';
import { aliasTagSearched } from '../aliasSearch.js';

const DEFAULT_LIMIT = 10_000;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export interface SqliteStoreOptions {
  /** A file path, or ":memory:" for tests. */
  file: string;
}

/** Opens (creating if needed) the embedded store: WAL, synchronous commits, foreign keys on. */
export function openSqliteStore({ file }: SqliteStoreOptions): SqliteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A large page cache keeps index B-trees in memory during million-row loads.
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  applyMigrations(db);
  return new SqliteStore(db);
}

export class SqliteStore implements GraphStore, EmbeddingStore, EvidenceStore {
  readonly engine = 'sqlite' as const;
  /** Coverage matrices by filter, each with the framework pairs written since it was last brought up to date. */
  private matrixCache = new Map<string, { cells: Map<string, CoverageCell>; dirtyPairs: Set<string> }>();
  /** Ids of withdrawn requirements, which the matrix leaves out; only a content load changes them. */
  private withdrawnIds: string[] | undefined;
  private cachedDataVersion: number | undefined;

  constructor(private readonly db: Db) {}

  async close() {
    if (this.db.open) this.db.close();
  }

  /**
   * `data_version` moves when another connection (another process) commits; `total_changes()` counts the rows
   * this connection wrote. Together they change on every write, whoever made it.
   */
  async revision() {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const ownChanges = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${dataVersion}.${ownChanges}`;
  }

  /** Another process committed since the cached matrices were built: they may be stale, so drop them. */
  private dropCachesWrittenElsewhere() {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    if (dataVersion !== this.cachedDataVersion) this.dropMatrices();
    this.cachedDataVersion = dataVersion;
  }

  async loadContent(bundle: ContentBundle, options: { onProgress?: (p: LoadProgress) => void } = {}): Promise<LoadSummary> {
    const summary = loadContent(this.db, bundle, options.onProgress);
    if (summary.changed) this.dropMatrices();
    return summary;
  }

  private dropMatrices() {
    this.matrixCache.clear();
    this.withdrawnIds = undefined;
  }

  async contentFingerprint() {
    return (this.db.prepare(`SELECT value FROM meta WHERE key = 'content_fingerprint'`).get() as { value: string } | undefined)?.value;
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    const rows = this.db
      .prepare(`SELECT f.*, (SELECT count(*) FROM requirements r WHERE r.framework_id = f.id) AS requirement_count FROM frameworks f ORDER BY f.id`)
      .all() as Array<DbFrameworkRow & { requirement_count: number }>;
    return rows.map((row) => ({ ...toFramework(row), requirementCount: row.requirement_count }));
  }

  async listRequirements({ frameworkId, parentId, kinds, limit = DEFAULT_LIMIT, offset = 0 }: RequirementFilter): Promise<Requirement[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (frameworkId !== undefined) where.push('framework_id = ?') && params.push(frameworkId);
    if (parentId === null) where.push('parent_id IS NULL');
    else if (parentId !== undefined) where.push('parent_id = ?') && params.push(parentId);
    if (kinds?.length) where.push(`kind IN (${placeholders(kinds.length)})`) && params.push(...kinds);
    const sql = `SELECT * FROM requirements ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY framework_id, ord, id LIMIT ? OFFSET ?`;
    return (this.db.prepare(sql).all(...params, limit, offset) as DbRequirementRow[]).map(toRequirement);
  }

  async getRequirements(ids: string[]): Promise<Requirement[]> {
    return this.requirementsById(ids);
  }

  private requirementsById(ids: string[]): Requirement[] {
    const found = new Map<string, Requirement>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const row of this.db.prepare(`SELECT * FROM requirements WHERE id IN (${placeholders(chunk.length)})`).all(...chunk) as DbRequirementRow[])
        found.set(row.id, toRequirement(row));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async requirementDetail(id: string, filter: EdgeFilter = {}): Promise<RequirementDetail | undefined> {
    const [requirement] = this.requirementsById([id]);
    if (!requirement) return undefined;
    const ancestors = (this.db
      .prepare(
        `WITH RECURSIVE up(id, parent_id, depth) AS (
           SELECT id, parent_id, 0 FROM requirements WHERE id = ?
           UNION ALL SELECT r.id, r.parent_id, up.depth + 1 FROM requirements r JOIN up ON r.id = up.parent_id WHERE up.depth < 64)
         SELECT r.* FROM up JOIN requirements r ON r.id = up.id WHERE up.depth > 0 ORDER BY up.depth DESC`,
      )
      .all(id) as DbRequirementRow[]).map(toRequirement);
    const children = (this.db.prepare(`SELECT * FROM requirements WHERE parent_id = ? ORDER BY ord, id`).all(id) as DbRequirementRow[]).map(toRequirement);
    const mappings = this.mappingsAt(id).filter((m) => matchesFilter(m, filter)).map((m) => viewFrom(id, m)).sort(compareViews);
    return { requirement, ancestors, children, mappings };
  }

  private mappingsAt(id: string): Mapping[] {
    return (this.db.prepare(`SELECT * FROM mappings WHERE source = @id UNION ALL SELECT * FROM mappings WHERE target = @id AND source <> @id`).all({ id }) as DbMappingRow[]).map(toMapping);
  }

  async findMappings({ limit = DEFAULT_LIMIT, offset = 0, ...filter }: MappingFilter): Promise<Mapping[]> {
    const { sql, params } = this.mappingWhere(filter);
    const ord = (end: 'source' | 'target') => `(SELECT ord FROM requirements WHERE requirements.id = mappings.${end})`;
    return (this.db.prepare(`SELECT * FROM mappings ${sql} ORDER BY source_fw, ${ord('source')}, target_fw, ${ord('target')}, id LIMIT ? OFFSET ?`).all(...params, limit, offset) as DbMappingRow[]).map(toMapping);
  }

  async countMappings(filter: MappingCriteria): Promise<number> {
    const { sql, params } = this.mappingWhere(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM mappings ${sql}`).get(...params) as { n: number }).n;
  }

  async countMappingsByFramework(frameworkIds: string[]): Promise<Map<string, number>> {
    // In process, one indexed count per framework is as cheap as a grouped scan, and stays so at a million mappings.
    const count = this.db.prepare('SELECT (SELECT count(*) FROM mappings WHERE source_fw = ?) + (SELECT count(*) FROM mappings WHERE target_fw = ? AND source_fw <> ?) AS n');
    return new Map(frameworkIds.map((id) => [id, (count.get(id, id, id) as { n: number }).n]));
  }

  private mappingWhere({ frameworks, frameworkId, requirementId, relationships, statuses, methods, origins, provenanceSource, disputed }: MappingCriteria) {
    const where: string[] = [];
    const params: unknown[] = [];
    const within = (column: string, values?: string[]) => {
      if (values?.length) where.push(`${column} IN (${placeholders(values.length)})`) && params.push(...values);
    };
    if (frameworks) where.push('((source_fw = ? AND target_fw = ?) OR (source_fw = ? AND target_fw = ?))') && params.push(frameworks[0], frameworks[1], frameworks[1], frameworks[0]);
    if (frameworkId) where.push('(source_fw = ? OR target_fw = ?)') && params.push(frameworkId, frameworkId);
    if (requirementId) where.push('(source = ? OR target = ?)') && params.push(requirementId, requirementId);
    within('relationship', relationships);
    within('status', statuses);
    within('method', methods);
    within('origin', origins);
    if (provenanceSource) where.push('prov_source = ?') && params.push(provenanceSource);
    if (disputed) where.push(`EXISTS (SELECT 1 FROM json_each(mappings.also_stated_by) AS s WHERE json_extract(s.value, '$.relationship') <> mappings.relationship)`);
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  async getMapping(id: string): Promise<Mapping | undefined> {
    const row = this.db.prepare('SELECT * FROM mappings WHERE id = ?').get(id) as DbMappingRow | undefined;
    return row && toMapping(row);
  }

  async listNoCounterparts({ requirementId, frameworkId, otherFrameworkId }: { requirementId?: string; frameworkId?: string; otherFrameworkId?: string }): Promise<NoCounterpart[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (requirementId) where.push('n.requirement_id = ?') && params.push(requirementId);
    if (frameworkId) where.push('r.framework_id = ?') && params.push(frameworkId);
    if (otherFrameworkId) where.push('n.other_framework_id = ?') && params.push(otherFrameworkId);
    const sql = `SELECT n.* FROM no_counterparts n JOIN requirements r ON r.id = n.requirement_id
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.requirement_id, n.other_framework_id`;
    return (this.db.prepare(sql).all(...params) as DbNoCounterpartRow[]).map(toNoCounterpart);
  }

  async listHarmonizedClauses(): Promise<HarmonizedClause[]> {
    const rows = this.db
      .prepare(
        `SELECT c.*, (SELECT json_group_array(requirement_id) FROM (SELECT requirement_id FROM harmonized_members m WHERE m.clause_id = c.id ORDER BY m.ord)) AS members
         FROM harmonized_clauses c ORDER BY c.ord, c.id`,
      )
      .all() as Array<{ id: string; title: string; summary: string; ord: number; members: string }>;
    return rows.map(toHarmonizedClause);
  }

  private adjacency(filter: EdgeFilter): Adjacency {
    const cache = new Map<string, Mapping[]>();
    return (id) => {
      let list = cache.get(id);
      if (!list) cache.set(id, (list = this.mappingsAt(id).filter((m) => matchesFilter(m, filter))));
      return list;
    };
  }

  async neighbourhood(query: NeighbourhoodQuery): Promise<Neighbourhood> {
    return neighbourhoodVia(this.adjacency(query), (ids) => this.requirementsById(ids), query);
  }

  async paths(query: PathQuery): Promise<MappingPath[]> {
    return pathsVia(this.adjacency(query), query);
  }

  async coverageMatrix(filter: EdgeFilter): Promise<CoverageCell[]> {
    this.dropCachesWrittenElsewhere();
    const key = JSON.stringify([filter.relationships ?? [], filter.statuses ?? []]);
    let cached = this.matrixCache.get(key);
    if (!cached) {
      cached = { cells: new Map(this.coverageCells(filter).map((c) => [`${c.source}\u0000${c.target}`, c])), dirtyPairs: new Set() };
      this.matrixCache.set(key, cached);
    }
    // A write touches one framework pair: recount that pair only (indexed) instead of the whole graph.
    for (const pair of cached.dirtyPairs) {
      const [a, b] = pair.split('\u0000') as [string, string];
      for (const k of [`${a}\u0000${b}`, `${b}\u0000${a}`]) cached.cells.delete(k);
      for (const cell of this.coverageCells(filter, [a, b])) cached.cells.set(`${cell.source}\u0000${cell.target}`, cell);
    }
    cached.dirtyPairs.clear();
    return [...cached.cells.values()].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  }

  /** Marks the framework pair of a written mapping so cached matrices recount just that pair. */
  private touched(mapping: Pick<Mapping, 'source' | 'target'>) {
    const pair = [mapping.source.slice(0, mapping.source.indexOf(':')), mapping.target.slice(0, mapping.target.indexOf(':'))].sort().join('\u0000');
    for (const cached of this.matrixCache.values()) cached.dirtyPairs.add(pair);
  }

  private coverageCells(filter: EdgeFilter, pair?: [string, string]): CoverageCell[] {
    this.withdrawnIds ??= (
      this.db.prepare(`SELECT id FROM requirements WHERE tags LIKE '%"${WITHDRAWN_TAG}"%' AND EXISTS (SELECT 1 FROM json_each(requirements.tags) WHERE value = '${WITHDRAWN_TAG}')`).all() as Array<{ id: string }>
    ).map((r) => r.id);
    const withdrawn = JSON.stringify(this.withdrawnIds);
    const inForce = (column: string) => `${column} NOT IN (SELECT value FROM json_each(?))`;
    const where: string[] = [`relationship <> 'no-relationship'`];
    const params: unknown[] = [];
    if (this.withdrawnIds.length) where.push(inForce('source'), inForce('target')) && params.push(withdrawn, withdrawn);
    if (filter.relationships?.length) where.push(`relationship IN (${placeholders(filter.relationships.length)})`) && params.push(...filter.relationships);
    if (filter.statuses?.length) where.push(`status IN (${placeholders(filter.statuses.length)})`) && params.push(...filter.statuses);
    if (pair) where.push('((source_fw = ? AND target_fw = ?) OR (source_fw = ? AND target_fw = ?))') && params.push(pair[0], pair[1], pair[1], pair[0]);
    const matching = `SELECT * FROM mappings WHERE ${where.join(' AND ')}`;
    const directed = `
      SELECT source AS req, source_fw AS fa, target_fw AS fb, relationship AS rel FROM (${matching})
      UNION ALL
      SELECT target, target_fw, source_fw, CASE relationship WHEN 'subset-of' THEN 'superset-of' WHEN 'superset-of' THEN 'subset-of' ELSE relationship END
      FROM (${matching})`;
    const rows = this.db
      .prepare(`SELECT fa, fb, rel, count(*) AS n FROM (${directed}) GROUP BY fa, fb, rel`)
      .all(...params, ...params) as Array<{ fa: string; fb: string; rel: Relationship; n: number }>;
    const covered = this.db
      .prepare(`SELECT fa, fb, count(DISTINCT req) AS n FROM (${directed}) GROUP BY fa, fb`)
      .all(...params, ...params) as Array<{ fa: string; fb: string; n: number }>;
    const totals = new Map((this.db.prepare(`SELECT framework_id, count(*) AS n FROM requirements ${this.withdrawnIds.length ? `WHERE ${inForce('id')}` : ''} GROUP BY framework_id`).all(...(this.withdrawnIds.length ? [withdrawn] : [])) as Array<{ framework_id: string; n: number }>).map((r) => [r.framework_id, r.n]));
    const cells = new Map<string, CoverageCell>();
    for (const row of covered) cells.set(`${row.fa}\u0000${row.fb}`, { source: row.fa, target: row.fb, total: totals.get(row.fa) ?? 0, covered: row.n, byRelationship: {} });
    for (const row of rows) cells.get(`${row.fa}\u0000${row.fb}`)!.byRelationship[row.rel] = row.n;
    return [...cells.values()];
  }

  async search({ text, frameworkId, limit = 20 }: SearchQuery): Promise<SearchHit[]> {
    const hits = new Map<string, SearchHit>();
    const exactParams = { text: text.trim(), fw: frameworkId ?? null, limit };
    let exact = this.db
      // Two index lookups: written as one OR, the planner scans every requirement in framework order instead.
      .prepare(
        `SELECT * FROM requirements WHERE rowid IN (SELECT rowid FROM requirements WHERE id = @text UNION SELECT rowid FROM requirements WHERE ref = @text COLLATE NOCASE)
         AND (@fw IS NULL OR framework_id = @fw) ORDER BY framework_id, ord LIMIT @limit`,
      )
      .all(exactParams) as DbRequirementRow[];
    // Else an alias a catalog records, looked for as the quoted tag in the JSON array of tags.
    const aliasTag = exact.length ? undefined : aliasTagSearched(text);
    if (aliasTag)
      exact = this.db
        .prepare(`SELECT * FROM requirements WHERE tags LIKE @pattern ESCAPE '\\' AND (@fw IS NULL OR framework_id = @fw) ORDER BY framework_id, ord LIMIT @limit`)
        .all({ ...exactParams, pattern: `%${JSON.stringify(aliasTag).replace(/[\\%_]/g, (c) => `\\${c}`)}%` }) as DbRequirementRow[];
    for (const row of exact) hits.set(row.id, { requirement: toRequirement(row), score: EXACT_MATCH_SCORE });
    const match = ftsQuery(text);
    if (match) {
      const rows = this.db
        .prepare(
          `SELECT r.*, -bm25(requirements_fts, 2.0, 10.0, 5.0, 1.0) AS score FROM requirements_fts
           JOIN requirements r ON r.rowid = requirements_fts.rowid
           WHERE requirements_fts MATCH ? ${frameworkId ? 'AND r.framework_id = ?' : ''}
           ORDER BY score DESC, r.id LIMIT ?`,
        )
        .all(...[match, ...(frameworkId ? [frameworkId] : []), limit]) as Array<DbRequirementRow & { score: number }>;
      for (const row of rows) if (!hits.has(row.id)) hits.set(row.id, { requirement: toRequirement(row), score: row.score });
    }
    return [...hits.values()].slice(0, limit);
  }

  async saveMapping(mapping: Mapping): Promise<Mapping> {
    if (mapping.origin === 'reference') throw new InputError('mappings with origin "reference" come only from the shipped files; use origin "user"');
    const missing = [mapping.source, mapping.target].filter((id) => !this.requirementsById([id]).length);
    if (missing.length) throw new NotFoundError(`unknown requirement ${missing.map((id) => `"${id}"`).join(' and ')}`);
    if (mapping.source === mapping.target) throw new InputError(`a requirement cannot be mapped to itself ("${mapping.source}")`);
    const existing = await this.getMapping(mapping.id);
    if (existing && (existing.origin === 'reference' || existing.origin === 'import'))
      throw new ConflictError(`mapping "${mapping.id}" comes from a content file; review it instead of replacing it`);
    const inverse = this.db.prepare('SELECT id FROM mappings WHERE source = ? AND target = ?').get(mapping.target, mapping.source) as { id: string } | undefined;
    if (inverse) throw new ConflictError(`the pair is already mapped in the other direction ("${inverse.id}"); edit or review that mapping`);
    const row = fromMapping(mapping);
    this.db
      .prepare(
        `INSERT OR REPLACE INTO mappings VALUES (@id, @source, @target, @source_fw, @target_fw, @relationship, @rationale, @strength, @method,
         @status, @origin, @prov_source, @prov_url, @prov_author, @prov_reviewer, @prov_created, @prov_reviewed, @note, @review_note,
         @also_stated_by)`,
      )
      .run(row);
    this.touched(mapping);
    return (await this.getMapping(mapping.id))!;
  }

  async reviewMapping(decision: ReviewDecision): Promise<Mapping> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM mappings WHERE id = ?').get(decision.mappingId) as DbMappingRow | undefined;
      if (!row) throw new NotFoundError(`unknown mapping "${decision.mappingId}"`);
      const before = toMapping(row);
      const replaced = decision.replaced ?? replacedBy(before, decision.edits);
      this.db
        .prepare('INSERT INTO reviews (mapping_id, status, reviewer, at, note, edits, replaced) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(decision.mappingId, decision.status, decision.reviewer, decision.at, decision.note ?? null, decision.edits ? JSON.stringify(decision.edits) : null, replaced ? JSON.stringify(replaced) : null);
      const reviewed = fromMapping(applyReview(before, decision));
      this.db
        .prepare(
          `UPDATE mappings SET relationship = @relationship, rationale = @rationale, strength = @strength, status = @status,
           prov_reviewer = @prov_reviewer, prov_reviewed = @prov_reviewed, note = @note, review_note = @review_note WHERE id = @id`,
        )
        .run(reviewed);
      this.touched(reviewed);
      return toMapping(this.db.prepare('SELECT * FROM mappings WHERE id = ?').get(decision.mappingId) as DbMappingRow);
    })();
  }

  async reviewHistory(mappingId: string): Promise<ReviewDecision[]> {
    return (this.db.prepare('SELECT * FROM reviews WHERE mapping_id = ? ORDER BY seq').all(mappingId) as DbReviewRow[]).map(toReview);
  }

  async putEmbeddings(model: EmbeddingModelInfo, embeddings: StoredEmbedding[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO embeddings VALUES (@model_id, @requirement_id, @framework_id, @text_hash, @pooling, @prefix, @dimension, @vector)`,
    );
    this.db.transaction(() => {
      for (const e of embeddings) {
        if (e.vector.length !== model.dimension) throw new InputError(`vector for "${e.requirementId}" has ${e.vector.length} dimensions; ${model.modelId} has ${model.dimension}`);
        insert.run({
          model_id: model.modelId, requirement_id: e.requirementId, framework_id: e.requirementId.slice(0, e.requirementId.indexOf(':')),
          text_hash: e.textHash, pooling: model.pooling, prefix: model.prefix, dimension: model.dimension,
          vector: Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength),
        });
      }
    })();
  }

  async getEmbeddings(modelId: string, requirementIds: string[]): Promise<Map<string, StoredEmbedding>> {
    const found = new Map<string, StoredEmbedding>();
    for (let i = 0; i < requirementIds.length; i += 500) {
      const chunk = requirementIds.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT requirement_id, text_hash, vector FROM embeddings WHERE model_id = ? AND requirement_id IN (${placeholders(chunk.length)})`)
        .all(modelId, ...chunk) as Array<{ requirement_id: string; text_hash: string; vector: Buffer }>;
      for (const row of rows) found.set(row.requirement_id, { requirementId: row.requirement_id, textHash: row.text_hash, vector: toFloat32(row.vector) });
    }
    return found;
  }

  async nearestRequirements(modelId: string, vector: Float32Array, { frameworkId, k }: { frameworkId: string; k: number }): Promise<NearestHit[]> {
    const rows = this.db
      .prepare('SELECT requirement_id, vector FROM embeddings WHERE model_id = ? AND framework_id = ?')
      .all(modelId, frameworkId) as Array<{ requirement_id: string; vector: Buffer }>;
    const norm = Math.hypot(...vector) || 1;
    return rows
      .map((row) => {
        const other = toFloat32(row.vector);
        let dot = 0;
        let otherNorm = 0;
        for (let i = 0; i < other.length; i++) {
          dot += other[i]! * (vector[i] ?? 0);
          otherNorm += other[i]! * other[i]!;
        }
        return { requirementId: row.requirement_id, score: dot / (norm * (Math.sqrt(otherNorm) || 1)) };
      })
      .sort((a, b) => b.score - a.score || a.requirementId.localeCompare(b.requirementId))
      .slice(0, k);
  }

  // EvidenceStore: one small operation per file under operations/evidence/.

  async saveEvidence(item: Evidence): Promise<Evidence> {
    this.db.transaction(() => saveEvidence({ db: this.db, items: [item] }))();
    return (await this.getEvidence(item.id))!;
  }

  async getEvidence(id: string): Promise<Evidence | undefined> {
    return getEvidence({ db: this.db, id });
  }

  async listEvidence(filter: EvidenceFilter = {}): Promise<Evidence[]> {
    return listEvidence({ db: this.db, filter });
  }

  async countEvidence(filter: EvidenceCriteria = {}): Promise<number> {
    return countEvidence({ db: this.db, filter });
  }

  async deleteEvidence(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM evidence WHERE id = ?').run(id).changes > 0;
  }

  async linkEvidence(link: EvidenceLink): Promise<EvidenceLink> {
    this.db.transaction(() => writeEvidenceLinks({ db: this.db, links: [link] }))();
    const target = link.kind === 'requirement' ? { requirementId: link.requirementId } : { orgControlId: link.orgControlId };
    return listEvidenceLinks({ db: this.db, filter: { evidenceId: link.evidenceId, ...target } })[0]!;
  }

  async unlinkEvidence(key: EvidenceLinkKey): Promise<boolean> {
    return deleteEvidenceLink({ db: this.db, key });
  }

  async listEvidenceLinks(filter: EvidenceLinkFilter = {}): Promise<EvidenceLink[]> {
    return listEvidenceLinks({ db: this.db, filter });
  }

  async importEvidence({ evidence, links }: { evidence: Evidence[]; links: EvidenceLink[] }): Promise<EvidenceImportSummary> {
    return importEvidence({ db: this.db, evidence, links });
  }

  async listOrgControls(): Promise<OrgControl[]> {
    return listOrgControls({ db: this.db });
  }

  async getOrgControl(id: string): Promise<OrgControl | undefined> {
    return listOrgControls({ db: this.db, id })[0];
  }

  async saveOrgControls(controls: OrgControl[], options: OrgControlSaveOptions = {}): Promise<void> {
    saveOrgControls({ db: this.db, controls, ...options });
  }

  async deleteOrgControl(id: string): Promise<boolean> {
    return deleteOrgControl({ db: this.db, id });
  }

  async listSoaEntries(frameworkId: string): Promise<SoaEntry[]> {
    return listSoaEntries({ db: this.db, frameworkId });
  }

  async saveSoaEntries(entries: SoaEntry[]): Promise<void> {
    saveSoaEntries({ db: this.db, entries });
  }

  async deleteSoaEntry(frameworkId: string, requirementId: string): Promise<boolean> {
    return deleteSoaEntry({ db: this.db, frameworkId, requirementId });
  }
}

const toFloat32 = (buffer: Buffer) => new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
