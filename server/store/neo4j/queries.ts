/**
 * Every Cypher statement the Neo4j store sends, as named constants (schema statements live in migrations/*.cypher).
 * test/store/cypherSyntax.test.ts lints each one, under Cypher 5 and Cypher 25, against the graph model in
 * graphModel.ts; no other file in this folder may hold Cypher text.
 *
 * Exports are statements (strings), lists of statements, or numbers that size them; nothing else.
 *
 * Conventions: optional filters arrive as `null` (scalars) or `[]` (lists) and mean "any"; whole numbers used as
 * LIMIT/SKIP or stored as INTEGER arrive as Integer (conversion.ts `toInteger`); statements that take `$rows` or
 * `$ids` are run in batches (see operations/loadContent.ts).
 *
 * The graph:
 *   (:Framework)<-[:IN_FRAMEWORK]-(:Requirement)-[:PART_OF]->(:Requirement)
 *   (:Requirement)-[:MAPS_TO {id, relationship, …, provenance*}]->(:Requirement)
 *   (:NoCounterpart)-[:ABOUT]->(:Requirement)
 *   (:Requirement)-[:REALISES {order}]->(:HarmonizedClause)
 *   (:Review {mappingId, seq, …})   (:ContentState {id: 'content', fingerprint}) (:ContentState {id: 'revision', revision})   (:Migration {id})
 *   (:Embedding {modelId, requirementId, frameworkId, textHash, pooling, prefix, dimension, vector})-[:EMBEDS]->(:Requirement)
 *   (:Evidence)-[:SUPPORTS {note?}]->(:Requirement)   (:Evidence)-[:SUPPORTS {note?}]->(:OrgControl)
 *   (:OrgControl {…, position})-[:CITES {position}]->(:Requirement)   (:SoaEntry {frameworkId, requirementId, …})-[:ABOUT]->(:Requirement)
 */

import { WITHDRAWN_TAG } from '../../domain/schemas/requirement.js';

/** A MAPS_TO relationship `m` from `a` to `b` as one map: its properties plus the ids of its ends. */
const MAPPING = 'm {.*, source: a.id, target: b.id}';
/** The EdgeFilter of the domain (graph.ts): empty lists match everything. */
const edgeFilter = (m: string) => `(size($relationships) = 0 OR ${m}.relationship IN $relationships)
  AND (size($statuses) = 0 OR ${m}.status IN $statuses)`;
/** A requirement its publisher has not withdrawn (no tags are stored as no `tags` property). */
const inForce = (r: string) => `NOT '${WITHDRAWN_TAG}' IN coalesce(${r}.tags, [])`;

// ---------------------------------------------------------------------------------------------------------------
// Migrations and maintenance

export const MIGRATIONS_APPLIED = `
MATCH (migration:Migration)
RETURN migration.id AS id`;

export const MIGRATION_RECORD = `
MERGE (migration:Migration {id: $id})
SET migration.appliedAt = datetime()`;

/** Indexes are populated in the background; queries on one still populating fail, so opening waits for them. */
export const AWAIT_INDEXES = `
CALL db.awaitIndexes($timeoutSeconds)`;

/**
 * Test support: deletes up to $batchSize nodes with their relationships; run until it deletes none. The revision
 * node stays: each batch runs in a write transaction, which ends by re-creating it (BUMP_REVISION), so deleting it
 * would leave one node for the next batch to delete, forever; kept, the revision also keeps counting up across a reset.
 */
export const DELETE_ALL_BATCH = `
MATCH (n)
WHERE NOT n:Migration AND NOT (n:ContentState AND n.id = 'revision')
WITH n LIMIT $batchSize
DETACH DELETE n
RETURN count(*) AS deleted`;

// ---------------------------------------------------------------------------------------------------------------
// Content state

export const CONTENT_FINGERPRINT = `
MATCH (state:ContentState {id: 'content'})
RETURN state.fingerprint AS fingerprint`;

/** Bumped in every write transaction, so caches in any process can tell that something changed. */
export const BUMP_REVISION = `
MERGE (state:ContentState {id: 'revision'})
SET state.revision = coalesce(state.revision, 0) + 1`;

export const REVISION = `
OPTIONAL MATCH (state:ContentState {id: 'revision'})
RETURN coalesce(state.revision, 0) AS revision`;

export const SET_CONTENT_FINGERPRINT = `
MERGE (state:ContentState {id: 'content'})
SET state.fingerprint = $fingerprint`;

// ---------------------------------------------------------------------------------------------------------------
// Reads of the stored content (loadContent compares them with the bundle)

