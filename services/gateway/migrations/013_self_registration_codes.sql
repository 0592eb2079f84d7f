-- Self-registered job seekers prove their mobile by an SMS code before anything of them reaches
-- matching (no recommendations, no notices, not counted in 求人倍率 until then).

-- A registration waiting for its code: the profile as typed (with the mobile: personal data,
-- kept here at most until the code has expired and the purge has run, or until verified), the
-- code only as a keyed hash, and the wrong codes tried.
CREATE TABLE gateway.self_registrations (
    seeker_id uuid PRIMARY KEY,
    profile jsonb NOT NULL,
    mobile text NOT NULL,
    code_hash bytea NOT NULL,
    code_expires_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX self_registrations_by_expiry ON gateway.self_registrations (code_expires_at);

-- When codes went to a number, under a keyed hash of the number (no number kept): the limits
-- per number hold over every registration naming it.
CREATE TABLE gateway.verification_codes_sent (
    number_hash bytea NOT NULL,
    sent_at timestamptz NOT NULL
);
CREATE INDEX verification_codes_sent_by_number
    ON gateway.verification_codes_sent (number_hash, sent_at);

-- The number each self-registered seeker proved (its keyed hash): with their own key they may
-- not change it to one they have not proved.
CREATE TABLE gateway.verified_seeker_numbers (
    seeker_id uuid PRIMARY KEY,
    number_hash bytea NOT NULL,
    verified_at timestamptz NOT NULL
);

-- The gateway's read contract for notify: where to send a waiting registration's code (the
-- request on notify.requests names only the seeker id). Nobody once the code has expired.
CREATE VIEW gateway.self_registration_contacts_v AS
SELECT seeker_id::text AS seeker_id, mobile
FROM gateway.self_registrations
WHERE code_expires_at > now();
