-- Sessions of the officials' console. The browser holds only a random session id; this table
-- holds a hash of it, the keyed hash of the API key the official signed in with (so that revoking
-- or expiring the key ends its sessions), the session's CSRF token, and when it ends: idle
-- sessions end after `expires_at`, every session at `ends_at` however busy.
CREATE TABLE gateway.console_sessions (
    session_hash text PRIMARY KEY,
    key_hash text NOT NULL REFERENCES gateway.api_keys (key_hash) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL
);
CREATE INDEX console_sessions_by_expiry ON gateway.console_sessions (expires_at);
