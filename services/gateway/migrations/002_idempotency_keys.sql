-- Idempotency-Keys clients sent, per principal and kind of submission, with a hash of the request.
-- A key sent again with the same request is a retry (same event id); with another request it is
-- refused, so a client reusing keys by mistake hears about it instead of losing submissions.

CREATE TABLE gateway.idempotency_keys (
    principal text NOT NULL,
    event_type text NOT NULL,
    idempotency_key uuid NOT NULL,
    request_sha256 text NOT NULL,
    event_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, event_type, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON gateway.idempotency_keys (created_at);
