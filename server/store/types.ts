import type {
  CoverageCell, EdgeFilter, MappingPath, Neighbourhood, NeighbourhoodQuery, PathQuery, RequirementDetail, SearchHit, SearchQuery,
} from '../domain/graph.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import type { Evidence, EvidenceLink } from '../domain/schemas/evidence.js';
import type { OrgControl } from '../domain/schemas/orgControl.js';
import type { SoaEntry } from '../domain/schemas/soa.js';
import type { Framework } from '../domain/schemas/framework.js';
import type { HarmonizedClause } from '../domain/schemas/harmonizedClause.js';
import type { Mapping, Method, NoCounterpart, Origin, Relationship, Status } from '../domain/schemas/mapping.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import type { ReviewEdits } from '../domain/review.js';

export interface LoadCounts {
  added: number;
  updated: number;
  removed: number;
}

export interface LoadSummary {
  /** False when nothing had to be written: the store already held exactly this content. */
  changed: boolean;
  fingerprint: string;
  frameworks: LoadCounts;
  requirements: LoadCounts;
  mappings: LoadCounts;
  noCounterparts: LoadCounts;
  harmonizedClauses: LoadCounts;
  /** Review decisions made by people that were re-applied on top of the new file content. */
  reviewsKept: number;
  /**
   * Requirements the files no longer hold that stay in the store, because something made or judged in Crosswalk still
   * points at them (a mapping, an evidence link, a control citation, a SoA decision); their ids, sorted.
   */
  requirementsKept: string[];
  /** The suggester's proposals that nobody had reviewed, removed with the requirement they pointed at. */
  proposalsDropped: number;
}

export interface LoadProgress {
  phase: string;
  done: number;
  total: number;
}

export interface MappingFilter {
  /** Mappings between these two frameworks, in either stored direction. */
  frameworks?: [string, string];
  frameworkId?: string;
  requirementId?: string;
  relationships?: Relationship[];
  statuses?: Status[];
  methods?: Method[];
  origins?: Origin[];
  provenanceSource?: string;
  /** Only mappings that a further source states with another relationship (see Mapping.alsoStatedBy). */
  disputed?: boolean;
  limit?: number;
  offset?: number;
}

/** Which mappings, without paging: what a count takes. */
export type MappingCriteria = Omit<MappingFilter, 'limit' | 'offset'>;

export interface RequirementFilter {
  frameworkId?: string;
  /** Direct children of this requirement; `null` for the framework's roots. */
  parentId?: string | null;
  kinds?: string[];
  limit?: number;
  offset?: number;
}

export interface ReviewDecision {
  mappingId: string;
  status: Exclude<Status, 'proposed'> | 'proposed';
  reviewer: string;
  /** ISO timestamp. */
  at: string;
  note?: string;
  /** A reviewer may correct the mapping while accepting it. */
  edits?: ReviewEdits;
  /**
   * What those corrections replaced (`replacedBy`), as the mapping held it then. The store records it; a decision
   * carries it only when it comes from an exported history (a Crosswalk bundle), where the store's mapping is already
   * the corrected one. The API's review input has no such field.
   */
  replaced?: ReviewEdits;
}

export interface FrameworkSummary extends Framework {
  requirementCount: number;
}

/**
 * The one interface every layer above the store uses. Implementations: SqliteStore (embedded default)
 * and Neo4jStore. Both must pass test/store/storeContract.test.ts.
 */
export interface GraphStore {
  readonly engine: 'sqlite' | 'neo4j';
  close(): Promise<void>;

  /**
   * Makes the store's file-sourced content equal to `bundle` in one transaction: frameworks, requirements,
   * file mappings, no-counterpart records and harmonized clauses. What people made (their own mappings,
   * review decisions, evidence) is kept; reviews are re-applied to the new version of their mapping.
   */
  loadContent(bundle: ContentBundle, options?: { onProgress?: (p: LoadProgress) => void }): Promise<LoadSummary>;
  /** Fingerprint of the content last loaded, if any. */
  contentFingerprint(): Promise<string | undefined>;
  /**
   * Changes whenever anything the store holds was written, by this process or another one (the CLI writing
   * while the server runs): caches built from the store are keyed by it. Opaque; compare for equality only.
   */
  revision(): Promise<string>;

