-- Papers a process is embedding now (serve's background embedding, an `embed` worker), so that
-- the others take other papers. A lease runs out after embed.lease: a process killed mid-batch
-- leaves its papers to the next one that looks. Claims are made under the lock row, one process
-- at a time, so no two processes ever claim the same paper.
CREATE TABLE embedding_leases (
    paper_id VARCHAR(40)  NOT NULL,
    model    VARCHAR(200) NOT NULL,
    owner    VARCHAR(100) NOT NULL,
    until    TIMESTAMP    NOT NULL,
    PRIMARY KEY (paper_id, model)
);

CREATE TABLE embedding_claim_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO embedding_claim_lock (id) VALUES (1);
