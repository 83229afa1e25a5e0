-- What people make on top of the content: evidence, its links, the organisation's unified controls and its
-- Statement of Applicability decisions. Loading content never writes these tables, and a requirement they point at
-- is kept when the files drop it (see operations/loadContent.ts). Requirement ids are not foreign keys for the same
-- reason as in the mappings table: content and people's work are loaded and edited independently.
CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  owner TEXT NOT NULL,
  location_uri TEXT NOT NULL,
  collected TEXT NOT NULL,     -- YYYY-MM-DD
  expires TEXT,                -- YYYY-MM-DD or NULL
  scope TEXT NOT NULL,         -- JSON array of framework ids; [] = every framework
  description TEXT NOT NULL
);
CREATE INDEX evidence_by_expiry ON evidence(expires);

CREATE TABLE org_controls (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  origin TEXT NOT NULL,        -- proposed | user
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ord INTEGER NOT NULL         -- position in the control set
);
CREATE TABLE org_control_citations (
  control_id TEXT NOT NULL REFERENCES org_controls(id) ON DELETE CASCADE,
  requirement_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  PRIMARY KEY (control_id, requirement_id)
);
CREATE INDEX org_control_citations_by_requirement ON org_control_citations(requirement_id);

-- A link points at a requirement or at an organisation control (target_kind says which).
CREATE TABLE evidence_links (
  evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('requirement', 'org-control')),
  target_id TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (evidence_id, target_kind, target_id)
);
CREATE INDEX evidence_links_by_target ON evidence_links(target_kind, target_id);

CREATE TABLE soa_entries (
  framework_id TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  applicable INTEGER NOT NULL,  -- 0 | 1
  justification TEXT NOT NULL,
  implementation_status TEXT NOT NULL,
  updated_at TEXT,
  PRIMARY KEY (framework_id, requirement_id)
);
CREATE INDEX soa_entries_by_requirement ON soa_entries(requirement_id);
