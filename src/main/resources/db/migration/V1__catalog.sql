-- The paper catalog: the one source of truth. Portable SQL: runs unchanged on H2 (MODE=PostgreSQL)
-- and PostgreSQL 15; the catalog tests run on both.

-- Every insert or change of a paper takes the next value, so derived data (the search index)
-- can follow the catalog and catch up after a crash.
CREATE SEQUENCE paper_change_seq;

CREATE TABLE papers (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY, -- arXiv id without version
    version          INT          NOT NULL,             -- latest version known
    title            VARCHAR      NOT NULL,
    abstract         VARCHAR      NOT NULL,
    authors          VARCHAR      NOT NULL,             -- JSON array of names, in the paper's order
    categories       VARCHAR      NOT NULL,             -- space-separated, primary first; '' when none
    primary_category VARCHAR(40),
    comments         VARCHAR,
    journal_ref      VARCHAR,
    doi              VARCHAR,
    license          VARCHAR,
    announced        DATE         NOT NULL,             -- v1 announcement date
    updated          DATE         NOT NULL,
    code_url         VARCHAR,                           -- code repository named by the paper itself
    project_url      VARCHAR,                           -- project page named by the paper itself
    content_hash     VARCHAR(32)  NOT NULL,             -- of all fields above: detects real changes
    change_seq       BIGINT       NOT NULL
);
CREATE INDEX papers_change_seq ON papers (change_seq);
CREATE INDEX papers_announced ON papers (announced);
CREATE INDEX papers_primary_category ON papers (primary_category);

-- Code repositories known from outside the paper (the Papers-with-Code dump). Kept apart from
-- papers so a link can arrive before its paper, and a re-import of the paper keeps it.
CREATE TABLE code_links (
    paper_id VARCHAR(40)   NOT NULL,
    repo_url VARCHAR(1000) NOT NULL,
    official BOOLEAN       NOT NULL,
    source   VARCHAR(20)   NOT NULL,
    PRIMARY KEY (paper_id, repo_url)
);

-- Where each harvest stands, so a killed harvest resumes where it stopped.
CREATE TABLE harvest_checkpoints (
    name             VARCHAR(200) NOT NULL PRIMARY KEY, -- e.g. oai:cs:cs:LG
    completed_until  DATE,                              -- next run asks from this datestamp
    run_from         DATE,                              -- from-date of the run in progress
    resumption_token VARCHAR,                           -- next page of the run in progress
    updated_at       TIMESTAMP    NOT NULL
);
