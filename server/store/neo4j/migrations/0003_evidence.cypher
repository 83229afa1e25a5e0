// What people make on top of the content (EvidenceStore): evidence items and their links, the organisation's
// unified controls and its Statement of Applicability decisions, like the SQLite store's 0003_evidence.sql.
// Loading content never writes these, and keeps every requirement they point at (REMOVE_UNUSED_REQUIREMENTS).
//
//   (:Evidence)-[:SUPPORTS {note?}]->(:Requirement)      (:Evidence)-[:SUPPORTS {note?}]->(:OrgControl)
//   (:OrgControl {position})-[:CITES {position}]->(:Requirement)
//   (:SoaEntry {frameworkId, requirementId})-[:ABOUT]->(:Requirement)

CREATE CONSTRAINT evidence_id IF NOT EXISTS
FOR (e:Evidence) REQUIRE e.id IS UNIQUE;

CREATE CONSTRAINT org_control_id IF NOT EXISTS
FOR (c:OrgControl) REQUIRE c.id IS UNIQUE;

CREATE CONSTRAINT soa_entry_key IF NOT EXISTS
FOR (s:SoaEntry) REQUIRE (s.frameworkId, s.requirementId) IS UNIQUE;

// listSoaEntries reads one framework's decisions.
CREATE INDEX soa_entry_framework IF NOT EXISTS
FOR (s:SoaEntry) ON (s.frameworkId);
