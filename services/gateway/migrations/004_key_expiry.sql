-- Keys expire: a lifetime at issue, and an overlap when rotated (old and new both valid until
-- the old one's expiry). Keys issued before this migration have no expiry until rotated.
ALTER TABLE gateway.api_keys ADD COLUMN expires_at timestamptz;
