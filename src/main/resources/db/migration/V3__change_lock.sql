-- One row that every transaction bumping paper_change_seq locks first (SELECT ... FOR UPDATE).
-- Writers then take sequence values in commit order, so a follower reading "change_seq > last"
-- can never miss a change that committed late with a lower value.
CREATE TABLE change_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO change_lock (id) VALUES (1);
