import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type SessionMode } from 'neo4j-driver';
import { ConflictError, InputError, NotFoundError } from '../../domain/errors.js';
import { EXACT_MATCH_SCORE, type CoverageCell, type EdgeFilter, type MappingPath, type Neighbourhood, type NeighbourhoodQuery, type PathQuery, type RequirementDetail, type SearchHit, type SearchQuery } from '../../domain/graph.js';
import { comparePaths, compareViews, neighbourhoodVia, pathsVia, viewFrom } from '../../domain/graphAlgorithms.js';
import { applyReview, replacedBy } from '../../domain/review.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import type { HarmonizedClause } from '../../domain/schemas/harmonizedClause.js';
import type { Mapping, NoCounterpart, Relationship } from '../../domain/schemas/mapping.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import type { Evidence, EvidenceLink } from '../../domain/schemas/evidence.js';
import type { OrgControl } from '../../domain/schemas/orgControl.js';
import type { SoaEntry } from '../../domain/schemas/soa.js';
import type {
  EmbeddingModelInfo, EmbeddingStore, EvidenceCriteria, EvidenceFilter, EvidenceImportSummary, EvidenceLinkFilter, EvidenceLinkKey, EvidenceStore, FrameworkSummary,
  GraphStore, LoadProgress, LoadSummary, MappingCriteria, MappingFilter, NearestHit, OrgControlSaveOptions, RequirementFilter, ReviewDecision, StoredEmbedding,
} from '../types.js';
import { parseNeo4jConfig, serverTooOld, type Neo4jConfig } from './config.js';
import {
  fromMapping, fromReview, rethrowNeo4jError, toFramework, toHarmonizedClause, toInteger, toMapping, toNoCounterpart, toNumber,
  refKeyOf, toMappingPath, toRequirement, toReview, type Props, type StoredPathStep,
} from './conversion.js';
import { applyMigrations } from './migrations.js';
import { adjacencyNeededBy, groupAdjacency } from './operations/adjacencyNeededBy.js';
import { coverageCells } from './operations/coverageCells.js';
import { getEmbeddings } from './operations/embeddings/getEmbeddings.js';
import { nearestRequirements, readEmbeddingIndex } from './operations/embeddings/nearestRequirements.js';
import { putEmbeddings } from './operations/embeddings/putEmbeddings.js';
import { deleteEvidenceLink, listEvidenceLinks, writeEvidenceLinks } from './operations/evidence/evidenceLinks.js';
import { importEvidence } from './operations/evidence/importEvidence.js';
import { countEvidence, deleteEvidence, getEvidence, listEvidence } from './operations/evidence/listEvidence.js';
import { deleteOrgControl, listOrgControls, saveOrgControls } from './operations/evidence/orgControls.js';
import { saveEvidence } from './operations/evidence/saveEvidence.js';
import { deleteSoaEntry, listSoaEntries, saveSoaEntries } from './operations/evidence/soaEntries.js';
import { loadContent } from './operations/loadContent.js';
import { luceneQuery } from './operations/search.js';
import { aliasTagSearched } from '../aliasSearch.js';
import { limitOf, pageOf } from './paging.js';
import * as Q from './queries.js';

/** The SQLite store's default page size, so both stores answer an unpaged request alike. */
const DEFAULT_LIMIT = 10_000;
const page = (paging: { limit?: number; offset?: number }) => pageOf(paging, DEFAULT_LIMIT);
const edgeParams = ({ relationships, statuses }: EdgeFilter) => ({ relationships: relationships ?? [], statuses: statuses ?? [] });
const requirementOf = (record: { get(key: string): unknown }) => toRequirement(record.get('requirement') as Props);
const mappingOf = (record: { get(key: string): unknown }) => toMapping(record.get('mapping') as Props);
/** The filter parameters of FIND_MAPPINGS and COUNT_MAPPINGS. */
const mappingFilterParams = ({ frameworks, frameworkId, requirementId, relationships, statuses, methods, origins, provenanceSource, disputed }: MappingCriteria) => ({
  // The SQLite store treats empty strings as "no filter" for these; so does this one.
  pair: frameworks ? [frameworks[0], frameworks[1]] : null,
  frameworkId: frameworkId || null,
  requirementId: requirementId || null,
  relationships: relationships ?? [],
  statuses: statuses ?? [],
  methods: methods ?? [],
  origins: origins ?? [],
  provenanceSource: provenanceSource || null,
  disputed: disputed ?? false,
});

