-- Keys get an id, shown at issue, by which they are revoked (nobody needs to hold the raw key to
-- revoke it), and the time each was last used (written at most once a minute per key and
-- process), so that keys nobody uses can be found and revoked.
ALTER TABLE gateway.api_keys
    ADD COLUMN key_id uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN last_used_at timestamptz,
    ADD CONSTRAINT api_keys_key_id_is_unique UNIQUE (key_id);
CREATE INDEX api_keys_by_expiry ON gateway.api_keys (expires_at);