export const STORED_FRAMEWORKS = `
MATCH (f:Framework)
RETURN f {.*} AS framework`;

export const STORED_REQUIREMENTS = `
MATCH (r:Requirement)
RETURN r {.*} AS requirement`;

export const STORED_FILE_MAPPINGS = `
MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
WHERE m.origin IN $fileOrigins
RETURN ${MAPPING} AS mapping`;

export const STORED_OTHER_MAPPING_IDS = `
MATCH (:Requirement)-[m:MAPS_TO]->(:Requirement)
WHERE NOT m.origin IN $fileOrigins
RETURN m.id AS id`;

export const STORED_FILE_NO_COUNTERPARTS = `
MATCH (n:NoCounterpart)
WHERE n.origin IN $fileOrigins
RETURN n {.*} AS noCounterpart`;

/** The latest review of every mapping that has one. */
export const LATEST_REVIEWS = `
MATCH (review:Review)
WITH review.mappingId AS mappingId, max(review.seq) AS seq
MATCH (latest:Review {mappingId: mappingId, seq: seq})
RETURN latest {.*} AS review`;

// ---------------------------------------------------------------------------------------------------------------
// Writes of content (batched by the caller)

export const UPSERT_FRAMEWORKS = `
UNWIND $rows AS row
MERGE (f:Framework {id: row.id})
SET f = row`;

/** Replaces each requirement's properties and points it at its framework (and at no other). */
export const UPSERT_REQUIREMENTS = `
UNWIND $rows AS row
MERGE (r:Requirement {id: row.id})
SET r = row
WITH r
OPTIONAL MATCH (r)-[stale:IN_FRAMEWORK]->(other:Framework)
WHERE other.id <> r.frameworkId
DELETE stale
WITH DISTINCT r
MATCH (f:Framework {id: r.frameworkId})
MERGE (r)-[:IN_FRAMEWORK]->(f)`;

/** PART_OF follows `parentId`; a parent that is not stored gets no relationship (as SQLite keeps a dangling parent_id). */
export const LINK_PARENTS = `
UNWIND $ids AS id
MATCH (r:Requirement {id: id})
OPTIONAL MATCH (r)-[stale:PART_OF]->(:Requirement)
DELETE stale
WITH DISTINCT r
MATCH (parent:Requirement {id: r.parentId})
MERGE (r)-[:PART_OF]->(parent)`;

/** Children stored earlier whose parent has just been (re)written get their PART_OF back. */
export const LINK_CHILDREN = `
UNWIND $ids AS id
MATCH (parent:Requirement {id: id})
MATCH (child:Requirement {parentId: id})
MERGE (child)-[:PART_OF]->(parent)`;

/**
 * A requirement that vanished from the files goes, unless something still points at it: a mapping, a no-counterpart
 * record, a harmonized clause, or what people made (an evidence link, a control citation, a SoA decision), as in the
 * SQLite store. Vectors do not keep it (nor do they in SQLite): its (:Embedding) nodes stay, unlinked, and are
 * linked again by LINK_EMBEDDINGS if it comes back. The write lock is taken (the SET) before the checks, so a mapping or
 * link someone commits meanwhile is either seen by them or waits and then fails on the deleted node; never deleted
 * unseen with it. (Not yet run against a server.)
 */
export const REMOVE_UNUSED_REQUIREMENTS = `
UNWIND $ids AS id
MATCH (r:Requirement {id: id})
SET r.removalLock = true
REMOVE r.removalLock
WITH r, id
WHERE NOT EXISTS { (r)-[:MAPS_TO]-(:Requirement) }
  AND NOT EXISTS { (:NoCounterpart)-[:ABOUT]->(r) }
  AND NOT EXISTS { (r)-[:REALISES]->(:HarmonizedClause) }
  AND NOT EXISTS { (:Evidence)-[:SUPPORTS]->(r) }
  AND NOT EXISTS { (:OrgControl)-[:CITES]->(r) }
  AND NOT EXISTS { (:SoaEntry)-[:ABOUT]->(r) }
DETACH DELETE r
RETURN collect(id) AS removed`;

/**
 * The suggester's proposals that nobody has reviewed do not keep a vanished requirement: they go before
 * REMOVE_UNUSED_REQUIREMENTS runs, as in the SQLite store (a new run proposes again from what is there).
 */
