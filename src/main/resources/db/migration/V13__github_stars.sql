-- GitHub stars of the repositories papers link to (paper code_url and code_links), read daily by
-- `paperboy stars` and serve (leased: one process a day). A repository is keyed by the owner/name
-- the papers link, lower-cased; a renamed one keeps its key and notes where GitHub sent us.
CREATE TABLE github_repos (
    repo       VARCHAR(200) NOT NULL PRIMARY KEY, -- owner/name as linked, lower-case
    full_name  VARCHAR(200),                      -- owner/name as GitHub names it now
    etag       VARCHAR(200),                      -- for If-None-Match: a 304 costs no quota
    stars      INT,                               -- null until read, and once gone
    status     VARCHAR(10)  NOT NULL,             -- ok, gone (404/410/451)
    checked_at TIMESTAMP    NOT NULL
);

-- Stars per repository per day (UTC), so the site knows stars gained.
CREATE TABLE github_stars_daily (
    repo  VARCHAR(200) NOT NULL,
    on_day DATE        NOT NULL,
    stars INT          NOT NULL,
    PRIMARY KEY (repo, on_day)
);

-- Per paper, from its repositories (the most-starred one): what cards, the API and "Hot on
-- GitHub" read. Rewritten after every round.
CREATE TABLE paper_stars (
    paper_id     VARCHAR(40)  NOT NULL PRIMARY KEY,
    repo         VARCHAR(200) NOT NULL,
    stars        INT          NOT NULL,
    gained_7d    INT          NOT NULL
);
CREATE INDEX paper_stars_gained ON paper_stars (gained_7d);
