-- Embeddings of papers (title + abstract), per model and paper version: derived data, but costly
-- to compute (an hour for 100k papers on 2 cores), so kept in the catalog where a reindex finds
-- them instead of recomputing. A newer version of a paper is embedded again.
CREATE TABLE paper_vectors (
    paper_id VARCHAR(40)  NOT NULL,
    model    VARCHAR(100) NOT NULL,
    version  INT          NOT NULL,
    vector   BYTEA        NOT NULL,  -- float32 little-endian, L2-normalised
    PRIMARY KEY (paper_id, model)
);