export const DROP_UNREVIEWED_PROPOSALS = `
UNWIND $ids AS id
MATCH (:Requirement {id: id})-[m:MAPS_TO]-(:Requirement)
WHERE m.origin = 'suggestion' AND m.status = 'proposed'
  AND NOT EXISTS { MATCH (review:Review) WHERE review.mappingId = m.id AND review.seq IS NOT NULL }
WITH DISTINCT m
DELETE m
RETURN count(*) AS dropped`;

/** Requirements just (re)written get the EMBEDS relationships of the vectors stored for them (none are written). */
export const LINK_EMBEDDINGS = `
UNWIND $ids AS id
MATCH (r:Requirement {id: id})
MATCH (e:Embedding {requirementId: id})
MERGE (e)-[:EMBEDS]->(r)`;

/** A framework that vanished from the files goes once no requirement belongs to it. */
export const REMOVE_UNUSED_FRAMEWORKS = `
UNWIND $ids AS id
MATCH (f:Framework {id: id})
WHERE NOT EXISTS { MATCH (r:Requirement) WHERE r.frameworkId = id }
DETACH DELETE f
RETURN count(*) AS removed`;

/** Only file-sourced mappings: a person's mapping with the same id is never touched by a load. */
export const DELETE_FILE_MAPPINGS = `
UNWIND $ids AS id
MATCH (:Requirement)-[m:MAPS_TO {id: id}]->(:Requirement)
WHERE m.origin IN $fileOrigins
DELETE m`;

/** `$rows`: [{source, target, props}]; returns how many were created so a missing end cannot pass unnoticed. */
export const CREATE_MAPPINGS = `
UNWIND $rows AS row
MATCH (a:Requirement {id: row.source})
MATCH (b:Requirement {id: row.target})
CREATE (a)-[m:MAPS_TO]->(b)
SET m = row.props
RETURN count(m) AS created`;

export const UPSERT_NO_COUNTERPARTS = `
UNWIND $rows AS row
MATCH (r:Requirement {id: row.requirementId})
MERGE (n:NoCounterpart {requirementId: row.requirementId, otherFrameworkId: row.otherFrameworkId})
SET n = row
MERGE (n)-[:ABOUT]->(r)
RETURN count(n) AS written`;

/** `$keys`: [{requirementId, otherFrameworkId}]. */
export const DELETE_NO_COUNTERPARTS = `
UNWIND $keys AS key
MATCH (n:NoCounterpart {requirementId: key.requirementId, otherFrameworkId: key.otherFrameworkId})
DETACH DELETE n`;

export const UPSERT_HARMONIZED_CLAUSES = `
UNWIND $rows AS row
MERGE (c:HarmonizedClause {id: row.id})
SET c = row`;

export const CLEAR_HARMONIZED_MEMBERS = `
UNWIND $ids AS id
MATCH (:Requirement)-[member:REALISES]->(:HarmonizedClause {id: id})
DELETE member`;

/** `$rows`: [{clauseId, requirementId, order}]. */
export const CREATE_HARMONIZED_MEMBERS = `
UNWIND $rows AS row
MATCH (c:HarmonizedClause {id: row.clauseId})
MATCH (r:Requirement {id: row.requirementId})
CREATE (r)-[:REALISES {order: row.order}]->(c)
RETURN count(*) AS created`;

export const DELETE_HARMONIZED_CLAUSES = `
UNWIND $ids AS id
MATCH (c:HarmonizedClause {id: id})
DETACH DELETE c`;

// ---------------------------------------------------------------------------------------------------------------
// Catalog reads

export const LIST_FRAMEWORKS = `
MATCH (f:Framework)
RETURN f {.*} AS framework, COUNT { (f)<-[:IN_FRAMEWORK]-(:Requirement) } AS requirementCount
ORDER BY f.id`;

/** `$anyParent` true: no parent filter; otherwise children of `$parentId`, or roots when it is null. */
export const LIST_REQUIREMENTS = `
MATCH (r:Requirement)
WHERE ($frameworkId IS NULL OR r.frameworkId = $frameworkId)
  AND ($anyParent OR (CASE WHEN $parentId IS NULL THEN r.parentId IS NULL ELSE r.parentId = $parentId END))
  AND (size($kinds) = 0 OR r.kind IN $kinds)
RETURN r {.*} AS requirement
ORDER BY r.frameworkId, r.order, r.id
SKIP $offset LIMIT $limit`;

export const GET_REQUIREMENTS = `
UNWIND $ids AS id
MATCH (r:Requirement {id: id})
RETURN r {.*} AS requirement`;