/**
 * The longest path pathsVia returns for a maxLength, when a PATHS_UP_TO statement can find them all: pathsVia always
 * tries the final hop into the target, then extends while the path is shorter than maxLength, so it returns paths of
 * up to max(1, ceil(maxLength)) steps. Undefined when that is beyond the native statements (or not a number).
 */
export function nativePathBound(maxLength: number): number | undefined {
  const bound = Math.max(1, Math.ceil(maxLength));
  return bound <= Q.PATHS_NATIVE_MAX_LENGTH ? bound : undefined;
}

/**
 * Opens a store on a running Neo4j 5.18+ or 2025.x server: connects, refuses an older server by name, applies
 * migrations, waits for indexes.
 */
export async function openNeo4jStore(config: Neo4jConfig): Promise<Neo4jStore> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), { userAgent: 'crosswalk' });
  try {
    const tooOld = serverTooOld((await driver.getServerInfo({ database: config.database })).agent);
    if (tooOld) throw new InputError(`${tooOld} (NEO4J_URI=${config.uri})`);
    const store = new Neo4jStore(driver, config);
    await applyMigrations({ driver, database: config.database, bookmarkManager: store.bookmarkManager });
    return store;
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** openNeo4jStore with settings from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE (see config.ts). */
export const openNeo4jStoreFromEnv = (env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env) =>
  openNeo4jStore(parseNeo4jConfig(env));

/**
 * GraphStore, EmbeddingStore and EvidenceStore on Neo4j. Every method is one managed transaction (retried by the
 * driver on transient errors, routed to a writer or a reader of a cluster), and every session shares one bookmark
 * manager so each read sees the writes this store made before it, whichever cluster member serves it.
 */
const revisionIn = async (tx: ManagedTransaction): Promise<string> => String(toNumber((await tx.run(Q.REVISION)).records[0]?.get('revision') ?? 0));

export class Neo4jStore implements GraphStore, EmbeddingStore, EvidenceStore {
  readonly engine = 'neo4j' as const;
  /** Causal consistency across this store's sessions. */
  readonly bookmarkManager: BookmarkManager = neo4j.bookmarkManager();
  private closed = false;
  /** The vector index's dimension, once it has been seen online (an index does not change while the store is open). */
  private embeddingIndexDimension: number | undefined;
  /** Coverage matrices by filter, with the revision each was counted at. */
  private matrixCache = new Map<string, { revision: string; cells: CoverageCell[] }>();

  constructor(private readonly driver: Driver, private readonly config: Neo4jConfig) {}

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close();
  }

  private async transaction<T>(mode: SessionMode, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.config.queryTimeoutMs): Promise<T> {
    const session = this.driver.session({ database: this.config.database, defaultAccessMode: mode, bookmarkManager: this.bookmarkManager });
    try {
      const run = mode === neo4j.session.READ ? session.executeRead.bind(session) : session.executeWrite.bind(session);
      return await run(work, { timeout: timeoutMs, metadata: { app: 'crosswalk' } });
    } catch (error) {
      return rethrowNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>) {
    return this.transaction(neo4j.session.READ, work);
  }

  /** Every write also bumps the store's revision, in the same transaction (see revision()). */
  private write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number) {
    return this.transaction(
      neo4j.session.WRITE,
      async (tx) => {
        const result = await work(tx);
        await tx.run(Q.BUMP_REVISION);
        return result;
      },
      timeoutMs,
    );
  }

  async revision(): Promise<string> {
    return this.read(revisionIn);
  }

  /** Test support: deletes every node and relationship in batches (the schema, the migration record and the revision stay). */
  async deleteAllData(batchSize = 10_000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.write(async (tx) => toNumber((await tx.run(Q.DELETE_ALL_BATCH, { batchSize: toInteger(batchSize) })).records[0]?.get('deleted') ?? 0));
      deleted += n;
      if (n === 0) return deleted;
    }
  }

  async loadContent(bundle: ContentBundle, options: { onProgress?: (p: LoadProgress) => void } = {}): Promise<LoadSummary> {
    return this.write((tx) => loadContent({ tx, bundle, onProgress: options.onProgress }), this.config.loadTimeoutMs);
  }

  async contentFingerprint(): Promise<string | undefined> {
    return this.read(async (tx) => ((await tx.run(Q.CONTENT_FINGERPRINT)).records[0]?.get('fingerprint') as string | undefined) ?? undefined);
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    return this.read(async (tx) =>
      (await tx.run(Q.LIST_FRAMEWORKS)).records.map((r) => ({
        ...toFramework(r.get('framework') as Props),
        requirementCount: toNumber(r.get('requirementCount'), 'requirementCount'),
      })));
  }

  async listRequirements({ frameworkId, parentId, kinds, limit, offset }: RequirementFilter): Promise<Requirement[]> {
    return this.read(async (tx) =>
      (await tx.run(Q.LIST_REQUIREMENTS, {
        frameworkId: frameworkId ?? null,
        anyParent: parentId === undefined,
        parentId: parentId ?? null,
        kinds: kinds ?? [],
        ...page({ limit, offset }),
      })).records.map(requirementOf));
  }

  async getRequirements(ids: string[]): Promise<Requirement[]> {
    return this.read((tx) => this.requirementsById(tx, ids));
  }

  /** In the order asked (repeats included); unknown ids left out. */
  private async requirementsById(tx: ManagedTransaction, ids: string[]): Promise<Requirement[]> {
    if (!ids.length) return [];
    const found = new Map((await tx.run(Q.GET_REQUIREMENTS, { ids: [...new Set(ids)] })).records.map(requirementOf).map((r) => [r.id, r]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  private async mappingsAt(tx: ManagedTransaction, ids: string[], filter: EdgeFilter): Promise<Map<string, Mapping[]>> {
    if (!ids.length) return new Map();
    const rows = (await tx.run(Q.MAPPINGS_AT, { ids, ...edgeParams(filter) })).records.map((r) => ({ id: r.get('id') as string, mapping: mappingOf(r) }));
    return groupAdjacency(rows);
  }

  async requirementDetail(id: string, filter: EdgeFilter = {}): Promise<RequirementDetail | undefined> {
    return this.read(async (tx) => {
      const [requirement] = await this.requirementsById(tx, [id]);
      if (!requirement) return undefined;
      const ancestors = (await tx.run(Q.REQUIREMENT_ANCESTORS, { id })).records.map(requirementOf);
      const children = (await tx.run(Q.REQUIREMENT_CHILDREN, { id })).records.map(requirementOf);
      const mappings = ((await this.mappingsAt(tx, [id], filter)).get(id) ?? []).map((m) => viewFrom(id, m)).sort(compareViews);
      return { requirement, ancestors, children, mappings };
    });
  }

  async findMappings({ limit, offset, ...filter }: MappingFilter): Promise<Mapping[]> {
    const params = { ...mappingFilterParams(filter), ...page({ limit, offset }) };
    return this.read(async (tx) => {
      const result = params.requirementId ? await tx.run(Q.FIND_MAPPINGS_AT_REQUIREMENT, params) : await tx.run(Q.FIND_MAPPINGS, params);
      return result.records.map(mappingOf);
    });
  }

  async countMappings(filter: MappingCriteria): Promise<number> {
    const params = mappingFilterParams(filter);
    return this.read(async (tx) => {
      const result = params.requirementId ? await tx.run(Q.COUNT_MAPPINGS_AT_REQUIREMENT, params) : await tx.run(Q.COUNT_MAPPINGS, params);
      return toNumber(result.records[0]?.get('total') ?? 0);
    });
  }

  async countMappingsByFramework(frameworkIds: string[]): Promise<Map<string, number>> {
    if (!frameworkIds.length) return new Map();
    return this.read(async (tx) =>
      new Map((await tx.run(Q.COUNT_MAPPINGS_BY_FRAMEWORK, { frameworkIds })).records.map((r) => [r.get('frameworkId') as string, toNumber(r.get('total'))])));
  }

  async getMapping(id: string): Promise<Mapping | undefined> {
    return this.read(async (tx) => {
      const record = (await tx.run(Q.GET_MAPPING, { id })).records[0];
      return record && mappingOf(record);
    });
  }

  async listNoCounterparts({ requirementId, frameworkId, otherFrameworkId }: { requirementId?: string; frameworkId?: string; otherFrameworkId?: string }): Promise<NoCounterpart[]> {
    return this.read(async (tx) =>
      (await tx.run(Q.LIST_NO_COUNTERPARTS, { requirementId: requirementId || null, frameworkId: frameworkId || null, otherFrameworkId: otherFrameworkId || null }))
        .records.map((r) => toNoCounterpart(r.get('noCounterpart') as Props)));
  }

  async listHarmonizedClauses(): Promise<HarmonizedClause[]> {
    return this.read(async (tx) =>
      (await tx.run(Q.LIST_HARMONIZED_CLAUSES)).records.map((r) => toHarmonizedClause(r.get('clause') as Props, r.get('members') as Props[])));
  }

  /** Breadth-first, one MAPPINGS_AT query per level; the answer is neighbourhoodVia's by construction. */
  async neighbourhood(query: NeighbourhoodQuery): Promise<Neighbourhood> {
    return this.read(async (tx) => {
      const adjacent = await adjacencyNeededBy((adj) => neighbourhoodVia(adj, () => [], query), (ids) => this.mappingsAt(tx, ids, query));
      let wanted: string[] = [];
      neighbourhoodVia(adjacent, (ids) => ((wanted = ids), []), query);
      const found = new Map((await this.requirementsById(tx, wanted)).map((r) => [r.id, r]));
      return neighbourhoodVia(adjacent, (ids) => ids.flatMap((id) => found.get(id) ?? []), query);
    });
  }

  /**
   * Simple paths with a native variable-length match (one statement per maximum length, see PATHS_UP_TO); when the
   * bound is beyond PATHS_NATIVE_MAX_LENGTH, pathsVia over adjacency fetched level by level.
   */
  async paths(query: PathQuery): Promise<MappingPath[]> {
    const { from, to, maxPaths = 100 } = query;
    if (from === to) return [];
    const bound = nativePathBound(query.maxLength);
    return this.read(async (tx) => {
      if (bound === undefined) {
        const adjacent = await adjacencyNeededBy((adj) => pathsVia(adj, query), (ids) => this.mappingsAt(tx, ids, query));
        return pathsVia(adjacent, query);
      }
      const records = (await tx.run(Q.PATHS_UP_TO[bound - 1]!, { from, to, ...edgeParams(query) })).records;
      return records.map((r) => toMappingPath(r.get('steps') as StoredPathStep[])).sort(comparePaths).slice(0, maxPaths);
    });
  }

  /**
   * The matrix reads every mapping three times, so it is kept per filter with the revision it was counted at; any write,
   * by this process or another, moves the revision and the next call counts again.
   */
  async coverageMatrix(filter: EdgeFilter): Promise<CoverageCell[]> {
    const key = JSON.stringify([filter.relationships ?? [], filter.statuses ?? []]);
    return this.read(async (tx) => {
      const revision = await revisionIn(tx);
      const cached = this.matrixCache.get(key);
      if (cached?.revision === revision) return [...cached.cells];
      const params = edgeParams(filter);
      const totals = (await tx.run(Q.REQUIREMENT_TOTALS)).records.map((r) => ({ frameworkId: r.get('frameworkId') as string, total: toNumber(r.get('total'), 'total') }));
      const covered = (await tx.run(Q.COVERAGE_COVERED, params)).records.map((r) => ({
        source: r.get('source') as string, target: r.get('target') as string, covered: toNumber(r.get('covered'), 'covered'),
      }));
      const byRelationship = (await tx.run(Q.COVERAGE_BY_RELATIONSHIP, params)).records.map((r) => ({
        source: r.get('source') as string, target: r.get('target') as string, relationship: r.get('relationship') as Relationship,
        outgoing: r.get('outgoing') as boolean, mappings: toNumber(r.get('mappings'), 'mappings'),
      }));
      const cells = coverageCells({ totals, covered, byRelationship });
      this.matrixCache.set(key, { revision, cells });
      return [...cells];
    });
  }

  /** Exact id or ref matches first (EXACT_MATCH_SCORE, as in the SQLite store), then full-text hits by Lucene score. */
  async search({ text, frameworkId, limit = 20 }: SearchQuery): Promise<SearchHit[]> {
    const max = limitOf(limit);
    if (max === 0) return [];
    const params = { frameworkId: frameworkId || null, limit: toInteger(max) };
    return this.read(async (tx) => {
      const hits = new Map<string, SearchHit>();
      let exact = (await tx.run(Q.SEARCH_EXACT, { ...params, text: text.trim(), refKey: refKeyOf(text.trim()) })).records;
      const aliasTag = exact.length ? undefined : aliasTagSearched(text);
      if (aliasTag) exact = (await tx.run(Q.SEARCH_ALIAS, { ...params, aliasTag })).records;
      for (const r of exact) {
        const requirement = requirementOf(r);
        hits.set(requirement.id, { requirement, score: EXACT_MATCH_SCORE });
      }
      const query = luceneQuery(text);
      if (query) {
        for (const r of (await tx.run(Q.SEARCH_FULLTEXT, { ...params, query })).records) {
          const requirement = requirementOf(r);
          if (!hits.has(requirement.id)) hits.set(requirement.id, { requirement, score: toNumber(r.get('score'), 'score') });
        }
      }
      return [...hits.values()].slice(0, max);
    });
  }

  async saveMapping(mapping: Mapping): Promise<Mapping> {
    if (mapping.origin === 'reference') throw new InputError('mappings with origin "reference" come only from the shipped files; use origin "user"');
    return this.write(async (tx) => {
      const found = new Set((await this.requirementsById(tx, [mapping.source, mapping.target])).map((r) => r.id));
      const missing = [mapping.source, mapping.target].filter((id) => !found.has(id));
      if (missing.length) throw new NotFoundError(`unknown requirement ${missing.map((id) => `"${id}"`).join(' and ')}`);
      if (mapping.source === mapping.target) throw new InputError(`a requirement cannot be mapped to itself ("${mapping.source}")`);
      const existing = (await tx.run(Q.GET_MAPPING, { id: mapping.id })).records[0];
      const existingOrigin = existing && mappingOf(existing).origin;
      if (existingOrigin === 'reference' || existingOrigin === 'import')
        throw new ConflictError(`mapping "${mapping.id}" comes from a content file; review it instead of replacing it`);
      const inverse = (await tx.run(Q.MAPPING_BETWEEN, { source: mapping.target, target: mapping.source })).records[0];
      if (inverse) throw new ConflictError(`the pair is already mapped in the other direction ("${inverse.get('id') as string}"); edit or review that mapping`);
      await tx.run(Q.DELETE_MAPPING, { id: mapping.id });
      await tx.run(Q.CREATE_MAPPINGS, { rows: [fromMapping(mapping)] });
      const saved = (await tx.run(Q.GET_MAPPING, { id: mapping.id })).records[0];
      if (!saved) throw new Error(`mapping "${mapping.id}" was not stored`);
      return mappingOf(saved);
    });
  }

  async reviewMapping(decision: ReviewDecision): Promise<Mapping> {
    return this.write(async (tx) => {
      const record = (await tx.run(Q.LOCK_MAPPING_FOR_REVIEW, { id: decision.mappingId })).records[0];
      if (!record) throw new NotFoundError(`unknown mapping "${decision.mappingId}"`);
      const before = mappingOf(record);
      await tx.run(Q.CREATE_REVIEW, { review: fromReview({ ...decision, replaced: decision.replaced ?? replacedBy(before, decision.edits) }) });
      const reviewed = applyReview(before, decision);
      await tx.run(Q.UPDATE_MAPPING, { id: decision.mappingId, props: fromMapping(reviewed).props });
      const updated = (await tx.run(Q.GET_MAPPING, { id: decision.mappingId })).records[0];
      if (!updated) throw new Error(`mapping "${decision.mappingId}" vanished while it was reviewed`);
      return mappingOf(updated);
    });
  }

  async reviewHistory(mappingId: string): Promise<ReviewDecision[]> {
    return this.read(async (tx) => (await tx.run(Q.REVIEW_HISTORY, { mappingId })).records.map((r) => toReview(r.get('review') as Props)));
  }

  // EmbeddingStore: see operations/embeddings/ and docs/neo4j.md ("Vectors").

  async putEmbeddings(model: EmbeddingModelInfo, embeddings: StoredEmbedding[]): Promise<void> {
    if (!embeddings.length) return;
    await this.write((tx) => putEmbeddings({ tx, model, embeddings }), this.config.loadTimeoutMs);
  }

  async getEmbeddings(modelId: string, requirementIds: string[]): Promise<Map<string, StoredEmbedding>> {
    if (!requirementIds.length) return new Map();
    return this.read((tx) => getEmbeddings({ tx, modelId, requirementIds }));
  }

  async nearestRequirements(modelId: string, vector: Float32Array, { frameworkId, k }: { frameworkId: string; k: number }): Promise<NearestHit[]> {
    const indexDimension = await this.onlineEmbeddingIndexDimension();
    return this.read((tx) => nearestRequirements({ tx, modelId, vector, frameworkId, k, indexDimension }));
  }

  /**
   * The vector index's dimension when it is online; undefined (search exactly) while it is missing or populating, or
   * when this user may not list indexes. Remembered once seen online.
   */
  private async onlineEmbeddingIndexDimension(): Promise<number | undefined> {
    if (this.embeddingIndexDimension !== undefined) return this.embeddingIndexDimension;
    let state;
    try {
      state = await this.read(readEmbeddingIndex);
    } catch (error) {
      if (error instanceof neo4j.Neo4jError && error.code.startsWith('Neo.ClientError.Security.')) return undefined;
      throw error;
    }
    if (state?.online) this.embeddingIndexDimension = state.dimension;
    return state?.online ? state.dimension : undefined;
  }

  // EvidenceStore: one operation per file under operations/evidence/, each run in one transaction here.

  async saveEvidence(item: Evidence): Promise<Evidence> {
    return this.write(async (tx) => {
      await saveEvidence({ tx, items: [item] });
      const saved = await getEvidence({ tx, id: item.id });
      if (!saved) throw new Error(`evidence item "${item.id}" was not stored`);
      return saved;
    });
  }

  async getEvidence(id: string): Promise<Evidence | undefined> {
    return this.read((tx) => getEvidence({ tx, id }));
  }

  async listEvidence(filter: EvidenceFilter = {}): Promise<Evidence[]> {
    return this.read((tx) => listEvidence({ tx, filter }));
  }

  async countEvidence(filter: EvidenceCriteria = {}): Promise<number> {
    return this.read((tx) => countEvidence({ tx, filter }));
  }

  async deleteEvidence(id: string): Promise<boolean> {
    return this.write((tx) => deleteEvidence({ tx, id }));
  }

  async linkEvidence(link: EvidenceLink): Promise<EvidenceLink> {
    return this.write(async (tx) => {
      await writeEvidenceLinks({ tx, links: [link] });
      const target = link.kind === 'requirement' ? { requirementId: link.requirementId } : { orgControlId: link.orgControlId };
      const [saved] = await listEvidenceLinks({ tx, filter: { evidenceId: link.evidenceId, ...target } });
      if (!saved) throw new Error(`the link from "${link.evidenceId}" was not stored`);
      return saved;
    });
  }

  async unlinkEvidence(key: EvidenceLinkKey): Promise<boolean> {
    return this.write((tx) => deleteEvidenceLink({ tx, key }));
  }

  async listEvidenceLinks(filter: EvidenceLinkFilter = {}): Promise<EvidenceLink[]> {
    return this.read((tx) => listEvidenceLinks({ tx, filter }));
  }

  async importEvidence({ evidence, links }: { evidence: Evidence[]; links: EvidenceLink[] }): Promise<EvidenceImportSummary> {
    return this.write((tx) => importEvidence({ tx, evidence, links }), this.config.loadTimeoutMs);
  }

  async listOrgControls(): Promise<OrgControl[]> {
    return this.read((tx) => listOrgControls({ tx }));
  }

  async getOrgControl(id: string): Promise<OrgControl | undefined> {
    return this.read(async (tx) => (await listOrgControls({ tx, id }))[0]);
  }

  async saveOrgControls(controls: OrgControl[], options: OrgControlSaveOptions = {}): Promise<void> {
    await this.write((tx) => saveOrgControls({ tx, controls, ...options }));
  }

  async deleteOrgControl(id: string): Promise<boolean> {
    return this.write((tx) => deleteOrgControl({ tx, id }));
  }

  async listSoaEntries(frameworkId: string): Promise<SoaEntry[]> {
    return this.read((tx) => listSoaEntries({ tx, frameworkId }));
  }

  async saveSoaEntries(entries: SoaEntry[]): Promise<void> {
    await this.write((tx) => saveSoaEntries({ tx, entries }));
  }

  async deleteSoaEntry(frameworkId: string, requirementId: string): Promise<boolean> {
    return this.write((tx) => deleteSoaEntry({ tx, frameworkId, requirementId }));
  }
}