  listFrameworks(): Promise<FrameworkSummary[]>;
  listRequirements(filter: RequirementFilter): Promise<Requirement[]>;
  /** In the order asked; unknown ids are left out. */
  getRequirements(ids: string[]): Promise<Requirement[]>;
  requirementDetail(id: string, filter?: EdgeFilter): Promise<RequirementDetail | undefined>;
  /** In document order (compareMappingsInDocumentOrder), then paged. */
  findMappings(filter: MappingFilter): Promise<Mapping[]>;
  /** How many mappings `findMappings` would give for this filter without a limit (for paging). */
  countMappings(filter: MappingCriteria): Promise<number>;
  /** For each framework asked about, how many mappings have an end in it (one round trip, for lists of frameworks). */
  countMappingsByFramework(frameworkIds: string[]): Promise<Map<string, number>>;
  getMapping(id: string): Promise<Mapping | undefined>;
  listNoCounterparts(filter: { requirementId?: string; frameworkId?: string; otherFrameworkId?: string }): Promise<NoCounterpart[]>;
  listHarmonizedClauses(): Promise<HarmonizedClause[]>;

  neighbourhood(query: NeighbourhoodQuery): Promise<Neighbourhood>;
  paths(query: PathQuery): Promise<MappingPath[]>;
  coverageMatrix(filter: EdgeFilter): Promise<CoverageCell[]>;
  search(query: SearchQuery): Promise<SearchHit[]>;

  /** Creates or replaces a mapping made by a person, an import or a suggester (never origin "reference"). */
  saveMapping(mapping: Mapping): Promise<Mapping>;
  /** Records a review decision (kept in history) and applies it to the mapping. */
  reviewMapping(decision: ReviewDecision): Promise<Mapping>;
  reviewHistory(mappingId: string): Promise<ReviewDecision[]>;
}

/** How a vector was made; stored with every vector so vectors of different models never mix. */
export interface EmbeddingModelInfo {
  /** e.g. "Xenova/bge-small-en-v1.5". */
  modelId: string;
  pooling: 'cls' | 'mean';
  /** Text put before every input (some models want "query: " or "passage: "). */
  prefix: string;
  dimension: number;
}

export interface StoredEmbedding {
  requirementId: string;
  /** Hash of the exact text embedded, so a changed title or summary is re-embedded. */
  textHash: string;
  vector: Float32Array;
}

export interface NearestHit {
  requirementId: string;
  /** Cosine similarity. */
  score: number;
}

/**
 * Vectors for mapping suggestions: Neo4j keeps them in its vector index; the embedded store keeps them in a
 * table and searches them exactly in process.
 */
export interface EmbeddingStore {
  putEmbeddings(model: EmbeddingModelInfo, embeddings: StoredEmbedding[]): Promise<void>;
  /** Stored vectors of this model for these requirements (any text hash; callers compare hashes). */
  getEmbeddings(modelId: string, requirementIds: string[]): Promise<Map<string, StoredEmbedding>>;
  /** The k requirements of `frameworkId` whose vectors (of this model) are most similar to `vector`. */
  nearestRequirements(modelId: string, vector: Float32Array, options: { frameworkId: string; k: number }): Promise<NearestHit[]>;
}

export interface EvidenceFilter {
  /** Items linked directly to this requirement. */
  requirementId?: string;
  /** Items linked to this organisation control. */
  orgControlId?: string;
  /** Items that may count for this framework (their scope names it or is empty). */
  frameworkId?: string;
  /** Only items expired as of this date (YYYY-MM-DD). */
  expiredAsOf?: string;
  /**
   * What a person typed to find an item: split on whitespace, an item matches when every word occurs, in any order
   * and ignoring case, in its id, title, owner or description. Plain text: `%`, `_`, `*` and quotes match
   * themselves. Empty or blank filters nothing.
   */
  text?: string;
  limit?: number;
  offset?: number;
}