/** Root first; bounded like the SQLite store's recursive query. */
export const REQUIREMENT_ANCESTORS = `
MATCH path = (:Requirement {id: $id})-[:PART_OF*1..64]->(ancestor:Requirement)
RETURN ancestor {.*} AS requirement, length(path) AS depth
ORDER BY depth DESC`;

export const REQUIREMENT_CHILDREN = `
MATCH (child:Requirement {parentId: $id})
RETURN child {.*} AS requirement
ORDER BY child.order, child.id`;

export const LIST_NO_COUNTERPARTS = `
MATCH (n:NoCounterpart)-[:ABOUT]->(r:Requirement)
WHERE ($requirementId IS NULL OR n.requirementId = $requirementId)
  AND ($frameworkId IS NULL OR r.frameworkId = $frameworkId)
  AND ($otherFrameworkId IS NULL OR n.otherFrameworkId = $otherFrameworkId)
RETURN n {.*} AS noCounterpart
ORDER BY n.requirementId, n.otherFrameworkId`;

export const LIST_HARMONIZED_CLAUSES = `
MATCH (c:HarmonizedClause)
RETURN c {.*} AS clause, [(r:Requirement)-[member:REALISES]->(c) | {id: r.id, order: member.order}] AS members
ORDER BY c.order, c.id`;

// ---------------------------------------------------------------------------------------------------------------
// Mappings

export const GET_MAPPING = `
MATCH (a:Requirement)-[m:MAPS_TO {id: $id}]->(b:Requirement)
RETURN ${MAPPING} AS mapping`;

/** A stored mapping from $source to $target, whatever its id (used to refuse inverse duplicates). */
export const MAPPING_BETWEEN = `
MATCH (:Requirement {id: $source})-[m:MAPS_TO]->(:Requirement {id: $target})
RETURN m.id AS id
ORDER BY id
LIMIT 1`;

export const DELETE_MAPPING = `
MATCH (:Requirement)-[m:MAPS_TO {id: $id}]->(:Requirement)
DELETE m`;

/** Every mapping touching each of `$ids`, filtered, once per requirement it touches. */
export const MAPPINGS_AT = `
UNWIND $ids AS id
MATCH (:Requirement {id: id})-[m:MAPS_TO]-(:Requirement)
WITH DISTINCT id, m
WHERE ${edgeFilter('m')}
WITH id, m, startNode(m) AS a, endNode(m) AS b
RETURN id, ${MAPPING} AS mapping`;

const MAPPING_FILTER = `
WHERE ($pair IS NULL
    OR (a.frameworkId = $pair[0] AND b.frameworkId = $pair[1])
    OR (a.frameworkId = $pair[1] AND b.frameworkId = $pair[0]))
  AND ($frameworkId IS NULL OR a.frameworkId = $frameworkId OR b.frameworkId = $frameworkId)
  AND (size($relationships) = 0 OR m.relationship IN $relationships)
  AND (size($statuses) = 0 OR m.status IN $statuses)
  AND (size($methods) = 0 OR m.method IN $methods)
  AND (size($origins) = 0 OR m.origin IN $origins)
  AND ($provenanceSource IS NULL OR m.provenanceSource = $provenanceSource)
  AND (NOT $disputed OR any(stated IN coalesce(m.alsoStatedRelationships, []) WHERE stated <> m.relationship))`;

/** In document order, as compareMappingsInDocumentOrder (graphAlgorithms.ts) defines it. */
const FIND_MAPPINGS_PAGE = `
RETURN ${MAPPING} AS mapping
ORDER BY a.frameworkId, a.order, b.frameworkId, b.order, m.id
SKIP $offset LIMIT $limit`;

const ALL_MAPPINGS = `
MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)`;

/** Started from one requirement, so the requirement id index does the work. */
const MAPPINGS_AT_REQUIREMENT = `
MATCH (:Requirement {id: $requirementId})-[m:MAPS_TO]-(:Requirement)
WITH DISTINCT m
WITH m, startNode(m) AS a, endNode(m) AS b`;

export const FIND_MAPPINGS = `${ALL_MAPPINGS}${MAPPING_FILTER}${FIND_MAPPINGS_PAGE}`;

/** FIND_MAPPINGS started from one requirement. */
export const FIND_MAPPINGS_AT_REQUIREMENT = `${MAPPINGS_AT_REQUIREMENT}${MAPPING_FILTER}${FIND_MAPPINGS_PAGE}`;

/** How many FIND_MAPPINGS would give without SKIP and LIMIT. */
export const COUNT_MAPPINGS = `${ALL_MAPPINGS}${MAPPING_FILTER}
RETURN count(m) AS total`;

