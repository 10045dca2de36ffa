-- Limits that must hold whichever node a request reaches (sign-in mails and subscriptions per
-- address, posts per member): counted here rather than in each process's memory. A bucket is
-- the SHA-256 of the limit's name and key, so no address is stored; its row is what a node locks
-- while it counts, so two nodes cannot both take the last place.
CREATE TABLE limit_buckets (
    bucket VARCHAR(64) NOT NULL PRIMARY KEY
);

CREATE TABLE limit_events (
    bucket VARCHAR(64) NOT NULL,
    at     TIMESTAMP   NOT NULL
);
CREATE INDEX limit_events_bucket_at ON limit_events (bucket, at);
