// Search looks a requirement up by its ref ignoring case. Comparing toLower(r.ref) reads every requirement, so the
// store keeps the lower-cased ref as `refKey` (conversion.ts fromRequirement) and indexes it; the second statement
// fills it in for requirements written before this migration.

CREATE INDEX requirement_ref_key IF NOT EXISTS
FOR (r:Requirement) ON (r.refKey);

MATCH (r:Requirement)
WHERE r.refKey IS NULL
SET r.refKey = toLower(r.ref);