export const COUNT_MAPPINGS_AT_REQUIREMENT = `${MAPPINGS_AT_REQUIREMENT}${MAPPING_FILTER}
RETURN count(m) AS total`;

/** For each of $frameworkIds, the mappings with an end in that framework (a mapping inside one framework counted once). */
export const COUNT_MAPPINGS_BY_FRAMEWORK = `
UNWIND $frameworkIds AS frameworkId
OPTIONAL MATCH (:Requirement {frameworkId: frameworkId})-[m:MAPS_TO]-(:Requirement)
RETURN frameworkId, count(DISTINCT m) AS total`;

// ---------------------------------------------------------------------------------------------------------------
// Reviews

/**
 * Reads a mapping for review after taking its write lock (the SET), so concurrent reviews of one mapping run one
 * after the other and each applies its decision to the mapping as the previous one left it.
 */
export const LOCK_MAPPING_FOR_REVIEW = `
MATCH (a:Requirement)-[m:MAPS_TO {id: $id}]->(b:Requirement)
SET m.reviewLock = true
REMOVE m.reviewLock
RETURN ${MAPPING} AS mapping`;

/**
 * Appends to the mapping's history; `seq` numbers its reviews 1, 2, … in the order they were made. Every review has a
 * seq: the `IS NOT NULL` lets Neo4j use the (mappingId, seq) index, which needs a predicate on each of its properties.
 */
export const CREATE_REVIEW = `
OPTIONAL MATCH (previous:Review {mappingId: $review.mappingId})
WHERE previous.seq IS NOT NULL
WITH coalesce(max(previous.seq), 0) + 1 AS seq
CREATE (review:Review)
SET review = $review, review.seq = seq`;

export const UPDATE_MAPPING = `
MATCH (:Requirement)-[m:MAPS_TO {id: $id}]->(:Requirement)
SET m = $props`;

export const REVIEW_HISTORY = `
MATCH (review:Review {mappingId: $mappingId})
WHERE review.seq IS NOT NULL
RETURN review {.*} AS review
ORDER BY review.seq`;

// ---------------------------------------------------------------------------------------------------------------
// Graph queries

/**
 * All simple paths (no node twice) of 1..N MAPS_TO relationships between two requirements, either direction, with
 * each step read in the direction of travel (`forward`: the relationship points the way the path goes). A variable
 * length cannot be a parameter, so there is one statement per N; see `pathsQuery`.
 */
const pathsUpTo = (maxLength: number) => `
MATCH path = (:Requirement {id: $from})-[:MAPS_TO*1..${maxLength}]-(:Requirement {id: $to})
WHERE all(m IN relationships(path) WHERE ${edgeFilter('m')})
  AND all(n IN nodes(path) WHERE single(other IN nodes(path) WHERE other = n))
RETURN [i IN range(0, length(path) - 1) | {
  mappingId: relationships(path)[i].id,
  from: nodes(path)[i].id,
  to: nodes(path)[i + 1].id,
  relationship: relationships(path)[i].relationship,
  forward: startNode(relationships(path)[i]) = nodes(path)[i]
}] AS steps`;

/** Longest path the native statement serves; longer ones are found by the store from MAPPINGS_AT, level by level. */
export const PATHS_NATIVE_MAX_LENGTH = 8;

/** PATHS_UP_TO[n - 1] finds paths of at most n steps. */
export const PATHS_UP_TO: readonly string[] = Object.freeze(Array.from({ length: PATHS_NATIVE_MAX_LENGTH }, (_, i) => pathsUpTo(i + 1)));

export const REQUIREMENT_TOTALS = `
MATCH (r:Requirement)
WHERE ${inForce('r')}
RETURN r.frameworkId AS frameworkId, count(*) AS total`;

/** Matching mappings counted from each end: `outgoing` false means read from the target side (inverse relationship). */
export const COVERAGE_BY_RELATIONSHIP = `
MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
WHERE m.relationship <> 'no-relationship'
  AND ${inForce('a')} AND ${inForce('b')}
  AND ${edgeFilter('m')}
UNWIND [{source: a.frameworkId, target: b.frameworkId, outgoing: true},
        {source: b.frameworkId, target: a.frameworkId, outgoing: false}] AS side
RETURN side.source AS source, side.target AS target, m.relationship AS relationship, side.outgoing AS outgoing, count(*) AS mappings`;

