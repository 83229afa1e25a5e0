-- Content loaded from files (frameworks, requirements, mappings with origin reference/import) is replaced on
-- every load; rows people made (origin user/suggestion mappings, reviews) are never touched by a load.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE frameworks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  edition TEXT NOT NULL,
  publisher TEXT NOT NULL,
  url TEXT,
  licence TEXT NOT NULL,
  description TEXT,
  family TEXT,
  ord INTEGER NOT NULL
);

CREATE TABLE requirements (
  id TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  ref TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT,
  parent_id TEXT,            -- not a foreign key: a parent may be loaded after its child in one batch
  ord INTEGER NOT NULL,
  tags TEXT NOT NULL         -- JSON array of strings
);
CREATE INDEX requirements_by_framework ON requirements(framework_id, ord);
CREATE INDEX requirements_by_parent ON requirements(parent_id, ord);
CREATE INDEX requirements_by_ref ON requirements(ref COLLATE NOCASE);

CREATE VIRTUAL TABLE requirements_fts USING fts5(
  id, ref, title, summary, content='requirements', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER requirements_fts_insert AFTER INSERT ON requirements BEGIN
  INSERT INTO requirements_fts(rowid, id, ref, title, summary) VALUES (new.rowid, new.id, new.ref, new.title, coalesce(new.summary, ''));
END;
CREATE TRIGGER requirements_fts_delete AFTER DELETE ON requirements BEGIN
  INSERT INTO requirements_fts(requirements_fts, rowid, id, ref, title, summary) VALUES ('delete', old.rowid, old.id, old.ref, old.title, coalesce(old.summary, ''));
END;
CREATE TRIGGER requirements_fts_update AFTER UPDATE ON requirements BEGIN
  INSERT INTO requirements_fts(requirements_fts, rowid, id, ref, title, summary) VALUES ('delete', old.rowid, old.id, old.ref, old.title, coalesce(old.summary, ''));
  INSERT INTO requirements_fts(rowid, id, ref, title, summary) VALUES (new.rowid, new.id, new.ref, new.title, coalesce(new.summary, ''));
END;

CREATE TABLE mappings (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL REFERENCES requirements(id),
  target TEXT NOT NULL REFERENCES requirements(id),
  source_fw TEXT NOT NULL,
  target_fw TEXT NOT NULL,
  relationship TEXT NOT NULL,
  rationale TEXT NOT NULL,
  strength INTEGER NOT NULL,
  method TEXT NOT NULL,
  status TEXT NOT NULL,
  origin TEXT NOT NULL,      -- reference | import (from files) | user | suggestion (made in the app)
  prov_source TEXT NOT NULL,
  prov_url TEXT,
  prov_author TEXT NOT NULL,
  prov_reviewer TEXT,
  prov_created TEXT NOT NULL,
  prov_reviewed TEXT,
  note TEXT,
  review_note TEXT
);
CREATE INDEX mappings_by_source ON mappings(source);
CREATE INDEX mappings_by_target ON mappings(target);
CREATE INDEX mappings_by_frameworks ON mappings(source_fw, target_fw);

CREATE TABLE no_counterparts (
  requirement_id TEXT NOT NULL REFERENCES requirements(id),
  other_framework_id TEXT NOT NULL,
  note TEXT NOT NULL,
  status TEXT NOT NULL,
  origin TEXT NOT NULL,
  prov_source TEXT NOT NULL,
  prov_url TEXT,
  prov_author TEXT NOT NULL,
  prov_reviewer TEXT,
  prov_created TEXT NOT NULL,
  prov_reviewed TEXT,
  PRIMARY KEY (requirement_id, other_framework_id)
);

CREATE TABLE harmonized_clauses (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  ord INTEGER NOT NULL
);
CREATE TABLE harmonized_members (
  clause_id TEXT NOT NULL REFERENCES harmonized_clauses(id) ON DELETE CASCADE,
  requirement_id TEXT NOT NULL REFERENCES requirements(id),
  ord INTEGER NOT NULL,
  PRIMARY KEY (clause_id, requirement_id)
);

-- Review history: append-only. A mapping's row holds the effect of its latest review.
CREATE TABLE reviews (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mapping_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT,
  edits TEXT                 -- JSON object of corrected fields, or NULL
);
CREATE INDEX reviews_by_mapping ON reviews(mapping_id, seq);
