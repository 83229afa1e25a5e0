-- Further sources of a mapping's pair (a second crosswalk stating it): a JSON array of
-- {relationship, strength?, note?, provenance}, or NULL when no other source states it.
ALTER TABLE mappings ADD COLUMN also_stated_by TEXT;