/** Per ordered framework pair: how many requirements of the source have at least one matching mapping to the target. */
export const COVERAGE_COVERED = `
MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
WHERE m.relationship <> 'no-relationship'
  AND ${inForce('a')} AND ${inForce('b')}
  AND ${edgeFilter('m')}
UNWIND [{end: a.id, source: a.frameworkId, target: b.frameworkId},
        {end: b.id, source: b.frameworkId, target: a.frameworkId}] AS side
RETURN side.source AS source, side.target AS target, count(DISTINCT side.end) AS covered`;

// ---------------------------------------------------------------------------------------------------------------
// Search

/** A requirement whose id, or ref ignoring case, is exactly what was typed; `$refKey` is refKeyOf (conversion.ts) of it. */
export const SEARCH_EXACT = `
MATCH (r:Requirement)
WHERE (r.id = $text OR r.refKey = $refKey)
  AND ($frameworkId IS NULL OR r.frameworkId = $frameworkId)
RETURN r {.*} AS requirement
ORDER BY r.frameworkId, r.order
LIMIT $limit`;

/** A requirement that records $aliasTag (alias:GV-1.1) among its tags, ignoring case; see aliasTagSearched. */
export const SEARCH_ALIAS = `
MATCH (r:Requirement)
WHERE any(tag IN coalesce(r.tags, []) WHERE toLower(tag) = toLower($aliasTag))
  AND ($frameworkId IS NULL OR r.frameworkId = $frameworkId)
RETURN r {.*} AS requirement
ORDER BY r.frameworkId, r.order
LIMIT $limit`;

/** `$query` is Lucene syntax built by operations/search.ts from escaped words, never raw user text. */
export const SEARCH_FULLTEXT = `
CALL db.index.fulltext.queryNodes('requirement_text', $query) YIELD node, score
WHERE node:Requirement AND ($frameworkId IS NULL OR node.frameworkId = $frameworkId)
RETURN node {.*} AS requirement, score
ORDER BY score DESC, node.id
LIMIT $limit`;


// ---------------------------------------------------------------------------------------------------------------
// Embeddings (EmbeddingStore; see operations/embeddings/)

/** The vector index nearestRequirements queries (migrations/0002_embeddings.cypher). */
const EMBEDDING_INDEX = 'embedding_vector';

/**
 * Creates or replaces one model's vectors. `$model`: {modelId, pooling, prefix, dimension}; `$rows`:
 * [{requirementId, frameworkId, textHash, vector}]. The vector is stored as a float32 array (half the size of a
 * LIST<FLOAT> that SET would store; the values are float32 already). Linked to its requirement when that exists.
 */
export const UPSERT_EMBEDDINGS = `
UNWIND $rows AS row
MERGE (e:Embedding {modelId: $model.modelId, requirementId: row.requirementId})
SET e.frameworkId = row.frameworkId, e.textHash = row.textHash, e.pooling = $model.pooling, e.prefix = $model.prefix,
    e.dimension = $model.dimension
WITH e, row
CALL db.create.setNodeVectorProperty(e, 'vector', row.vector)
WITH e
MATCH (r:Requirement {id: e.requirementId})
MERGE (e)-[:EMBEDS]->(r)`;

export const GET_EMBEDDINGS = `
UNWIND $ids AS id
MATCH (e:Embedding {modelId: $modelId, requirementId: id})
RETURN e.requirementId AS requirementId, e.textHash AS textHash, e.vector AS vector`;

/** How many vectors a nearest-requirements query ranks, per stored dimension (a model has one, normally). */
export const EMBEDDING_CANDIDATES = `
MATCH (e:Embedding {modelId: $modelId, frameworkId: $frameworkId})
RETURN e.dimension AS dimension, count(*) AS candidates`;

/** Every stored vector, of every model (from the count store): sizes the over-fetch from the shared index. */
export const EMBEDDING_COUNT = `
MATCH (e:Embedding)
RETURN count(e) AS total`;

/** The vector index's dimension and state; no row when it does not exist. */
export const EMBEDDING_INDEX_STATE = `
SHOW INDEXES YIELD name, type, state, options
WHERE name = '${EMBEDDING_INDEX}' AND type = 'VECTOR'
RETURN state, options.indexConfig['vector.dimensions'] AS dimension`;

/**
 * Cosine similarity as the domain reads it, in [-1, 1]: Neo4j's function (like its index) answers (1 + cos) / 2. A
 * zero vector has no direction; it scores 0, as in the SQLite store. `$queryValid` is false for a zero query.
 */
const cosine = (e: string) =>
  `(CASE WHEN $queryValid AND any(x IN ${e}.vector WHERE x <> 0) THEN 2 * vector.similarity.cosine(${e}.vector, $vector) - 1 ELSE 0.0 END)`;

