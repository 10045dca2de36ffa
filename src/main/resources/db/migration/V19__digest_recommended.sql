-- Whether a subscriber who is a member gets the "Recommended for you" part of their digest: on
-- unless they turn it off on the manage page.
ALTER TABLE subscriptions ADD COLUMN recommended BOOLEAN NOT NULL DEFAULT TRUE;
