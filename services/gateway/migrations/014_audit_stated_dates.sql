-- The dates a write stated that put it in the past (a bureau's register with its monitoring
-- period, a report with when it reached the bureau), by field: who back-dated what is on the
-- record beside the write. Null: none stated. Dates only, never a body's personal data.
ALTER TABLE gateway.audit_log ADD COLUMN stated jsonb;
