-- A framework's short label for graphs and table headers ("NIST AI RMF 1.0"), or NULL to derive one from its name.
ALTER TABLE frameworks ADD COLUMN short_name TEXT;
