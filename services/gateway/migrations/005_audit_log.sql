-- Every write the gateway accepted: who, what, about which district, when. Officials read the
-- entries of their district (the city: all). No request bodies: they may hold personal data.
CREATE TABLE gateway.audit_log (
    event_id text PRIMARY KEY,
    principal text NOT NULL,
    district_code char(6),
    event_type text NOT NULL,
    topic text NOT NULL,
    subject text NOT NULL,
    accepted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_by_district ON gateway.audit_log (district_code, accepted_at DESC);
CREATE INDEX audit_log_by_time ON gateway.audit_log (accepted_at DESC);
