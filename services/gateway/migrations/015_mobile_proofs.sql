-- A self-registered seeker proves a mobile again: to get a new key for a lost one (the number
-- they proved), or to move to a new number (which replaces the old only once proved).

-- A proof waiting for its SMS code, as a keyed hash like a registration's. `seeker_id` and
-- `mobile` are null for a key recovery asked for a number no seeker proved: the answer is the
-- same, nothing is sent and no code can match (its hash is random bytes). A change keeps the
-- number it replaces, to tell it once the new one is proved.
CREATE TABLE gateway.mobile_proofs (
    proof_id uuid PRIMARY KEY,
    purpose text NOT NULL CHECK (purpose IN ('key_recovery', 'mobile_change')),
    seeker_id uuid,
    mobile text,
    previous_mobile text,
    code_hash bytea NOT NULL,
    code_expires_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mobile_proofs_reach_a_seeker CHECK ((seeker_id IS NULL) = (mobile IS NULL)),
    CONSTRAINT mobile_proofs_only_changes_replace
        CHECK ((purpose = 'mobile_change') = (previous_mobile IS NOT NULL))
);
CREATE INDEX mobile_proofs_by_creation ON gateway.mobile_proofs (created_at);

-- Which seeker proved a number (a key recovery names only the number).
CREATE INDEX verified_seeker_numbers_by_number
    ON gateway.verified_seeker_numbers (number_hash, verified_at DESC);

-- The number a proved change replaced, told of the change (so a stolen key is noticed); kept
-- a day for notify to read, then purged.
CREATE TABLE gateway.mobile_change_notices (
    notice_id uuid PRIMARY KEY,
    mobile text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mobile_change_notices_by_creation ON gateway.mobile_change_notices (created_at);

-- Notify's one view of the numbers the gateway texts, by the id its request names: a waiting
-- registration's, a proof's (while the code is valid) and a replaced number's notice.
CREATE OR REPLACE VIEW gateway.self_registration_contacts_v AS
SELECT seeker_id::text AS seeker_id, mobile
FROM gateway.self_registrations
WHERE code_expires_at > now()
UNION ALL
SELECT proof_id::text, mobile
FROM gateway.mobile_proofs
WHERE mobile IS NOT NULL AND code_expires_at > now()
UNION ALL
SELECT notice_id::text, mobile
FROM gateway.mobile_change_notices
WHERE created_at > now() - interval '1 day';
