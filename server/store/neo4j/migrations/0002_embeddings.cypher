// Vectors for mapping suggestions (EmbeddingStore), one (:Embedding) node per model and requirement, like the
// SQLite store's embeddings table. Vectors of different models never share a node, and a query always names its
// model, so they never mix. Forward-only, as every migration: see 0001_constraints.cypher.

// One vector per model and requirement: putEmbeddings replaces it in place.
CREATE CONSTRAINT embedding_key IF NOT EXISTS
FOR (e:Embedding) REQUIRE (e.modelId, e.requirementId) IS UNIQUE;

// The candidates of a nearest-requirements query: one model's vectors of one framework.
CREATE INDEX embedding_model_framework IF NOT EXISTS
FOR (e:Embedding) ON (e.modelId, e.frameworkId);

// A content load links each (re)written requirement to the vectors stored for it.
CREATE INDEX embedding_requirement IF NOT EXISTS
FOR (e:Embedding) ON (e.requirementId);

// Approximate nearest neighbours over every model's vectors of this dimension. A vector index has one fixed
// dimension: vectors of any other are simply not indexed, and their models are searched exactly. The
// store over-fetches from it and keeps one model's vectors of one framework (operations/embeddings/).
// 384: all-MiniLM-L6-v2, bge-small-en-v1.5 and their kin. Another default model takes a new migration that drops
// this index and creates one of the new dimension (no stored vector needs to be recomputed).
CREATE VECTOR INDEX embedding_vector IF NOT EXISTS
FOR (e:Embedding) ON (e.vector)
OPTIONS { indexConfig: { `vector.dimensions`: 384, `vector.similarity_function`: 'cosine' } };

// 0001 indexed Requirement.embedding, which nothing ever wrote: one property per requirement would mix models,
// and a content load replaces a requirement's properties. The index on :Embedding above replaces it.
DROP INDEX requirement_embedding IF EXISTS;
