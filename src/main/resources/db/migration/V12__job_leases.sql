-- Periodic jobs that one process of a catalog runs at a time (the arXiv harvest: arXiv asks for
-- one polite client, not one per node). A holder renews its lease while it works and gives it up
-- when done, noting when it last completed; a holder killed mid-job leaves a lease that runs out,
-- after which another process takes the job over.
CREATE TABLE job_leases (
    name           VARCHAR(100) NOT NULL PRIMARY KEY,
    owner          VARCHAR(100),
    until          TIMESTAMP,
    last_completed TIMESTAMP
);