/** Which evidence items, without paging: what a count takes. */
export type EvidenceCriteria = Omit<EvidenceFilter, 'limit' | 'offset'>;

export interface EvidenceLinkFilter {
  evidenceId?: string;
  requirementId?: string;
  orgControlId?: string;
}

/** Identifies a link: the note is not part of it. */
export type EvidenceLinkKey =
  | { kind: 'requirement'; evidenceId: string; requirementId: string }
  | { kind: 'org-control'; evidenceId: string; orgControlId: string };

export interface EvidenceImportSummary {
  added: number;
  updated: number;
  /** Links written for the imported items (an imported item's links become exactly those of the import). */
  links: number;
}

export interface OrgControlSaveOptions {
  /** Controls to delete in the same transaction (their citations go; their evidence links go unless moved). */
  remove?: string[];
  /** Evidence links to move from one control to another (after a merge). */
  moveLinks?: Array<{ from: string; to: string }>;
}

/**
 * What people make on top of the content: evidence items and their links, the organisation's unified control set
 * and its Statement of Applicability decisions. A separate capability from GraphStore (like EmbeddingStore); an
 * engine implements it next to GraphStore and must pass test/store/evidenceContract.test.ts. Domain types in and
 * out; values are already validated (parse at the edge). Unknown requirements, controls, frameworks or items are
 * NotFoundError. GraphStore.loadContent never changes any of it.
 */
export interface EvidenceStore {
  /** Creates or replaces an item (its links are kept). Every framework of its scope must exist. */
  saveEvidence(item: Evidence): Promise<Evidence>;
  getEvidence(id: string): Promise<Evidence | undefined>;
  /** Sorted by id. */
  listEvidence(filter?: EvidenceFilter): Promise<Evidence[]>;
  /** How many items `listEvidence` would give for this filter without a limit (for "showing 200 of 12,345"). */
  countEvidence(filter?: EvidenceCriteria): Promise<number>;
  /** Deletes the item and its links; false when there was no such item. */
  deleteEvidence(id: string): Promise<boolean>;
  /** Creates a link, or replaces its note. The item and the requirement or control must exist. */
  linkEvidence(link: EvidenceLink): Promise<EvidenceLink>;
  unlinkEvidence(key: EvidenceLinkKey): Promise<boolean>;
  /** Sorted by evidence id, then requirement links before control links, then target id. */
  listEvidenceLinks(filter?: EvidenceLinkFilter): Promise<EvidenceLink[]>;
  /** Items and links in one transaction, all or nothing (CSV import). */
  importEvidence(batch: { evidence: Evidence[]; links: EvidenceLink[] }): Promise<EvidenceImportSummary>;

  /** In set order. */
  listOrgControls(): Promise<OrgControl[]>;
  getOrgControl(id: string): Promise<OrgControl | undefined>;
  /**
   * Creates or replaces these controls, deletes `remove` and moves evidence links, in one transaction. A control's
   * position is its index in `controls` (others keep theirs), so saving the whole set orders the whole set. Every
   * cited requirement must exist.
   */
  saveOrgControls(controls: OrgControl[], options?: OrgControlSaveOptions): Promise<void>;
  /** Deletes a control and the evidence links to it. */
  deleteOrgControl(id: string): Promise<boolean>;

  /** Sorted by requirement id. */
  listSoaEntries(frameworkId: string): Promise<SoaEntry[]>;
  /** Creates or replaces decisions in one transaction; each requirement must exist in its framework. */
  saveSoaEntries(entries: SoaEntry[]): Promise<void>;
  deleteSoaEntry(frameworkId: string, requirementId: string): Promise<boolean>;
}

/** Whether a store has the EvidenceStore capability. */
export const supportsEvidence = <S extends object>(store: S): store is S & EvidenceStore =>
  typeof (store as Partial<EvidenceStore>).saveEvidence === 'function' && typeof (store as Partial<EvidenceStore>).listSoaEntries === 'function';
