-- Which catalog this is: a random id made once, when the catalog is created. What is derived from
-- the catalog outside the database (the search index in a data dir) records the id it was built
-- from, so pointing a data dir at another catalog rebuilds it instead of following the new
-- catalog's change sequence from where the old one's stopped. A copy of the database (a backup,
-- pg_dump) keeps the id: it is the same catalog. (gen_random_uuid is built into PostgreSQL 13+ and
-- into H2.)
CREATE TABLE catalog_identity (
    one_row    INT         NOT NULL PRIMARY KEY CHECK (one_row = 1),
    id         VARCHAR(36) NOT NULL,
    created_at TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO catalog_identity (one_row, id) VALUES (1, CAST(gen_random_uuid() AS VARCHAR));
