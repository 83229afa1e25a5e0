// Crosswalk graph schema, Neo4j 5.15 or later (5.26 LTS and 2025.x tested against the linter in
// test/store/cypherSyntax.test.ts). Forward-only: never edit an applied migration, add 0002_… instead.
// Each statement runs in its own transaction (schema and data writes cannot share one); statements are separated
// by semicolons, and comments are whole lines starting with two slashes.

// Identity. Property uniqueness constraints exist in every edition (key constraints need Enterprise Edition)
// and are backed by a RANGE index, so lookups by id are index seeks.
CREATE CONSTRAINT framework_id IF NOT EXISTS
FOR (f:Framework) REQUIRE f.id IS UNIQUE;

CREATE CONSTRAINT requirement_id IF NOT EXISTS
FOR (r:Requirement) REQUIRE r.id IS UNIQUE;

// Mappings are MAPS_TO relationships; relationship property uniqueness needs Neo4j 5.7 or later.
CREATE CONSTRAINT mapping_id IF NOT EXISTS
FOR ()-[m:MAPS_TO]-() REQUIRE m.id IS UNIQUE;

CREATE CONSTRAINT no_counterpart_key IF NOT EXISTS
FOR (n:NoCounterpart) REQUIRE (n.requirementId, n.otherFrameworkId) IS UNIQUE;

CREATE CONSTRAINT harmonized_clause_id IF NOT EXISTS
FOR (c:HarmonizedClause) REQUIRE c.id IS UNIQUE;

CREATE CONSTRAINT content_state_id IF NOT EXISTS
FOR (s:ContentState) REQUIRE s.id IS UNIQUE;

CREATE CONSTRAINT migration_id IF NOT EXISTS
FOR (m:Migration) REQUIRE m.id IS UNIQUE;

// Lookups the queries filter on.
CREATE INDEX requirement_framework IF NOT EXISTS
FOR (r:Requirement) ON (r.frameworkId);

CREATE INDEX requirement_parent IF NOT EXISTS
FOR (r:Requirement) ON (r.parentId);

CREATE INDEX mapping_status IF NOT EXISTS
FOR ()-[m:MAPS_TO]-() ON (m.status);

CREATE INDEX mapping_origin IF NOT EXISTS
FOR ()-[m:MAPS_TO]-() ON (m.origin);

CREATE INDEX review_mapping IF NOT EXISTS
FOR (r:Review) ON (r.mappingId, r.seq);

// Search: words in ids, refs, titles and summaries (see operations/search.ts for how queries are built). The
// analyzer is named rather than left to the server's default: one with stop words would drop a typed "a" and
// leave an empty required clause, which matches nothing.
CREATE FULLTEXT INDEX requirement_text IF NOT EXISTS
FOR (r:Requirement) ON EACH [r.id, r.ref, r.title, r.summary]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };

// Semantic search over requirement embeddings. The dimension is that of the embedding model Crosswalk is
// configured with (384: all-MiniLM-L6-v2 and its kin). Changing the model means a new migration that drops
// this index and creates one with the new dimension, and re-embedding every requirement.
CREATE VECTOR INDEX requirement_embedding IF NOT EXISTS
FOR (r:Requirement) ON (r.embedding)
OPTIONS { indexConfig: { `vector.dimensions`: 384, `vector.similarity_function`: 'cosine' } };