/**
 * The `$fetch` nearest vectors of the index, of any model and framework; of those, this model's vectors of this
 * framework, scored exactly. `fetched` tells the caller whether the index had more to give.
 */
export const NEAREST_BY_INDEX = `
CALL db.index.vector.queryNodes('${EMBEDDING_INDEX}', $fetch, $vector) YIELD node
WITH count(node) AS fetched,
     collect(CASE WHEN node.modelId = $modelId AND node.frameworkId = $frameworkId THEN node END) AS found
RETURN fetched, [e IN found | {requirementId: e.requirementId, score: ${cosine('e')}}] AS hits`;

/**
 * Exact search: every vector of this model and framework, scored, best first; the first `$limit` and any that tie
 * with the last of them (the caller breaks ties by id as the SQLite store does).
 */
export const NEAREST_EXACT = `
MATCH (e:Embedding {modelId: $modelId, frameworkId: $frameworkId})
WITH e.requirementId AS requirementId, ${cosine('e')} AS score
ORDER BY score DESC
WITH collect({requirementId: requirementId, score: score}) AS ranked
WITH ranked, ranked[$limit - 1].score AS cutoff
UNWIND ranked AS hit
WITH hit, cutoff
WHERE cutoff IS NULL OR hit.score >= cutoff
RETURN hit.requirementId AS requirementId, hit.score AS score`;

// ---------------------------------------------------------------------------------------------------------------
// Evidence, organisation controls and SoA entries (EvidenceStore; see operations/evidence/)

/** Which of `$ids` exist (one statement per label: a label cannot be a parameter in Cypher 5). */
export const EXISTING_FRAMEWORK_IDS = `
UNWIND $ids AS id
MATCH (f:Framework {id: id})
RETURN f.id AS id`;

export const EXISTING_REQUIREMENTS = `
UNWIND $ids AS id
MATCH (r:Requirement {id: id})
RETURN r.id AS id, r.frameworkId AS frameworkId`;

export const EXISTING_EVIDENCE_IDS = `
UNWIND $ids AS id
MATCH (e:Evidence {id: id})
RETURN e.id AS id`;

export const EXISTING_ORG_CONTROL_IDS = `
UNWIND $ids AS id
MATCH (c:OrgControl {id: id})
RETURN c.id AS id`;

/** Replaces each item's properties (a null removes one); its links stay. */
export const UPSERT_EVIDENCE = `
UNWIND $rows AS row
MERGE (e:Evidence {id: row.id})
SET e = row`;

export const GET_EVIDENCE = `
MATCH (e:Evidence {id: $id})
RETURN e {.*} AS evidence`;

/**
 * EvidenceFilter; an empty or absent scope means every framework. `$words` (EvidenceFilter.text split into words):
 * an item matches when each occurs, ignoring case, in its id, title, owner or description (joined by spaces, which
 * no word has, so no word spans two); CONTAINS takes them as plain text, so `%`, `_` and quotes match themselves.
 */
const EVIDENCE_FILTER = `
MATCH (e:Evidence)
WHERE ($requirementId IS NULL OR EXISTS { (e)-[:SUPPORTS]->(:Requirement {id: $requirementId}) })
  AND ($orgControlId IS NULL OR EXISTS { (e)-[:SUPPORTS]->(:OrgControl {id: $orgControlId}) })
  AND ($frameworkId IS NULL OR e.scope IS NULL OR $frameworkId IN e.scope)
  AND ($expiredAsOf IS NULL OR e.expires < $expiredAsOf)
  AND (size($words) = 0 OR all(word IN $words
    WHERE toLower(e.id + ' ' + e.title + ' ' + e.owner + ' ' + coalesce(e.description, '')) CONTAINS toLower(word)))`;

export const LIST_EVIDENCE = `${EVIDENCE_FILTER}
RETURN e {.*} AS evidence
ORDER BY e.id
SKIP $offset LIMIT $limit`;

/** How many LIST_EVIDENCE would give without SKIP and LIMIT. */
export const COUNT_EVIDENCE = `${EVIDENCE_FILTER}
RETURN count(e) AS total`;

export const DELETE_EVIDENCE = `
MATCH (e:Evidence {id: $id})
DETACH DELETE e
RETURN count(*) AS deleted`;

/** `$rows`: [{evidenceId, targetId, note}]; a link that exists gets the new note (or none). */
export const UPSERT_REQUIREMENT_LINKS = `
UNWIND $rows AS row
MATCH (e:Evidence {id: row.evidenceId})
MATCH (r:Requirement {id: row.targetId})
MERGE (e)-[s:SUPPORTS]->(r)
SET s.note = row.note
RETURN count(s) AS written`;

