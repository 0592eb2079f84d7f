-- Community monitoring points hold keys too, bound to their street or town.
ALTER TABLE gateway.api_keys
    ADD COLUMN town_code char(9),
    DROP CONSTRAINT api_keys_principal_kind_check,
    DROP CONSTRAINT api_keys_check,
    DROP CONSTRAINT api_keys_check1,
    ADD CONSTRAINT api_keys_known_kind
        CHECK (principal_kind IN ('enterprise', 'official', 'community_point')),
    ADD CONSTRAINT api_keys_enterprise_has_credit_code
        CHECK ((principal_kind = 'enterprise') = (credit_code IS NOT NULL)),
    ADD CONSTRAINT api_keys_point_has_town_code
        CHECK ((principal_kind = 'community_point') = (town_code IS NOT NULL)),
    ADD CONSTRAINT api_keys_only_officials_have_a_district
        CHECK (principal_kind = 'official' OR district_code IS NULL);
