-- Vectors for mapping suggestions, one per requirement and model. Not a foreign key: a vector may
-- outlive a reload and is simply ignored (and replaced) when its text hash no longer matches.
CREATE TABLE embeddings (
  model_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  pooling TEXT NOT NULL,
  prefix TEXT NOT NULL,
  dimension INTEGER NOT NULL,
  vector BLOB NOT NULL,        -- little-endian float32 × dimension
  PRIMARY KEY (model_id, requirement_id)
);
CREATE INDEX embeddings_by_framework ON embeddings(model_id, framework_id);
