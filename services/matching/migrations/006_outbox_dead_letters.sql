-- Outbox rows that cannot be published (outbox.py): each failed attempt counted with its reason
-- (the error and the fields it names, never the row's values); after the allowed attempts the
-- row is set aside (its dead_lettered_at), so it no longer holds the others back.
CREATE TABLE matching.outbox_failures (
    outbox text NOT NULL,
    row_key text NOT NULL,
    attempts integer NOT NULL,
    reason text NOT NULL,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    dead_lettered_at timestamptz,
    PRIMARY KEY (outbox, row_key)
);

ALTER TABLE matching.demand_outbox ADD COLUMN dead_lettered_at timestamptz;
ALTER TABLE matching.sharing_notices ADD COLUMN dead_lettered_at timestamptz;
ALTER TABLE matching.recommendation_notices ADD COLUMN dead_lettered_at timestamptz;
