-- Employment assistants and service officers hold keys bound to their district and staff number;
-- operations keys are bound to nobody's data (metrics only).
ALTER TABLE gateway.api_keys
    ADD COLUMN staff_id text CHECK (length(staff_id) BETWEEN 1 AND 32),
    DROP CONSTRAINT api_keys_known_kind,
    DROP CONSTRAINT api_keys_only_officials_have_a_district,
    ADD CONSTRAINT api_keys_known_kind CHECK (principal_kind IN
        ('enterprise', 'official', 'community_point', 'assistant', 'officer', 'operations')),
    ADD CONSTRAINT api_keys_staff_have_a_staff_id_and_a_district
        CHECK ((principal_kind IN ('assistant', 'officer'))
               = (staff_id IS NOT NULL AND district_code IS NOT NULL)
               OR principal_kind = 'official'),
    ADD CONSTRAINT api_keys_only_officials_and_staff_have_a_district
        CHECK (principal_kind IN ('official', 'assistant', 'officer') OR district_code IS NULL);