export const UPSERT_CONTROL_LINKS = `
UNWIND $rows AS row
MATCH (e:Evidence {id: row.evidenceId})
MATCH (c:OrgControl {id: row.targetId})
MERGE (e)-[s:SUPPORTS]->(c)
SET s.note = row.note
RETURN count(s) AS written`;

export const DELETE_REQUIREMENT_LINK = `
MATCH (:Evidence {id: $evidenceId})-[s:SUPPORTS]->(:Requirement {id: $targetId})
DELETE s
RETURN count(*) AS deleted`;

export const DELETE_CONTROL_LINK = `
MATCH (:Evidence {id: $evidenceId})-[s:SUPPORTS]->(:OrgControl {id: $targetId})
DELETE s
RETURN count(*) AS deleted`;

/** Every link of these items, of both kinds (an import replaces them). */
export const DELETE_LINKS_OF_EVIDENCE = `
UNWIND $ids AS id
MATCH (e:Evidence {id: id})-[s:SUPPORTS]->()
DELETE s`;

/** EvidenceLinkFilter; requirement links before control links, as the SQLite store sorts them. */
export const LIST_EVIDENCE_LINKS = `
MATCH (e:Evidence)-[s:SUPPORTS]->(target)
WHERE ($evidenceId IS NULL OR e.id = $evidenceId)
  AND (target:Requirement OR target:OrgControl)
WITH e, s, target, CASE WHEN target:Requirement THEN 'requirement' ELSE 'org-control' END AS kind
WHERE ($requirementId IS NULL OR (kind = 'requirement' AND target.id = $requirementId))
  AND ($orgControlId IS NULL OR (kind = 'org-control' AND target.id = $orgControlId))
RETURN e.id AS evidenceId, kind, target.id AS targetId, s.note AS note
ORDER BY evidenceId, kind DESC, targetId`;

/** `$id` null: the whole set, in set order. */
export const LIST_ORG_CONTROLS = `
MATCH (c:OrgControl)
WHERE $id IS NULL OR c.id = $id
RETURN c {.*} AS control, [(c)-[k:CITES]->(r:Requirement) | {id: r.id, position: k.position}] AS citations
ORDER BY c.position, c.id`;

/** Replaces each control's properties, `position` included; its citations are replaced separately. */
export const UPSERT_ORG_CONTROLS = `
UNWIND $rows AS row
MERGE (c:OrgControl {id: row.id})
SET c = row`;

export const CLEAR_CITATIONS = `
UNWIND $ids AS id
MATCH (:OrgControl {id: id})-[k:CITES]->(:Requirement)
DELETE k`;

/** `$rows`: [{controlId, requirementId, position}]. */
export const CREATE_CITATIONS = `
UNWIND $rows AS row
MATCH (c:OrgControl {id: row.controlId})
MATCH (r:Requirement {id: row.requirementId})
CREATE (c)-[:CITES {position: row.position}]->(r)
RETURN count(*) AS created`;

/** An item linked to both controls keeps one link to `$to`, with the note it had there. */
export const MOVE_CONTROL_LINKS = `
MATCH (to:OrgControl {id: $to})
MATCH (e:Evidence)-[old:SUPPORTS]->(:OrgControl {id: $from})
MERGE (e)-[moved:SUPPORTS]->(to)
ON CREATE SET moved.note = old.note
DELETE old`;

/** The control, its citations and the evidence links to it. */
export const DELETE_ORG_CONTROL = `
MATCH (c:OrgControl {id: $id})
DETACH DELETE c
RETURN count(*) AS deleted`;

export const LIST_SOA_ENTRIES = `
MATCH (s:SoaEntry {frameworkId: $frameworkId})
RETURN s {.*} AS entry
ORDER BY s.requirementId`;

/** Replaces each decision's properties (a null removes one) and points it at its requirement. */
export const UPSERT_SOA_ENTRIES = `
UNWIND $rows AS row
MATCH (r:Requirement {id: row.requirementId})
MERGE (s:SoaEntry {frameworkId: row.frameworkId, requirementId: row.requirementId})
SET s = row
MERGE (s)-[:ABOUT]->(r)
RETURN count(s) AS written`;

export const DELETE_SOA_ENTRY = `
MATCH (s:SoaEntry {frameworkId: $frameworkId, requirementId: $requirementId})
DETACH DELETE s
RETURN count(*) AS deleted`;
