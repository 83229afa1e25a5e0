-- What a review's corrections replaced (the mapping's earlier values of the fields it changed), as a JSON object,
-- or NULL when the review changed nothing.
ALTER TABLE reviews ADD COLUMN replaced TEXT;
