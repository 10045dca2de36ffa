-- A member an admin suspended (no sign-in, no session, no posting) until an admin lifts it, and a
-- member who deleted their account: the row stays for what refers to it (votes, comments kept as
-- "deleted member"), its address and name replaced. Additive, as every migration is; a build
-- older than this one refuses the migrated catalog (Database.refuseNewerSchema) rather than let a
-- suspended member sign in.
ALTER TABLE members ADD COLUMN suspended_at TIMESTAMP;
ALTER TABLE members ADD COLUMN deleted_at TIMESTAMP;
