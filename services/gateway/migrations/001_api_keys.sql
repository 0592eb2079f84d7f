-- The gateway's own schema: API keys and the principal each is bound to.
-- Only a keyed hash of each key is stored; the key itself is shown once, when it is issued.

CREATE TABLE gateway.api_keys (
    key_hash text PRIMARY KEY,
    principal_kind text NOT NULL CHECK (principal_kind IN ('enterprise', 'official')),
    credit_code char(18),
    district_code char(6),
    label text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK ((principal_kind = 'enterprise') = (credit_code IS NOT NULL)),
    CHECK (principal_kind = 'official' OR district_code IS NULL)
);
