-- Each member's library: papers saved from a card ("saved") or imported from a reference manager
-- ("bibtex", "ris", "csl-json"). A deleted account's library goes with it (Accounts.delete).
-- Imports match papers by DOI too: papers_doi serves them.
CREATE TABLE library_papers (
    member_id BIGINT      NOT NULL REFERENCES members (id),
    paper_id  VARCHAR(40) NOT NULL,                -- without version, as upvotes
    saved_at  TIMESTAMP   NOT NULL,
    source    VARCHAR(20) NOT NULL,
    PRIMARY KEY (member_id, paper_id)
);
CREATE INDEX library_papers_paper ON library_papers (paper_id);
CREATE INDEX papers_doi ON papers (doi);
