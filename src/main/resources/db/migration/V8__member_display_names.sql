-- Public display names. members.name stays the name every page shows ("submitted by", comments,
-- the header, the audit log); a member may now choose it (/me/settings). name_key is the name as
-- names are compared: NFKC-normalised and case-folded (computed by the application), unique, so no
-- two members ever show names that differ only in case, whether chosen or the default taken from
-- the address. name_chosen tells a chosen name from that default.

ALTER TABLE members ADD COLUMN name_key VARCHAR(400);
ALTER TABLE members ADD COLUMN name_chosen BOOLEAN NOT NULL DEFAULT FALSE;

-- Names so far were made from addresses' local parts: lower-case ASCII, so LOWER is their key.
-- Should two differ only in case all the same (a name written by a tool), the later member's name
-- gets its id appended rather than the migration failing.
UPDATE members SET name_key = LOWER(name)
    WHERE NOT EXISTS (SELECT 1 FROM members o WHERE LOWER(o.name) = LOWER(members.name)
                      AND o.id < members.id);
UPDATE members SET name = name || '-' || CAST(id AS VARCHAR(20)),
                   name_key = LOWER(name || '-' || CAST(id AS VARCHAR(20)))
    WHERE name_key IS NULL;

ALTER TABLE members ALTER COLUMN name_key SET NOT NULL;
-- (not "members_name_key": PostgreSQL already calls the UNIQUE constraint of name so)
CREATE UNIQUE INDEX members_name_fold ON members (name_key);
