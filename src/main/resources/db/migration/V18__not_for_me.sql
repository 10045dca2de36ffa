-- A member's thumbs down on a recommendation: the paper leaves their "For you" page and digest
-- part, and papers like it rank lower (Recommender). Undone by deleting the row. A deleted
-- account's rows go with it (Accounts.delete); paperboy export carries them.
CREATE TABLE not_for_me (
    member_id BIGINT      NOT NULL REFERENCES members (id),
    paper_id  VARCHAR(40) NOT NULL,                -- without version, as upvotes
    said_at   TIMESTAMP   NOT NULL,
    PRIMARY KEY (member_id, paper_id)
);
