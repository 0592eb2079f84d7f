-- The district each enterprise is registered in, as the gateway has published it: the source of
-- its scope decisions on write. Monitoring's registry view lags the topic, so checking against it
-- let a district claim an enterprise that another had just registered or moved.
--
-- A registration claims its row (a conditional upsert) before it is published, and gives the
-- claim back if the broker does not acknowledge: `previous_district` is what the claim replaced
-- (NULL: the claim created the row), `claim_token` names the claim so that only its own
-- compensation undoes it.
CREATE TABLE gateway.enterprise_districts (
    credit_code char(18) PRIMARY KEY,
    district_code char(6) NOT NULL,
    previous_district char(6),
    claim_token uuid NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);

-- Enterprises registered before this table existed, where monitoring's view is there to say.
DO $$
BEGIN
    IF to_regclass('monitoring.enterprise_registry_v') IS NOT NULL THEN
        INSERT INTO gateway.enterprise_districts (credit_code, district_code, claim_token)
        SELECT credit_code, district_code, gen_random_uuid()
        FROM monitoring.enterprise_registry_v
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;
