-- When the last completed run of a job began: a run that began before a round was due (a long
-- first harvest) does not stand for that round, however late it completed.
ALTER TABLE job_leases ADD COLUMN last_started TIMESTAMP;
